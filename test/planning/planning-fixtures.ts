import request from 'supertest';
import type { MadeUser } from '../factories/factories';
import type { TestApp } from '../utils/test-app';

const api = (path: string) => `/api/v1${path}`;

export interface PlanningWorld {
  regionId: string;
  admin: MadeUser;
  periodId: string;
  pemdaTujuanId: string;
  pemdaSasaranId: string;
}

export interface SkpdPlan {
  skpdId: string;
  planner: MadeUser;
  tujuanId: string;
  sasaranId: string;
}

let seq = 0;
const code = (prefix: string) => `${prefix}.${++seq}`;

/** A region with its admin, an RPJMD period 2025–2029, and one Pemda tujuan → sasaran. */
export async function planningWorld(t: TestApp): Promise<PlanningWorld> {
  const region = await t.make.region();
  const admin = await t.make.user({ role: 'REGION_ADMIN', regionId: region.id });
  const period = await request(t.http)
    .post('/api/v1/planning/periods')
    .set(t.auth(admin))
    .send({ name: 'RPJMD 2025–2029', startYear: 2025, endYear: 2029 })
    .expect(201);
  const tujuan = await node(t, admin, {
    periodId: period.body.id,
    kind: 'TUJUAN',
    code: code('T'),
    name: 'Meningkatnya kesejahteraan masyarakat',
  });
  const sasaran = await node(t, admin, {
    periodId: period.body.id,
    kind: 'SASARAN',
    parentId: tujuan.id,
    code: code('S'),
    name: 'Menurunnya angka kemiskinan',
  });
  return { regionId: region.id, admin, periodId: period.body.id, pemdaTujuanId: tujuan.id, pemdaSasaranId: sasaran.id };
}

/** An SKPD with its planner and a Renstra tujuan → sasaran supporting the Pemda sasaran (unless `linked: false`). */
export async function skpdPlan(t: TestApp, w: PlanningWorld, opts: { linked?: boolean } = {}): Promise<SkpdPlan> {
  const skpd = await t.make.skpd(w.regionId);
  const planner = await t.make.user({ role: 'PLANNER', regionId: w.regionId, skpdId: skpd.id });
  const tujuan = await node(t, planner, {
    periodId: w.periodId,
    skpdId: skpd.id,
    kind: 'TUJUAN',
    code: code('T'),
    name: 'Tujuan perangkat daerah',
  });
  const sasaran = await node(t, planner, {
    periodId: w.periodId,
    skpdId: skpd.id,
    kind: 'SASARAN',
    parentId: tujuan.id,
    code: code('S'),
    name: 'Sasaran perangkat daerah',
    ...(opts.linked === false ? {} : { supportsNodeId: w.pemdaSasaranId }),
  });
  return { skpdId: skpd.id, planner, tujuanId: tujuan.id, sasaranId: sasaran.id };
}

export async function node(
  t: TestApp,
  user: MadeUser,
  body: Record<string, unknown>,
): Promise<{ id: string; [k: string]: unknown }> {
  const res = await request(t.http).post('/api/v1/planning/nodes').set(t.auth(user)).send(body);
  if (res.status !== 201) throw new Error(`node ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function indicator(
  t: TestApp,
  user: MadeUser,
  nodeId: string,
  body: Record<string, unknown> = {},
): Promise<{ id: string; code: string; [k: string]: unknown }> {
  const res = await request(t.http)
    .post('/api/v1/planning/indicators')
    .set(t.auth(user))
    .send({
      nodeId,
      code: code('I'),
      name: 'Jumlah layanan',
      satuan: 'orang',
      polarity: 'HIGHER_IS_BETTER',
      aggregation: 'CUMULATIVE_SUM',
      ...body,
    });
  if (res.status !== 201) throw new Error(`indicator ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A PK row: the indicator's annual and TW I–IV targets (exact decimal text). */
export interface PkItem {
  indicatorId: string;
  annualTarget: string;
  q1Target: string;
  q2Target: string;
  q3Target: string;
  q4Target: string;
}

/** Creates the SKPD's PK of a year with these rows, submits it and has the admin approve it; returns its id. */
export async function approvePk(
  t: TestApp,
  w: PlanningWorld,
  x: SkpdPlan,
  year: number,
  items: PkItem[],
): Promise<string> {
  const pk = await request(t.http).post(api('/pk')).set(t.auth(x.planner)).send({ skpdId: x.skpdId, year }).expect(201);
  await request(t.http)
    .put(api(`/pk/${pk.body.id}/indicators`))
    .set(t.auth(x.planner))
    .send({ version: pk.body.version, items })
    .expect(200);
  await request(t.http)
    .post(api(`/pk/${pk.body.id}/submit`))
    .set(t.auth(x.planner))
    .expect(200);
  await request(t.http)
    .post(api(`/pk/${pk.body.id}/approve`))
    .set(t.auth(w.admin))
    .expect(200);
  return pk.body.id as string;
}
