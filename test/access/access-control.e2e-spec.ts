import request from 'supertest';
import type { DataSource } from 'typeorm';
import { PERMISSIONS, PROVINCE_ROLES, ROLES, type Role } from '../../src/auth/roles';
import { DOCUMENT_PUBLIC_ROUTES } from '../documents/access-fixtures';
import type { MadeUser } from '../factories/factories';
import { createTestApp, type TestApp } from '../utils/test-app';
import { discoverRoutes, fillPath, paramKeys, type RouteInfo } from './routes';
import { BODIES, idIn, PARAM_RESOURCES, populateTenant, userOfRole, type TenantFixture } from './tenant-fixtures';

const PUBLIC_ROUTES = [
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/refresh',
  'GET /health',
  ...DOCUMENT_PUBLIC_ROUTES,
];
const key = (r: RouteInfo) => `${r.method} ${r.path}`;
const isProvinceRole = (role: Role) => (PROVINCE_ROLES as readonly Role[]).includes(role);

/** Every row of every table that carries a regionId, for one region: what a foreign caller must never change. */
async function snapshotRegion(db: DataSource, regionId: string): Promise<string> {
  const parts: string[] = [];
  for (const meta of db.entityMetadatas
    .filter((m) => m.findColumnWithPropertyName('regionId'))
    .sort((a, b) => a.tableName.localeCompare(b.tableName))) {
    const rows = await db.getRepository(meta.target).find({ where: { regionId }, order: { id: 'ASC' } });
    parts.push(`${meta.tableName}:${JSON.stringify(rows)}`);
  }
  const region = await db.query('SELECT * FROM regions WHERE id = ?', [regionId]);
  return parts.join('\n') + JSON.stringify(region);
}

describe('access control: every route × role × tenant', () => {
  let t: TestApp;
  // Each check walks every route (× every role): real report builds and workbook imports included.
  jest.setTimeout(300_000);
  let routes: RouteInfo[];
  let home: TenantFixture;
  let foreign: TenantFixture;

  const call = (route: RouteInfo, user: MadeUser | null, f: TenantFixture, idFor: (k: string) => string) => {
    const body = BODIES[`${route.method} ${route.path}`]?.(f);
    let req = request(t.http)[route.method.toLowerCase() as 'get'](fillPath(route.path, idFor));
    if (user) req = req.set(t.auth(user));
    return body ? req.send(body) : req;
  };
  /** A fresh user per request, so that logouts and password changes of one check cannot affect another. */
  const userOf = (role: Role, f: TenantFixture) => userOfRole(t, role, f);

  beforeAll(async () => {
    t = await createTestApp();
    routes = discoverRoutes(t.app);
    home = await populateTenant(t);
    foreign = await populateTenant(t);
  });
  afterAll(() => t.close());

  it('discovers the routes, and only login, refresh, health and document verification are public', () => {
    expect(routes.length).toBeGreaterThan(15);
    expect(
      routes
        .filter((r) => r.isPublic)
        .map(key)
        .sort(),
    ).toEqual([...PUBLIC_ROUTES].sort());
    expect(routes.filter((r) => !r.isPublic && !r.permission).map(key)).toEqual([]);
  });

  it('every write route and every route parameter is covered by the fixtures', () => {
    const writes = routes.filter((r) => r.method !== 'GET' && r.method !== 'DELETE').map(key);
    expect(writes.filter((k) => !BODIES[k])).toEqual([]);
    expect(routes.flatMap((r) => paramKeys(r.path)).filter((k) => !PARAM_RESOURCES[k])).toEqual([]);
  });

  it('refuses every non-public route without a token (401)', async () => {
    for (const route of routes.filter((r) => !r.isPublic)) {
      const res = await call(route, null, home, idIn(home));
      expect([key(route), res.status, res.body.code]).toEqual([key(route), 401, 'UNAUTHENTICATED']);
    }
  });

  it('lets each role through exactly the routes its permissions name (403 PERMISSION_DENIED otherwise, 404 to a province)', async () => {
    for (const route of routes.filter((r) => !r.isPublic)) {
      const allowed = PERMISSIONS[route.permission!] as readonly Role[];
      for (const role of ROLES) {
        const user = await userOf(role, home);
        const res = await call(route, user, home, idIn(home));
        // A province is refused with the guard's own 404 (a route it may use can still 404 on a row it cannot see).
        const denied = isProvinceRole(role)
          ? res.status === 404 && res.body.message === 'Resource not found'
          : res.status === 403 && res.body.code === 'PERMISSION_DENIED';
        expect([key(route), role, denied]).toEqual([key(route), role, !allowed.includes(role)]);
        expect([key(route), role, res.status]).not.toEqual([key(route), role, 401]);
      }
    }
  });

  it('answers 404 to a user of another region for every route naming a foreign row, and changes nothing there', async () => {
    const before = await snapshotRegion(t.db, foreign.regionId);
    for (const route of routes.filter((r) => !r.isPublic && paramKeys(r.path).length > 0)) {
      for (const role of (PERMISSIONS[route.permission!] as readonly Role[]).filter((r) => r !== 'SUPERADMIN')) {
        const res = await call(route, await userOf(role, home), home, idIn(foreign));
        expect([key(route), role, res.status]).toEqual([key(route), role, 404]);
      }
    }
    expect(await snapshotRegion(t.db, foreign.regionId)).toBe(before);
  });

  it('never lists or changes another region’s rows through parameterless routes', async () => {
    const before = await snapshotRegion(t.db, foreign.regionId);
    const foreignIds = [foreign.regionId, ...Object.values(foreign.ids), foreign.ownSkpdId, foreign.otherSkpdId];
    for (const route of routes.filter((r) => !r.isPublic && paramKeys(r.path).length === 0)) {
      for (const role of (PERMISSIONS[route.permission!] as readonly Role[]).filter((r) => r !== 'SUPERADMIN')) {
        const res = await call(route, await userOf(role, home), home, idIn(home));
        const text = JSON.stringify(res.body);
        for (const id of foreignIds) expect([key(route), role, text.includes(id)]).toEqual([key(route), role, false]);
      }
    }
    expect(await snapshotRegion(t.db, foreign.regionId)).toBe(before);
  });

  it('answers 404 to every user of a sibling kabupaten/kota (same province) for every route naming the tenant’s rows', async () => {
    const before = await snapshotRegion(t.db, home.regionId);
    const homeIds = [home.regionId, ...Object.values(home.ids), home.ownSkpdId, home.otherSkpdId];
    for (const route of routes.filter((r) => !r.isPublic)) {
      for (const role of (PERMISSIONS[route.permission!] as readonly Role[]).filter((r) => r !== 'SUPERADMIN')) {
        const sibling = await userOfRole(t, role, home, home.siblingRegionId);
        if (paramKeys(route.path).length > 0) {
          const res = await call(route, sibling, home, idIn(home));
          expect([key(route), role, res.status]).toEqual([key(route), role, 404]);
        } else {
          const text = JSON.stringify((await call(route, sibling, home, idIn(home))).body);
          for (const id of homeIds) expect([key(route), role, text.includes(id)]).toEqual([key(route), role, false]);
        }
      }
    }
    const after = await snapshotRegion(t.db, home.regionId);
    expect(after.split('\n').filter((l) => !l.startsWith('audit_log:'))).toEqual(
      before.split('\n').filter((l) => !l.startsWith('audit_log:')),
    );
  });

  it('lets a province user read its kabupaten/kota through every province route, and nothing else', async () => {
    const provinceRoutes = routes.filter((r) => r.permission === 'province.read' && paramKeys(r.path).length > 0);
    expect(provinceRoutes.length).toBeGreaterThan(0);
    for (const role of PROVINCE_ROLES) {
      for (const route of provinceRoutes) {
        const res = await call(route, await userOf(role, home), home, idIn(home));
        // The fixture has no FINAL Pemda evaluation, so the roadmap alone is a 404 (of the evaluation, not the region).
        const ok = res.status === 200 || (res.status === 404 && !/region/i.test(String(res.body.message)));
        expect([key(route), role, res.status, ok]).toEqual([key(route), role, res.status, true]);
      }
      // Province roles write nothing but their own session and notifications, and pembinaan of their children.
      const writes = routes.filter(
        (r) =>
          r.method !== 'GET' &&
          !r.isPublic &&
          r.permission !== 'session.self' &&
          r.permission !== 'notification.self' &&
          r.permission !== 'province.assist',
      );
      for (const route of writes)
        expect([key(route), (PERMISSIONS[route.permission!] as readonly Role[]).includes(role)]).toEqual([
          key(route),
          false,
        ]);
    }
  });

  it('answers 404 to a province user on every write naming its kabupaten/kota, and changes nothing there', async () => {
    const before = await snapshotRegion(t.db, home.regionId);
    const writes = routes.filter((r) => r.method !== 'GET' && !r.isPublic && !r.permission?.startsWith('province.'));
    expect(writes.length).toBeGreaterThan(20);
    for (const role of PROVINCE_ROLES) {
      for (const route of writes.filter((r) => !(PERMISSIONS[r.permission!] as readonly Role[]).includes(role))) {
        const res = await call(route, await userOf(role, home), home, idIn(home));
        expect([key(route), role, res.status, res.body.code]).toEqual([key(route), role, 404, 'NOT_FOUND']);
      }
    }
    const after = await snapshotRegion(t.db, home.regionId);
    expect(after.split('\n').filter((l) => !l.startsWith('audit_log:'))).toEqual(
      before.split('\n').filter((l) => !l.startsWith('audit_log:')),
    );
  });

  it('answers 404 to a planner of SKPD X for every SKPD-owned row of SKPD Y', async () => {
    const before = await snapshotRegion(t.db, home.regionId);
    const skpdRoutes = routes.filter(
      (r) =>
        !r.isPublic &&
        (PERMISSIONS[r.permission!] as readonly Role[]).includes('PLANNER') &&
        paramKeys(r.path).some((k) => PARAM_RESOURCES[k].skpdOwned),
    );
    expect(skpdRoutes.length).toBeGreaterThan(0);
    for (const route of skpdRoutes) {
      const res = await call(route, await userOf('PLANNER', home), home, idIn(home));
      expect([key(route), res.status]).toEqual([key(route), 404]);
    }
    const after = await snapshotRegion(t.db, home.regionId);
    // The callers (new planner accounts) are the only rows added; nothing of SKPD Y changed.
    expect(after.split('\n').filter((l) => !l.startsWith('users:') && !l.startsWith('audit_log:'))).toEqual(
      before.split('\n').filter((l) => !l.startsWith('users:') && !l.startsWith('audit_log:')),
    );
  });

  it('gives SUPERADMIN no tenant data', async () => {
    const admin = await t.make.user({ role: 'SUPERADMIN' });
    for (const route of routes.filter(
      (r) =>
        r.method === 'GET' && !r.isPublic && (PERMISSIONS[r.permission!] as readonly Role[]).includes('SUPERADMIN'),
    )) {
      const body = JSON.stringify((await call(route, admin, home, idIn(home))).body);
      expect([key(route), body.includes(home.ownSkpdId)]).toEqual([key(route), false]);
    }
  });
});
