import request from 'supertest';
import { createTestApp, type TestApp } from '../utils/test-app';
import { indicator, planningWorld, skpdPlan } from './planning-fixtures';

describe('Perjanjian Kinerja: quarterly targets, approval workflow, revisions and access', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('walks a planner from structure to an approved, locked PK and a revision, keeping both in history', async () => {
    const w = await planningWorld(t);
    const x = await skpdPlan(t, w);
    const visits = await indicator(t, x.planner, x.sasaranId, {
      name: 'Jumlah kunjungan pasien',
      aggregation: 'CUMULATIVE_SUM',
      isIku: true,
    });
    const rate = await indicator(t, x.planner, x.sasaranId, {
      name: 'Persentase balita gizi baik',
      satuan: '%',
      aggregation: 'LAST_VALUE',
      decimals: 2,
    });
    const api = (path: string) => `/api/v1${path}`;

    await request(t.http)
      .put(api(`/planning/indicators/${visits.id}/targets`))
      .set(t.auth(x.planner))
      .send({
        targets: [
          { year: 2025, target: '1000' },
          { year: 2026, target: '1200.5' },
        ],
      })
      .expect(200);

    const created = await request(t.http)
      .post(api('/pk'))
      .set(t.auth(x.planner))
      .send({ skpdId: x.skpdId, year: 2025, signerName: 'dr. Sari', signerTitle: 'Kepala Dinas Kesehatan' })
      .expect(201);
    const pk = created.body;
    expect(pk).toEqual(
      expect.objectContaining({ status: 'DRAFT', revision: 0, year: 2025, periodId: w.periodId, indicators: [] }),
    );

    const put = await request(t.http)
      .put(api(`/pk/${pk.id}/indicators`))
      .set(t.auth(x.planner))
      .send({
        version: pk.version,
        items: [
          {
            indicatorId: visits.id,
            annualTarget: '1000',
            q1Target: '200',
            q2Target: '250',
            q3Target: '250',
            q4Target: '300',
          },
          {
            indicatorId: rate.id,
            annualTarget: '92.5',
            q1Target: '90',
            q2Target: '91',
            q3Target: '92',
            q4Target: '92.50',
          },
        ],
      })
      .expect(200);
    expect(
      put.body.indicators.map((i: { indicatorId: string; annualTarget: string; q4Target: string }) => [
        i.indicatorId,
        i.annualTarget,
        i.q4Target,
      ]),
    ).toEqual([
      [visits.id, '1000', '300'],
      [rate.id, '92.5', '92.5'],
    ]);

    await request(t.http)
      .post(api(`/pk/${pk.id}/submit`))
      .set(t.auth(x.planner))
      .expect(200)
      .expect((r) => expect(r.body.status).toBe('SUBMITTED'));
    await request(t.http)
      .post(api(`/pk/${pk.id}/approve`))
      .set(t.auth(x.planner))
      .expect(403);
    const approved = await request(t.http)
      .post(api(`/pk/${pk.id}/approve`))
      .set(t.auth(w.admin))
      .expect(200);
    expect(approved.body).toEqual(expect.objectContaining({ status: 'APPROVED', effective: true }));

    const lockedWrite = await request(t.http)
      .put(api(`/pk/${pk.id}/indicators`))
      .set(t.auth(x.planner))
      .send({ version: approved.body.version, items: [] })
      .expect(409);
    expect(lockedWrite.body.code).toBe('LOCKED');
    await request(t.http)
      .post(api(`/pk/${pk.id}/lock`))
      .set(t.auth(w.admin))
      .expect(200)
      .expect((r) => expect(r.body.status).toBe('LOCKED'));
    const lockedPatch = await request(t.http)
      .patch(api(`/pk/${pk.id}`))
      .set(t.auth(w.admin))
      .send({ version: 99, signerName: 'X' })
      .expect(409);
    expect(lockedPatch.body.code).toBe('LOCKED');

    await request(t.http)
      .post(api(`/pk/${pk.id}/revisions`))
      .set(t.auth(x.planner))
      .send({})
      .expect(400);
    const revision = await request(t.http)
      .post(api(`/pk/${pk.id}/revisions`))
      .set(t.auth(x.planner))
      .send({ reason: 'Perubahan APBD 2025: target kunjungan naik' })
      .expect(201);
    expect(revision.body).toEqual(
      expect.objectContaining({
        status: 'DRAFT',
        revision: 1,
        previousId: pk.id,
        revisionReason: 'Perubahan APBD 2025: target kunjungan naik',
        signerName: 'dr. Sari',
      }),
    );
    expect(revision.body.indicators).toHaveLength(2);
    await request(t.http)
      .post(api(`/pk/${pk.id}/revisions`))
      .set(t.auth(x.planner))
      .send({ reason: 'Sekali lagi dari revisi lama' })
      .expect(409);

    await request(t.http)
      .put(api(`/pk/${revision.body.id}/indicators`))
      .set(t.auth(x.planner))
      .send({
        version: revision.body.version,
        items: [
          {
            indicatorId: visits.id,
            annualTarget: '1100',
            q1Target: '200',
            q2Target: '250',
            q3Target: '300',
            q4Target: '350',
          },
        ],
      })
      .expect(200);

    const history = await request(t.http)
      .get(api(`/pk/history?skpdId=${x.skpdId}&year=2025`))
      .set(t.auth(x.planner))
      .expect(200);
    expect(
      history.body.map((h: { revision: number; status: string; effective: boolean }) => [
        h.revision,
        h.status,
        h.effective,
      ]),
    ).toEqual([
      [0, 'LOCKED', true],
      [1, 'DRAFT', false],
    ]);
    expect(history.body[0].indicators.map((i: { annualTarget: string }) => i.annualTarget)).toEqual(['1000', '92.5']);
    expect(history.body[1].indicators.map((i: { annualTarget: string }) => i.annualTarget)).toEqual(['1100']);

    // Approving the revision supersedes the original, which stays readable.
    await request(t.http)
      .post(api(`/pk/${revision.body.id}/submit`))
      .set(t.auth(x.planner))
      .expect(200);
    await request(t.http)
      .post(api(`/pk/${revision.body.id}/approve`))
      .set(t.auth(w.admin))
      .expect(200);
    const old = await request(t.http)
      .get(api(`/pk/${pk.id}`))
      .set(t.auth(x.planner))
      .expect(200);
    expect(old.body).toEqual(
      expect.objectContaining({ status: 'LOCKED', effective: false, supersededAt: expect.any(String) }),
    );
    expect(old.body.indicators).toHaveLength(2);
    const latest = await request(t.http).get(api(`/pk?year=2025&latest=true`)).set(t.auth(w.admin)).expect(200);
    expect(
      latest.body.items
        .filter((p: { skpdId: string }) => p.skpdId === x.skpdId)
        .map((p: { revision: number; effective: boolean }) => [p.revision, p.effective]),
    ).toEqual([[1, true]]);

    const audit = await request(t.http)
      .get(api(`/audit-log?entity=PerformanceAgreement&entityId=${revision.body.id}`))
      .set(t.auth(w.admin))
      .expect(200);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['REVISE', 'REPLACE_TARGETS', 'SUBMIT', 'APPROVE']),
    );
  });

  it('refuses quarterly targets inconsistent with the aggregation with 422 listing each problem', async () => {
    const w = await planningWorld(t);
    const x = await skpdPlan(t, w);
    const flow = await indicator(t, x.planner, x.sasaranId, { aggregation: 'CUMULATIVE_SUM' });
    const stock = await indicator(t, x.planner, x.sasaranId, { aggregation: 'LAST_VALUE', satuan: '%' });
    const avg = await indicator(t, x.planner, x.sasaranId, { aggregation: 'AVERAGE', satuan: 'indeks' });
    const pk = (
      await request(t.http).post('/api/v1/pk').set(t.auth(x.planner)).send({ skpdId: x.skpdId, year: 2026 }).expect(201)
    ).body;

    const res = await request(t.http)
      .put(`/api/v1/pk/${pk.id}/indicators`)
      .set(t.auth(x.planner))
      .send({
        version: pk.version,
        items: [
          {
            indicatorId: flow.id,
            annualTarget: '100',
            q1Target: '25',
            q2Target: '25',
            q3Target: '25',
            q4Target: '24.99',
          },
          { indicatorId: stock.id, annualTarget: '80', q1Target: '70', q2Target: '75', q3Target: '78', q4Target: '79' },
          { indicatorId: avg.id, annualTarget: '3', q1Target: '3', q2Target: '3', q3Target: '3', q4Target: '3' },
          { indicatorId: flow.id, annualTarget: '10', q1Target: '10', q2Target: null, q3Target: '0', q4Target: '0' },
        ],
      })
      .expect(422);
    expect(res.body.code).toBe('PK_TARGETS_INVALID');
    expect(res.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['items.0.quarters', 'QUARTER_SUM_MISMATCH'],
      ['items.1.q4Target', 'LAST_QUARTER_MISMATCH'],
      ['items.3.indicatorId', 'DUPLICATE_INDICATOR'],
      ['items.3.q2Target', 'QUARTER_TARGET_MISSING'],
    ]);
    expect(res.body.errors[0].messages[0]).toContain('Jumlah target TW I–IV (99,99)');
    // Nothing was written.
    const after = await request(t.http).get(`/api/v1/pk/${pk.id}`).set(t.auth(x.planner)).expect(200);
    expect(after.body.indicators).toEqual([]);
    expect(after.body.version).toBe(pk.version);
    // An empty PK cannot be submitted.
    const empty = await request(t.http).post(`/api/v1/pk/${pk.id}/submit`).set(t.auth(x.planner)).expect(422);
    expect(empty.body.code).toBe('PK_EMPTY');
  });

  it('keeps a planner of SKPD X away from SKPD Y (404) and evaluators and heads read-only (403)', async () => {
    const w = await planningWorld(t);
    const x = await skpdPlan(t, w);
    const y = await skpdPlan(t, w);
    const yIndicator = await indicator(t, y.planner, y.sasaranId);
    const yPk = (
      await request(t.http).post('/api/v1/pk').set(t.auth(y.planner)).send({ skpdId: y.skpdId, year: 2025 }).expect(201)
    ).body;
    const evaluator = await t.make.user({ role: 'EVALUATOR', regionId: w.regionId });
    const head = await t.make.user({ role: 'HEAD', regionId: w.regionId });
    const outsider = await t.make.user({ role: 'REGION_ADMIN' });

    // X's planner cannot read or write Y's rows.
    await request(t.http).get(`/api/v1/pk/${yPk.id}`).set(t.auth(x.planner)).expect(404);
    await request(t.http)
      .put(`/api/v1/pk/${yPk.id}/indicators`)
      .set(t.auth(x.planner))
      .send({ version: 1, items: [] })
      .expect(404);
    await request(t.http).post(`/api/v1/pk/${yPk.id}/submit`).set(t.auth(x.planner)).expect(404);
    await request(t.http).get(`/api/v1/pk/history?skpdId=${y.skpdId}&year=2025`).set(t.auth(x.planner)).expect(404);
    await request(t.http).post('/api/v1/pk').set(t.auth(x.planner)).send({ skpdId: y.skpdId, year: 2026 }).expect(404);
    await request(t.http).get(`/api/v1/planning/indicators/${yIndicator.id}`).set(t.auth(x.planner)).expect(404);
    await request(t.http).get(`/api/v1/planning/nodes/${y.sasaranId}`).set(t.auth(x.planner)).expect(404);
    await request(t.http)
      .put(`/api/v1/planning/indicators/${yIndicator.id}/targets`)
      .set(t.auth(x.planner))
      .send({ targets: [{ year: 2025, target: '1' }] })
      .expect(404);
    await request(t.http)
      .post('/api/v1/planning/indicators')
      .set(t.auth(x.planner))
      .send({
        nodeId: y.sasaranId,
        code: 'Z.1',
        name: 'Indikator titipan',
        satuan: 'unit',
        polarity: 'HIGHER_IS_BETTER',
        aggregation: 'CUMULATIVE_SUM',
      })
      .expect(404);
    const list = await request(t.http).get('/api/v1/pk').set(t.auth(x.planner)).expect(200);
    expect(list.body.items.map((p: { skpdId: string }) => p.skpdId)).not.toContain(y.skpdId);
    const indicators = await request(t.http)
      .get(`/api/v1/planning/indicators?periodId=${w.periodId}`)
      .set(t.auth(x.planner))
      .expect(200);
    expect(indicators.body.items.map((i: { id: string }) => i.id)).not.toContain(yIndicator.id);
    // Planners read the Pemda-level structure but do not write it.
    await request(t.http).get(`/api/v1/planning/nodes/${w.pemdaSasaranId}`).set(t.auth(x.planner)).expect(200);
    await request(t.http)
      .post('/api/v1/planning/nodes')
      .set(t.auth(x.planner))
      .send({ periodId: w.periodId, kind: 'TUJUAN', code: 'TX', name: 'Tujuan Pemda palsu' })
      .expect(403);

    // Evaluators and heads read, never write.
    for (const reader of [evaluator, head]) {
      await request(t.http).get(`/api/v1/pk/${yPk.id}`).set(t.auth(reader)).expect(200);
      await request(t.http)
        .put(`/api/v1/pk/${yPk.id}/indicators`)
        .set(t.auth(reader))
        .send({ version: 1, items: [] })
        .expect(403);
      await request(t.http).post('/api/v1/pk').set(t.auth(reader)).send({ skpdId: y.skpdId, year: 2026 }).expect(403);
      await request(t.http).post(`/api/v1/pk/${yPk.id}/approve`).set(t.auth(reader)).expect(403);
      await request(t.http).post('/api/v1/planning/indicators').set(t.auth(reader)).send({}).expect(403);
    }
    // Another region's admin sees nothing.
    await request(t.http).get(`/api/v1/pk/${yPk.id}`).set(t.auth(outsider)).expect(404);
    await request(t.http).get(`/api/v1/planning/periods/${w.periodId}`).set(t.auth(outsider)).expect(404);
  });

  it('answers a stale version with 409 and a second PK for the same year with 409 PK_EXISTS', async () => {
    const w = await planningWorld(t);
    const x = await skpdPlan(t, w);
    const ind = await indicator(t, x.planner, x.sasaranId, { aggregation: 'LAST_VALUE' });
    const pk = (
      await request(t.http).post('/api/v1/pk').set(t.auth(x.planner)).send({ skpdId: x.skpdId, year: 2027 }).expect(201)
    ).body;
    const item = { indicatorId: ind.id, annualTarget: '5', q1Target: '1', q2Target: '2', q3Target: '3', q4Target: '5' };
    await request(t.http)
      .put(`/api/v1/pk/${pk.id}/indicators`)
      .set(t.auth(x.planner))
      .send({ version: pk.version, items: [item] })
      .expect(200);
    const stale = await request(t.http)
      .put(`/api/v1/pk/${pk.id}/indicators`)
      .set(t.auth(x.planner))
      .send({ version: pk.version, items: [item] })
      .expect(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    const dup = await request(t.http)
      .post('/api/v1/pk')
      .set(t.auth(w.admin))
      .send({ skpdId: x.skpdId, year: 2027 })
      .expect(409);
    expect(dup.body.code).toBe('PK_EXISTS');
    const noPeriod = await request(t.http)
      .post('/api/v1/pk')
      .set(t.auth(w.admin))
      .send({ skpdId: x.skpdId, year: 2040 })
      .expect(422);
    expect(noPeriod.body.code).toBe('NO_PERIOD');
  });
});
