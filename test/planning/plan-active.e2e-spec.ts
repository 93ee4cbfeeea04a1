import request from 'supertest';
import { createTestApp, type TestApp } from '../utils/test-app';
import { approvePk, indicator, node, planningWorld, skpdPlan } from './planning-fixtures';

const api = (p: string) => `/api/v1${p}`;
const items = (indicatorId: string) => [
  { indicatorId, annualTarget: '100', q1Target: '25', q2Target: '50', q3Target: '75', q4Target: '100' },
];

/** #17: deactivating and reactivating plan nodes and indicators (no cascade; history kept). */
describe('Planning: deactivate and reactivate nodes and indicators', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const patch = (path: string, user: Parameters<TestApp['auth']>[0], body: object) =>
    request(t.http).patch(api(path)).set(t.auth(user)).send(body);

  it('refuses to deactivate a node with active children, then deactivates bottom-up and reactivates top-down', async () => {
    const w = await planningWorld(t);
    const x = await skpdPlan(t, w);
    const ind = await indicator(t, x.planner, x.sasaranId);
    const sasaran = (
      await request(t.http)
        .get(api(`/planning/nodes/${x.sasaranId}`))
        .set(t.auth(x.planner))
    ).body;
    expect(sasaran.active).toBe(true);
    expect(ind.active).toBe(true);

    const refused = await patch(`/planning/nodes/${x.sasaranId}`, x.planner, {
      version: sasaran.version,
      active: false,
    }).expect(409);
    expect(refused.body.code).toBe('NODE_HAS_ACTIVE_CHILDREN');
    // The Pemda sasaran is supported by an active SKPD sasaran: refused as well.
    const pemda = (
      await request(t.http)
        .get(api(`/planning/nodes/${w.pemdaSasaranId}`))
        .set(t.auth(w.admin))
    ).body;
    expect(
      (await patch(`/planning/nodes/${w.pemdaSasaranId}`, w.admin, { version: pemda.version, active: false })).body
        .code,
    ).toBe('NODE_HAS_ACTIVE_CHILDREN');

    const offInd = await patch(`/planning/indicators/${ind.id}`, x.planner, {
      version: ind.version,
      active: false,
    }).expect(200);
    expect(offInd.body.active).toBe(false);
    // Stale version: the usual 409.
    await patch(`/planning/indicators/${ind.id}`, x.planner, { version: ind.version, active: true }).expect(409);
    const off = await patch(`/planning/nodes/${x.sasaranId}`, x.planner, {
      version: sasaran.version,
      active: false,
    }).expect(200);
    expect(off.body.active).toBe(false);

    // Nothing new under an inactive node; an inactive indicator cannot come back under it.
    const child = await request(t.http)
      .post(api('/planning/nodes'))
      .set(t.auth(x.planner))
      .send({
        periodId: w.periodId,
        skpdId: x.skpdId,
        kind: 'PROGRAM',
        parentId: x.sasaranId,
        code: 'P.X',
        name: 'Program',
      })
      .expect(409);
    expect(child.body.code).toBe('NODE_INACTIVE');
    const newInd = await request(t.http)
      .post(api('/planning/indicators'))
      .set(t.auth(x.planner))
      .send({
        nodeId: x.sasaranId,
        code: 'I.X',
        name: 'Baru',
        satuan: '%',
        polarity: 'HIGHER_IS_BETTER',
        aggregation: 'LAST_VALUE',
      })
      .expect(409);
    expect(newInd.body.code).toBe('NODE_INACTIVE');
    const back = await patch(`/planning/indicators/${ind.id}`, x.planner, {
      version: offInd.body.version,
      active: true,
    }).expect(409);
    expect(back.body.code).toBe('PARENT_INACTIVE');

    // Reactivating the tujuan's child is fine (the tujuan is active), then the indicator.
    const on = await patch(`/planning/nodes/${x.sasaranId}`, x.planner, {
      version: off.body.version,
      active: true,
    }).expect(200);
    expect(on.body.active).toBe(true);
    await patch(`/planning/indicators/${ind.id}`, x.planner, { version: offInd.body.version, active: true }).expect(
      200,
    );

    // Every change is audited as an UPDATE with before and after.
    const audit = await request(t.http)
      .get(api('/audit-log'))
      .query({ entity: 'PlanNode', entityId: x.sasaranId })
      .set(t.auth(w.admin))
      .expect(200);
    const flags = (audit.body.items as { action: string; diff: unknown }[])
      .filter((e) => e.action === 'UPDATE')
      .map((e) => (typeof e.diff === 'string' ? JSON.parse(e.diff) : e.diff) as { after: { active?: boolean } })
      .map((d) => d.after.active);
    expect(flags).toEqual(expect.arrayContaining([false, true]));
  });

  it('keeps an inactive indicator out of new PKs, new realisations and the analyses, but keeps its history', async () => {
    const w = await planningWorld(t);
    const x = await skpdPlan(t, w);
    const kept = await indicator(t, x.planner, x.sasaranId, { aggregation: 'LAST_VALUE' });
    const pkId = await approvePk(t, w, x, 2025, items(kept.id));
    const off = await patch(`/planning/indicators/${kept.id}`, x.planner, {
      version: kept.version,
      active: false,
    }).expect(200);
    expect(off.body.active).toBe(false);

    // The approved PK still lists it.
    const pk = await request(t.http)
      .get(api(`/pk/${pkId}`))
      .set(t.auth(x.planner))
      .expect(200);
    expect(JSON.stringify(pk.body)).toContain(kept.id);

    // A new PK (another year) refuses it with 422 INDICATOR_INACTIVE.
    const next = await request(t.http)
      .post(api('/pk'))
      .set(t.auth(x.planner))
      .send({ skpdId: x.skpdId, year: 2026 })
      .expect(201);
    const refused = await request(t.http)
      .put(api(`/pk/${next.body.id}/indicators`))
      .set(t.auth(x.planner))
      .send({ version: next.body.version, items: items(kept.id) })
      .expect(422);
    expect(JSON.stringify(refused.body)).toContain('INDICATOR_INACTIVE');

    // No new realisation for it.
    await request(t.http)
      .put(api('/realisation-windows'))
      .set(t.auth(w.admin))
      .send({ year: 2025, quarter: 1, deadline: '2099-12-31T16:59:59Z' })
      .expect(200);
    const real = await request(t.http)
      .put(api('/realisations'))
      .set(t.auth(x.planner))
      .send({ skpdId: x.skpdId, year: 2025, quarter: 1, items: [{ indicatorId: kept.id, value: '20' }] })
      .expect(422);
    expect(JSON.stringify(real.body)).toContain('INDICATOR_INACTIVE');

    // Orphans: an inactive unlinked SKPD sasaran is no orphan.
    const y = await skpdPlan(t, w, { linked: false });
    const orphans = () =>
      request(t.http).get(api('/planning/orphans')).query({ periodId: w.periodId }).set(t.auth(w.admin)).expect(200);
    expect((await orphans()).body.unlinkedSkpdSasaran.map((n: { id: string }) => n.id)).toContain(y.sasaranId);
    const ys = (
      await request(t.http)
        .get(api(`/planning/nodes/${y.sasaranId}`))
        .set(t.auth(y.planner))
    ).body;
    await patch(`/planning/nodes/${y.sasaranId}`, y.planner, { version: ys.version, active: false }).expect(200);
    expect((await orphans()).body.unlinkedSkpdSasaran.map((n: { id: string }) => n.id)).not.toContain(y.sasaranId);

    // Overlaps: two SKPD programs with the same name pair up while both are active.
    const z = await skpdPlan(t, w);
    const name = 'Program peningkatan pelayanan kesehatan masyarakat miskin';
    const p1 = await node(t, x.planner, {
      periodId: w.periodId,
      skpdId: x.skpdId,
      kind: 'PROGRAM',
      parentId: x.sasaranId,
      code: 'P.1',
      name,
    });
    await node(t, z.planner, {
      periodId: w.periodId,
      skpdId: z.skpdId,
      kind: 'PROGRAM',
      parentId: z.sasaranId,
      code: 'P.1',
      name,
    });
    const overlaps = async () =>
      (
        await request(t.http)
          .get(api('/planning/overlaps'))
          .query({ year: 2025, kind: 'PROGRAM' })
          .set(t.auth(w.admin))
          .expect(200)
      ).body.pairs.length as number;
    expect(await overlaps()).toBe(1);
    await patch(`/planning/nodes/${p1.id}`, x.planner, { version: p1.version, active: false }).expect(200);
    expect(await overlaps()).toBe(0);
  });

  it('keeps the Pemda tree to the region administrator', async () => {
    const w = await planningWorld(t);
    const x = await skpdPlan(t, w);
    const tujuan = (
      await request(t.http)
        .get(api(`/planning/nodes/${w.pemdaTujuanId}`))
        .set(t.auth(x.planner))
    ).body;
    await patch(`/planning/nodes/${w.pemdaTujuanId}`, x.planner, { version: tujuan.version, active: false }).expect(
      403,
    );
  });
});
