import request from 'supertest';
import type { TestApp } from '../utils/test-app';

/**
 * Planning's part of the route × role × tenant matrix (test/access/tenant-fixtures.ts). To wire in:
 *   PARAM_RESOURCES: ...PLANNING_PARAM_RESOURCES    BODIES: ...PLANNING_BODIES    POPULATE_STEPS: populatePlanning
 * Rows of resources marked skpdOwned belong to the fixture's otherSkpd, so a planner of ownSkpd must get 404.
 */
interface Fixture {
  regionId: string;
  ownSkpdId: string;
  otherSkpdId: string;
  ids: Record<string, string>;
}

export const PLANNING_PARAM_RESOURCES: Record<string, { resource: string; skpdOwned: boolean }> = {
  'periods/:id': { resource: 'planningPeriod', skpdOwned: false },
  'nodes/:id': { resource: 'planNode', skpdOwned: true },
  'indicators/:id': { resource: 'indicator', skpdOwned: true },
  'pk/:id': { resource: 'pk', skpdOwned: true },
};

export const PLANNING_BODIES: Record<string, (f: Fixture) => object> = {
  'POST /api/v1/planning/periods': () => ({ name: 'RPJMD Matriks', startYear: 2040, endYear: 2044 }),
  'PATCH /api/v1/planning/periods/:id': () => ({ version: 1, name: 'Diubah' }),
  'POST /api/v1/planning/nodes': (f) => ({
    periodId: f.ids.planningPeriod,
    skpdId: f.ownSkpdId,
    kind: 'TUJUAN',
    code: 'T.MATRIKS',
    name: 'Tujuan matriks',
  }),
  'PATCH /api/v1/planning/nodes/:id': () => ({ version: 1, name: 'Diubah' }),
  'POST /api/v1/planning/indicators': (f) => ({
    nodeId: f.ids.ownPlanNode,
    code: 'I.MATRIKS',
    name: 'Indikator matriks',
    satuan: 'unit',
    polarity: 'HIGHER_IS_BETTER',
    aggregation: 'CUMULATIVE_SUM',
  }),
  'PATCH /api/v1/planning/indicators/:id': () => ({ version: 1, name: 'Diubah' }),
  'PUT /api/v1/planning/indicators/:id/targets': () => ({ targets: [{ year: 2025, target: '1' }] }),
  'PUT /api/v1/planning/indicators/:id/crosscut': (f) => ({
    year: 2025,
    contributions: [{ skpdId: f.ownSkpdId, sharePercent: '10' }],
  }),
  'POST /api/v1/pk': (f) => ({ skpdId: f.ownSkpdId, year: 2026 }),
  'PATCH /api/v1/pk/:id': () => ({ version: 1, signerName: 'Diubah' }),
  'PUT /api/v1/pk/:id/indicators': () => ({ version: 1, items: [] }),
  'POST /api/v1/pk/:id/submit': () => ({}),
  'POST /api/v1/pk/:id/return': () => ({ reason: 'Dikembalikan untuk diperbaiki' }),
  'POST /api/v1/pk/:id/approve': () => ({}),
  'POST /api/v1/pk/:id/lock': () => ({}),
  'POST /api/v1/pk/:id/revisions': () => ({ reason: 'Perubahan anggaran' }),
  'PUT /api/v1/pk-deadlines': () => ({ year: 2031, submitDeadline: '2031-01-31' }),
};

/** A period 2025–2029, a Pemda tujuan, the other SKPD's tujuan → sasaran with an indicator, and its DRAFT PK for 2025. */
export async function populatePlanning(t: TestApp, f: Fixture): Promise<void> {
  const admin = await t.make.user({ role: 'REGION_ADMIN', regionId: f.regionId });
  const post = async (path: string, body: object) => {
    const res = await request(t.http).post(`/api/v1${path}`).set(t.auth(admin)).send(body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string };
  };
  const period = await post('/planning/periods', { name: 'RPJMD 2025–2029', startYear: 2025, endYear: 2029 });
  await post('/planning/nodes', { periodId: period.id, kind: 'TUJUAN', code: 'T.PEMDA', name: 'Tujuan Pemda' });
  const tujuan = await post('/planning/nodes', {
    periodId: period.id,
    skpdId: f.otherSkpdId,
    kind: 'TUJUAN',
    code: 'T.1',
    name: 'Tujuan SKPD lain',
  });
  const sasaran = await post('/planning/nodes', {
    periodId: period.id,
    skpdId: f.otherSkpdId,
    kind: 'SASARAN',
    parentId: tujuan.id,
    code: 'S.1',
    name: 'Sasaran SKPD lain',
  });
  const own = await post('/planning/nodes', {
    periodId: period.id,
    skpdId: f.ownSkpdId,
    kind: 'TUJUAN',
    code: 'T.OWN',
    name: 'Tujuan SKPD sendiri',
  });
  const indicator = await post('/planning/indicators', {
    nodeId: sasaran.id,
    code: 'I.1',
    name: 'Indikator SKPD lain',
    satuan: 'unit',
    polarity: 'HIGHER_IS_BETTER',
    aggregation: 'CUMULATIVE_SUM',
  });
  const pk = await post('/pk', { skpdId: f.otherSkpdId, year: 2025 });
  Object.assign(f.ids, {
    planningPeriod: period.id,
    planNode: sasaran.id,
    ownPlanNode: own.id,
    indicator: indicator.id,
    pk: pk.id,
  });
}
