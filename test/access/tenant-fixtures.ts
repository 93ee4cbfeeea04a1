import request from 'supertest';
import { BUDGET_BODIES } from '../budget/access-fixtures';
import { DOCUMENT_BODIES, DOCUMENT_PARAM_RESOURCES } from '../documents/access-fixtures';
import { PLANNING_BODIES, PLANNING_PARAM_RESOURCES, populatePlanning } from '../planning/access-fixtures';
import { PEMBINAAN_BODIES, PEMBINAAN_PARAM_RESOURCES, populatePembinaan } from '../provinces/pembinaan-access-fixtures';
import { populateProgress, PROGRESS_BODIES, PROGRESS_PARAM_RESOURCES } from '../progress/access-fixtures';
import { PROVINCE_ROLES, type Role } from '../../src/auth/roles';
import { Region } from '../../src/organization/entities/region.entity';
import type { MadeUser } from '../factories/factories';
import {
  NOTIFICATION_BODIES,
  NOTIFICATION_PARAM_RESOURCES,
  populateNotifications,
} from '../notifications/access-fixtures';
import {
  populatePublicItems,
  PUBLIC_ITEM_BODIES,
  PUBLIC_ITEM_PARAM_RESOURCES,
} from '../public-pages/access-fixtures';
import type { TestApp } from '../utils/test-app';

/**
 * For the route × role × tenant matrix (access-control.e2e-spec.ts): a tenant with one row of every kind,
 * and how a route parameter maps to one of those rows. Every feature module adds a populate step, its route
 * parameters and request bodies here; a route whose parameter or body is not mapped fails the matrix test,
 * so no route is missed.
 */
export interface TenantFixture {
  regionId: string;
  /** The SKPD whose planner is the caller in the same-region test. */
  ownSkpdId: string;
  /** A second SKPD of the same region: a planner of ownSkpd must not reach its rows. */
  otherSkpdId: string;
  /** The tenant's province (a PROVINSI region over regionId and siblingRegionId); its users hold the province roles. */
  provinceId: string;
  /** Another kabupaten of the same province: its users must not reach the tenant through the province. */
  siblingRegionId: string;
  /** Row ids by resource key (see PARAM_RESOURCES); rows of `otherSkpdId` where the resource is SKPD-owned. */
  ids: Record<string, string>;
}

export type PopulateStep = (t: TestApp, f: TenantFixture) => Promise<void>;

/** Resource for a route parameter, keyed by "<path segment before it>/:<param>"; skpdOwned = planners see only their SKPD's. */
export const PARAM_RESOURCES: Record<string, { resource: string; skpdOwned: boolean }> = {
  'regions/:id': { resource: 'region', skpdOwned: false },
  'skpd/:id': { resource: 'skpd', skpdOwned: true },
  'users/:id': { resource: 'user', skpdOwned: false },
  'evaluations/:id': { resource: 'evaluation', skpdOwned: true },
  'recommendations/:recommendationId': { resource: 'evaluationRecommendation', skpdOwned: true },
  'evidence/:id': { resource: 'evidence', skpdOwned: true },
  /** Province routes name a kabupaten/kota of the caller's province: the tenant's region. */
  'regions/:regionId': { resource: 'childRegion', skpdOwned: false },
  ...PLANNING_PARAM_RESOURCES,
  ...PROGRESS_PARAM_RESOURCES,
  ...NOTIFICATION_PARAM_RESOURCES,
  ...DOCUMENT_PARAM_RESOURCES,
  ...PUBLIC_ITEM_PARAM_RESOURCES,
  ...PEMBINAAN_PARAM_RESOURCES,
};

/**
 * A valid body for each write route ("METHOD /path"), so a refused request proves the tenant check and not
 * merely validation. Routes that create in the caller's own tenant are checked by the foreign-row snapshot.
 */
export const BODIES: Record<string, (f: TenantFixture) => object> = {
  'POST /api/v1/auth/login': () => ({ username: 'nobody', password: 'Salah-2026-sandi' }),
  'POST /api/v1/auth/refresh': () => ({ refreshToken: 'x'.repeat(40) }),
  'POST /api/v1/auth/logout': () => ({}),
  'POST /api/v1/auth/change-password': () => ({
    currentPassword: 'Salah-2026-sandi',
    newPassword: 'Sandi-Baru-2026-x',
  }),
  'POST /api/v1/regions': () => ({ code: '99.99', name: 'Kabupaten Matriks', kind: 'KABUPATEN' }),
  'PATCH /api/v1/regions/:id': () => ({ version: 1, name: 'Diubah' }),
  'PUT /api/v1/regions/:id/province': (f) => ({ version: 1, provinceId: f.provinceId }),
  'POST /api/v1/skpd': () => ({ code: '9.99.99', name: 'Dinas Matriks', shortName: 'DM', kind: 'DINAS' }),
  'PATCH /api/v1/skpd/:id': () => ({ version: 1, name: 'Diubah' }),
  'POST /api/v1/users': (f) => ({
    username: 'matriks.user',
    displayName: 'Matriks',
    role: 'HEAD',
    password: 'Sangat-Rahasia-2026',
    regionId: f.regionId,
  }),
  'PATCH /api/v1/users/:id': () => ({ version: 1, displayName: 'Diubah' }),
  'POST /api/v1/users/:id/reset-password': () => ({ newPassword: 'Sangat-Rahasia-2026' }),
  'POST /api/v1/evaluations': (f) => ({ skpdId: f.otherSkpdId, year: 2031 }),
  'POST /api/v1/evaluations/open-year': () => ({ year: 2032 }),
  'PATCH /api/v1/evaluations/:id/schedule': () => ({ version: 1, qaDeadline: '2031-06-30T16:59:59Z' }),
  'PUT /api/v1/evaluations/:id/answers': () => ({
    version: 1,
    answers: [{ criterionId: '1.a.1', answer: 'B', note: 'matriks' }],
  }),
  'PUT /api/v1/evaluations/:id/self-assessment': () => ({
    version: 1,
    answers: [{ criterionId: '1.a.1', answer: 'B', note: 'matriks' }],
  }),
  'POST /api/v1/evaluations/:id/submit': () => ({ version: 1 }),
  'POST /api/v1/evaluations/:id/advance': () => ({ version: 1 }),
  'POST /api/v1/evaluations/:id/reopen': () => ({ version: 1, reason: 'Keberatan atas hasil evaluasi diterima' }),
  'PUT /api/v1/evaluations/:id/official-result': () => ({
    version: 1,
    components: [{ componentId: '1', score: '24.5' }],
  }),
  'POST /api/v1/evaluations/:id/recommendations': () => ({ text: 'Agar menyusun rencana aksi triwulanan.' }),
  'PATCH /api/v1/evaluations/:id/recommendations/:recommendationId': () => ({
    version: 1,
    text: 'Agar memperbaiki rencana aksi.',
  }),
  'PUT /api/v1/evaluations/:id/recommendations/:recommendationId/follow-up': () => ({
    version: 1,
    followUp: 'Rencana aksi telah ditetapkan.',
  }),
  'POST /api/v1/evidence': (f) => ({ skpdId: f.otherSkpdId }),
  // Multipart routes (the matrix sends JSON, so no file): the tenant and PK checks run before the file is read.
  'POST /api/v1/pk/:id/excel/preview': () => ({}),
  'POST /api/v1/pk/:id/excel/commit': () => ({ previewToken: 'matriks' }),
  // Multipart routes: without a file the service still checks the evaluation's tenant first (404 before 400).
  'POST /api/v1/evaluations/:id/lke-excel/preview': () => ({}),
  'POST /api/v1/evaluations/:id/lke-excel/commit': () => ({ previewToken: 'x'.repeat(20) }),
  ...PLANNING_BODIES,
  ...PROGRESS_BODIES,
  ...NOTIFICATION_BODIES,
  ...DOCUMENT_BODIES,
  ...BUDGET_BODIES,
  ...PUBLIC_ITEM_BODIES,
  ...PEMBINAAN_BODIES,
  'PUT /api/v1/realisation-windows': () => ({ year: 2031, quarter: 1, deadline: '2031-04-15T16:59:59Z' }),
  'POST /api/v1/realisation-windows/reopen': (f) => ({
    skpdId: f.otherSkpdId,
    year: 2031,
    quarter: 1,
    reason: 'Matriks akses',
    until: '2099-01-01T00:00:00Z',
  }),
  'PUT /api/v1/realisations': (f) => ({
    skpdId: f.otherSkpdId,
    year: 2025,
    quarter: 1,
    items: [{ indicatorId: f.ids.indicator, value: '1' }],
  }),
  'PUT /api/v1/performance-settings': () => ({ blockOnDataQuality: false, version: 0 }),
};

/** Populate steps of each feature module, run in order. */
export const POPULATE_STEPS: PopulateStep[] = [
  async (t, f) => {
    const user = await t.make.user({ role: 'HEAD', regionId: f.regionId });
    f.ids.region = f.regionId;
    f.ids.skpd = f.otherSkpdId;
    f.ids.user = user.id;
    f.ids.childRegion = f.regionId;
  },
  // Evaluation: one LKE evaluation of otherSkpdId with one recommendation.
  async (t, f) => {
    const admin = await t.make.user({ role: 'REGION_ADMIN', regionId: f.regionId });
    const evaluator = await t.make.user({ role: 'EVALUATOR', regionId: f.regionId });
    const ev = await request(t.http)
      .post('/api/v1/evaluations')
      .set(t.auth(admin))
      .send({ skpdId: f.otherSkpdId, year: 2030 })
      .expect(201);
    const rec = await request(t.http)
      .post(`/api/v1/evaluations/${ev.body.id}/recommendations`)
      .set(t.auth(evaluator))
      .send({ text: 'Agar menyusun rencana aksi.' })
      .expect(201);
    f.ids.evaluation = ev.body.id;
    f.ids.evaluationRecommendation = rec.body.id;
  },
  // Evidence: one PDF uploaded by a planner of otherSkpdId.
  async (t, f) => {
    const planner = await t.make.user({ role: 'PLANNER', regionId: f.regionId, skpdId: f.otherSkpdId });
    const res = await request(t.http)
      .post('/api/v1/evidence')
      .set(t.auth(planner))
      .attach('file', Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n'), 'bukti.pdf')
      .expect(201);
    f.ids.evidence = res.body.id;
  },
  populatePlanning,
  populateProgress,
  populateNotifications,
  populatePublicItems,
  populatePembinaan,
];

export async function populateTenant(t: TestApp): Promise<TenantFixture> {
  const province = await t.make.region({ kind: 'PROVINSI' });
  const region = await t.make.region();
  await t.db.getRepository(Region).update({ id: region.id }, { provinceId: province.id });
  const sibling = await t.make.region({ provinceId: province.id });
  const own = await t.make.skpd(region.id);
  const other = await t.make.skpd(region.id);
  const f: TenantFixture = {
    regionId: region.id,
    provinceId: province.id,
    siblingRegionId: sibling.id,
    ownSkpdId: own.id,
    otherSkpdId: other.id,
    ids: {},
  };
  for (const step of POPULATE_STEPS) await step(t, f);
  return f;
}

/**
 * A new user of the role in the tenant's region (SUPERADMIN: no region; province roles: the tenant's province); a
 * planner belongs to `ownSkpdId`. `regionId` puts the user in another region of the fixture (the sibling).
 */
export const userOfRole = (t: TestApp, role: Role, f: TenantFixture, regionId?: string): Promise<MadeUser> =>
  role === 'SUPERADMIN'
    ? t.make.user({ role })
    : (PROVINCE_ROLES as readonly Role[]).includes(role) && !regionId
      ? t.make.user({ role, regionId: f.provinceId })
      : regionId
        ? t.make.user({ role, regionId })
        : t.make.user({ role, regionId: f.regionId, skpdId: role === 'PLANNER' ? f.ownSkpdId : undefined });

/** The fixture row id for a route parameter key ("<segment>/:<param>", see routes.ts paramKeys). */
export const idIn =
  (f: TenantFixture) =>
  (key: string): string => {
    const mapping = PARAM_RESOURCES[key];
    if (!mapping)
      throw new Error(`route parameter ${key} has no entry in PARAM_RESOURCES (test/access/tenant-fixtures.ts)`);
    return f.ids[mapping.resource];
  };
