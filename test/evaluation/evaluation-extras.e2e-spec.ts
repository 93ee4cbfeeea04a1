import { Fraction } from '../../src/evaluation/domain/fraction';
import { predicateFor } from '../../src/evaluation/domain/predicate';
import type { RuleSet } from '../../src/evaluation/domain/rule-set';
import { Evaluation } from '../../src/evaluation/entities/evaluation.entity';
import { createTestApp, type TestApp } from '../utils/test-app';
import { api, asBody, versionOf, cast, uniform } from './evaluation-fixtures';

const BASE = '/api/v1/evaluations';

describe('LKE evaluations: recommendations, Pemda results, stage windows, rule sets', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('records recommendations and follow-up, and carries unfinished ones into next year’s evaluation of the SKPD', async () => {
    const c = await cast(t);
    const id = (await api(t).post(BASE).set(t.auth(c.admin)).send({ skpdId: c.skpdId, year: 2024 }).expect(201)).body
      .id;
    const r1 = (
      await api(t)
        .post(`${BASE}/${id}/recommendations`)
        .set(t.auth(c.evaluator))
        .send({ text: 'Agar menyusun rencana aksi triwulanan.', refId: '1.c.4' })
        .expect(201)
    ).body;
    const r2 = (
      await api(t)
        .post(`${BASE}/${id}/recommendations`)
        .set(t.auth(c.evaluator))
        .send({ text: 'Agar mereviu laporan kinerja.', refId: '3' })
        .expect(201)
    ).body;
    const r3 = (
      await api(t)
        .post(`${BASE}/${id}/recommendations`)
        .set(t.auth(c.evaluator))
        .send({ text: 'Agar mengukur kinerja bulanan.' })
        .expect(201)
    ).body;
    const unknownRef = await api(t)
      .post(`${BASE}/${id}/recommendations`)
      .set(t.auth(c.evaluator))
      .send({ text: 'Agar sesuatu dilakukan.', refId: '9.z' })
      .expect(422);
    expect(unknownRef.body.errors[0].field).toBe('refId');
    await api(t)
      .post(`${BASE}/${id}/recommendations`)
      .set(t.auth(c.planner))
      .send({ text: 'Agar sesuatu dilakukan.' })
      .expect(403);

    // The SKPD reports follow-up; only an evaluator closes a recommendation.
    const fu = await api(t)
      .put(`${BASE}/${id}/recommendations/${r1.id}/follow-up`)
      .set(t.auth(c.planner))
      .send({ version: r1.version, followUp: 'Draf rencana aksi disusun.', status: 'IN_PROGRESS' })
      .expect(200);
    expect(fu.body).toMatchObject({ status: 'IN_PROGRESS', followUp: 'Draf rencana aksi disusun.' });
    await api(t)
      .put(`${BASE}/${id}/recommendations/${r2.id}/follow-up`)
      .set(t.auth(c.planner))
      .send({ version: r2.version, followUp: 'Selesai.', status: 'DONE' })
      .expect(403);
    await api(t)
      .put(`${BASE}/${id}/recommendations/${r2.id}/follow-up`)
      .set(t.auth(c.evaluator))
      .send({ version: r2.version, followUp: 'Reviu dilakukan.', status: 'DONE' })
      .expect(200);
    await api(t)
      .patch(`${BASE}/${id}/recommendations/${r3.id}`)
      .set(t.auth(c.evaluator))
      .send({ version: r3.version + 1, text: 'Basi sekali' })
      .expect(409);
    await api(t)
      .patch(`${BASE}/${id}/recommendations/${r3.id}`)
      .set(t.auth(c.evaluator))
      .send({ version: r3.version, text: 'Agar mengukur kinerja setiap bulan.' })
      .expect(200);

    // Next year: OPEN and IN_PROGRESS ones come along, linked to their origin; DONE ones stay behind.
    const next = (await api(t).post(BASE).set(t.auth(c.evaluator)).send({ skpdId: c.skpdId, year: 2025 }).expect(201))
      .body.id;
    const carried = (await api(t).get(`${BASE}/${next}/recommendations`).set(t.auth(c.planner)).expect(200)).body;
    expect(
      carried.map((r: { carriedFromId: string; status: string; text: string }) => [r.carriedFromId, r.status, r.text]),
    ).toEqual(
      expect.arrayContaining([
        [r1.id, 'IN_PROGRESS', 'Agar menyusun rencana aksi triwulanan.'],
        [r3.id, 'OPEN', 'Agar mengukur kinerja setiap bulan.'],
      ]),
    );
    expect(carried).toHaveLength(2);
    // Another SKPD's planner sees none of it.
    const stranger = await t.make.user({ role: 'PLANNER', regionId: c.regionId });
    await api(t).get(`${BASE}/${next}/recommendations`).set(t.auth(stranger)).expect(404);
    await api(t)
      .put(`${BASE}/${id}/recommendations/${r1.id}/follow-up`)
      .set(t.auth(stranger))
      .send({ version: 2, followUp: 'x' })
      .expect(404);
  });

  it('evaluates the Pemda itself: self-assessment by the inspectorate and the official component result, one predicate engine', async () => {
    const c = await cast(t);
    const opened = await api(t).post(BASE).set(t.auth(c.admin)).send({ pemda: true, year: 2025 }).expect(201);
    expect(opened.body).toMatchObject({ kind: 'PEMDA', skpdId: null });
    const id = opened.body.id;
    await api(t).post(BASE).set(t.auth(c.admin)).send({ pemda: true, skpdId: c.skpdId, year: 2026 }).expect(422);
    await api(t).get(`${BASE}/${id}`).set(t.auth(c.planner)).expect(404);
    const rs = (await api(t).get(`${BASE}/${id}/rule-set`).set(t.auth(c.evaluator)).expect(200)).body as RuleSet;

    const self = await api(t)
      .put(`${BASE}/${id}/answers`)
      .set(t.auth(c.evaluator))
      .send({ ...asBody(uniform(rs, 'BB')), version: await versionOf(t, id) })
      .expect(200);
    expect(self.body).toMatchObject({
      stage: 'self',
      evaluation: { self: { totalDisplay: '80.00', predicate: 'BB' } },
    });

    const scores = { '1': '24.15', '2': '22.5', '3': '11.25', '4': '22.2' }; // 80.10 → A
    const bad = await api(t)
      .put(`${BASE}/${id}/official-result`)
      .set(t.auth(c.admin))
      .send({
        version: self.body.evaluation.version,
        components: [
          { componentId: '1', score: '31' },
          { componentId: '7', score: '1' },
        ],
      })
      .expect(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'components.0.score',
      'components.1.componentId',
    ]);
    const official = await api(t)
      .put(`${BASE}/${id}/official-result`)
      .set(t.auth(c.admin))
      .send({
        version: self.body.evaluation.version,
        components: Object.entries(scores).map(([componentId, score]) => ({ componentId, score })),
      })
      .expect(200);
    const total = Fraction.sum(Object.values(scores).map((s) => Fraction.parse(s)));
    expect(official.body.official).toEqual({
      total: '80.1000',
      totalExact: total.toString(),
      totalDisplay: '80.10',
      predicate: predicateFor(total, rs.bands),
    });
    expect(official.body.official.predicate).toBe('A');
    const score = (await api(t).get(`${BASE}/${id}/score`).set(t.auth(c.head)).expect(200)).body;
    expect(score.official.components).toEqual([
      { componentId: '1', score: '24.1500' },
      { componentId: '2', score: '22.5000' },
      { componentId: '3', score: '11.2500' },
      { componentId: '4', score: '22.2000' },
    ]);
    // SKPD evaluations take no official result.
    const skpdEv = (await api(t).post(BASE).set(t.auth(c.admin)).send({ skpdId: c.skpdId, year: 2025 }).expect(201))
      .body;
    const notPemda = await api(t)
      .put(`${BASE}/${skpdEv.id}/official-result`)
      .set(t.auth(c.admin))
      .send({ version: 1, components: [{ componentId: '1', score: '1' }] });
    expect([notPemda.status, notPemda.body.code]).toEqual([422, 'NOT_PEMDA']);
  });

  it('serves a FINAL evaluation’s breakdown with a strong ETag (304 on a match) and never stale after a write to its row', async () => {
    const c = await cast(t);
    const id = (await api(t).post(BASE).set(t.auth(c.admin)).send({ pemda: true, year: 2024 }).expect(201)).body.id;
    const official = (scores: string[]) =>
      api(t)
        .put(`${BASE}/${id}/official-result`)
        .set(t.auth(c.admin))
        .send({ components: scores.map((score, i) => ({ componentId: String(i + 1), score })) });
    await official(['20', '20', '10', '20'])
      .send({ version: await versionOf(t, id) })
      .expect(200);
    // The workflow to FINAL is covered elsewhere; here only the breakdown's cache matters. An official result may
    // still be recorded on a FINAL Pemda evaluation, which changes its breakdown.
    await t.db.getRepository(Evaluation).update(id, { status: 'FINAL' });
    const first = await api(t).get(`${BASE}/${id}/score`).set(t.auth(c.head)).expect(200);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    expect(first.headers.etag).toMatch(/^"[\w-]{27}"$/);
    expect([first.body.status, first.body.official.total]).toEqual(['FINAL', '70.0000']);
    const again = await api(t).get(`${BASE}/${id}/score`).set(t.auth(c.head)).expect(200);
    expect([again.headers.etag, again.body]).toEqual([first.headers.etag, first.body]);
    await api(t).get(`${BASE}/${id}/score`).set(t.auth(c.head)).set('If-None-Match', first.headers.etag).expect(304);
    await api(t).get(`${BASE}/${id}/score`).set(t.auth(c.planner)).expect(404);

    await official(['24', '20', '10', '20'])
      .send({ version: await versionOf(t, id) })
      .expect(200);
    const changed = await api(t)
      .get(`${BASE}/${id}/score`)
      .set(t.auth(c.head))
      .set('If-None-Match', first.headers.etag)
      .expect(200);
    expect(changed.body.official.total).toBe('74.0000');
    expect(changed.body.official.components[0]).toEqual({ componentId: '1', score: '24.0000' });
    expect(changed.headers.etag).not.toBe(first.headers.etag);
    expect({ ...changed.body, official: first.body.official }).toEqual(first.body);
  });

  it('closes a stage after its deadline (409 PERIOD_CLOSED) until a region admin moves the window', async () => {
    const c = await cast(t);
    const ev = (
      await api(t)
        .post(BASE)
        .set(t.auth(c.admin))
        .send({
          skpdId: c.skpdId,
          year: 2025,
          selfDeadline: '2020-01-31T16:59:59Z',
          evaluationDeadline: '2099-12-31T16:59:59Z',
        })
        .expect(201)
    ).body;
    expect(ev.selfDeadline).toBe('2020-01-31T16:59:59.000Z');
    const closed = await api(t)
      .put(`${BASE}/${ev.id}/self-assessment`)
      .set(t.auth(c.planner))
      .send({ ...asBody(new Map([['1.a.1', 'A']])), version: await versionOf(t, ev.id) });
    expect([closed.status, closed.body.code]).toEqual([409, 'PERIOD_CLOSED']);
    await api(t)
      .patch(`${BASE}/${ev.id}/schedule`)
      .set(t.auth(c.evaluator))
      .send({ version: ev.version, selfDeadline: '2099-01-31T16:59:59Z' })
      .expect(403);
    const moved = await api(t)
      .patch(`${BASE}/${ev.id}/schedule`)
      .set(t.auth(c.admin))
      .send({ version: ev.version, selfDeadline: '2099-01-31T16:59:59Z' })
      .expect(200);
    expect(moved.body.selfDeadline).toBe('2099-01-31T16:59:59.000Z');
    await api(t)
      .put(`${BASE}/${ev.id}/self-assessment`)
      .set(t.auth(c.planner))
      .send({ ...asBody(new Map([['1.a.1', 'A']])), version: await versionOf(t, ev.id) })
      .expect(200);
    // Evaluators may still move the evaluation on when the SKPD's window has closed.
    const v = (await api(t).get(`${BASE}/${ev.id}`).set(t.auth(c.evaluator)).expect(200)).body.version;
    await api(t).post(`${BASE}/${ev.id}/advance`).set(t.auth(c.evaluator)).send({ version: v }).expect(200);
  });

  it('lists the loaded rule sets and serves one in full', async () => {
    const c = await cast(t);
    const list = (await api(t).get('/api/v1/lke/rule-sets').set(t.auth(c.planner)).expect(200)).body;
    expect(list).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'permenpanrb-88-2021',
          version: 1,
          components: 4,
          subComponents: 12,
          criteria: 80,
        }),
        expect.objectContaining({ code: 'permenpanrb-12-2015', version: 1, components: 5 }),
      ]),
    );
    const one = (
      await api(t).get('/api/v1/lke/rule-set?code=permenpanrb-88-2021&version=1').set(t.auth(c.evaluator)).expect(200)
    ).body;
    expect(one.bands.map((b: { predicate: string }) => b.predicate)).toEqual(['AA', 'A', 'BB', 'B', 'CC', 'C', 'D']);
    await api(t).get('/api/v1/lke/rule-set?code=tidak-ada').set(t.auth(c.evaluator)).expect(404);
    // An evaluation on the older rule set scores on its scale (Y/T, A–E).
    const old = await api(t)
      .post(BASE)
      .set(t.auth(c.admin))
      .send({ skpdId: c.skpdId, year: 2016, ruleSetCode: 'permenpanrb-12-2015' })
      .expect(201);
    expect(old.body).toMatchObject({ ruleSetCode: 'permenpanrb-12-2015', ruleSetVersion: 1 });
    const wrongScale = await api(t)
      .put(`${BASE}/${old.body.id}/self-assessment`)
      .set(t.auth(c.planner))
      .send({ ...asBody(new Map([['1.a.1', 'AA']])), version: await versionOf(t, old.body.id) })
      .expect(422);
    expect(wrongScale.body.errors[0].field).toBe('1.a.1');
    await api(t)
      .put(`${BASE}/${old.body.id}/self-assessment`)
      .set(t.auth(c.planner))
      .send({ ...asBody(new Map([['1.a.1', 'Y']])), version: await versionOf(t, old.body.id) })
      .expect(200);
    await api(t)
      .post(BASE)
      .set(t.auth(c.admin))
      .send({ skpdId: c.skpdId, year: 2017, ruleSetCode: 'tidak-ada' })
      .expect(422);
  });
});
