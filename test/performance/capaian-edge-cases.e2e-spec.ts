import request from 'supertest';
import { TEST_PASSWORD, type MadeUser } from '../factories/factories';
import {
  approvePk,
  indicator,
  planningWorld,
  skpdPlan,
  type PlanningWorld,
  type SkpdPlan,
} from '../planning/planning-fixtures';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * Issue 16 items 12, 21 and 23 through the API: binary (ya/tidak) targets of 0, negative realisations, RANGE with a
 * summed series, lower-is-better zero targets, and to-date data-quality warnings. Expected figures are hand-computed.
 */

const api = (path: string) => `/api/v1${path}`;

type Targets = [annual: string, q1: string, q2: string, q3: string, q4: string];

interface IndicatorView {
  indicatorId: string;
  target: { annual: unknown; quarters: unknown[] };
  capaian: { display: string; exact: string } | null;
  category: { label: string } | null;
  notComputable: string | null;
  warnings: { code: string; quarter: number | null; message: string }[];
}

/** One SKPD with an approved PK 2025 of these indicators (created with the given settings) and targets. */
async function withPk(
  t: TestApp,
  specs: { body: Record<string, unknown>; targets: Targets }[],
): Promise<{ w: PlanningWorld; x: SkpdPlan; ids: string[] }> {
  const w = await planningWorld(t);
  const x = await skpdPlan(t, w);
  const ids: string[] = [];
  for (const spec of specs) ids.push((await indicator(t, x.planner, x.sasaranId, spec.body)).id);
  const items = specs.map((spec, i) => {
    const [annualTarget, q1Target, q2Target, q3Target, q4Target] = spec.targets;
    return { indicatorId: ids[i], annualTarget, q1Target, q2Target, q3Target, q4Target };
  });
  await approvePk(t, w, x, 2025, items);
  return { w, x, ids };
}

const write = (t: TestApp, x: SkpdPlan, quarter: number, items: { indicatorId: string; value: string | null }[]) =>
  request(t.http)
    .put(api('/realisations'))
    .set(t.auth(x.planner))
    .send({ skpdId: x.skpdId, year: 2025, quarter, items });

async function view(t: TestApp, x: SkpdPlan, indicatorId: string, quarter: number | null): Promise<IndicatorView> {
  const q = quarter === null ? '' : `&quarter=${quarter}`;
  const res = await request(t.http)
    .get(api(`/capaian?skpdId=${x.skpdId}&year=2025${q}`))
    .set(t.auth(x.planner))
    .expect(200);
  return (res.body.indicators as IndicatorView[]).find((i) => i.indicatorId === indicatorId)!;
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** The web console's realisation form, as a logged-in planner submits it (one indicator). */
async function consoleWrite(
  t: TestApp,
  planner: MadeUser,
  x: SkpdPlan,
  quarter: number,
  indicatorId: string,
  value: string,
) {
  const agent = request.agent(t.http);
  const login = await agent.get('/konsol/masuk').expect(200);
  await agent
    .post('/konsol/masuk')
    .type('form')
    .send({ _csrf: csrfOf(login.text), username: planner.username, password: TEST_PASSWORD })
    .expect(303);
  const page = await agent.get(`/konsol/realisasi?tahun=2025&tw=${quarter}&skpd=${x.skpdId}`).expect(200);
  return agent
    .post('/konsol/realisasi')
    .type('form')
    .send({
      _csrf: csrfOf(page.text),
      tahun: '2025',
      tw: String(quarter),
      skpd: x.skpdId,
      jumlah: '1',
      indicator_0: indicatorId,
      value_0: value,
    });
}

const binary = { polarity: 'BINARY', aggregation: 'LAST_VALUE', satuan: 'ya/tidak', name: 'Tersedianya perda' };

describe('Capaian edge cases (issue 16 items 12, 21, 23)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('binary: a target of 0 is "tidak" (not applicable, with a reason), and only 1 or 0 is accepted as realisation', async () => {
    const { x, ids } = await withPk(t, [
      { body: binary, targets: ['0', '0', '0', '0', '0'] },
      { body: binary, targets: ['1', '0', '0', '1', '1'] },
    ]);
    const [never, later] = ids;
    for (const q of [1, 2, 3, 4])
      await write(t, x, q, [
        { indicatorId: never, value: '1' },
        { indicatorId: later, value: q <= 2 ? '0' : '1' },
      ]).expect(200);

    // Before: target {annual: true}, 100.00 Sangat Tinggi; TW I of the other one 0.00 Sangat Rendah.
    const year = await view(t, x, never, null);
    expect(year.target).toEqual({ annual: false, quarters: [false, false, false, false] });
    expect([year.capaian, year.category, year.notComputable]).toEqual([null, null, 'NOT_APPLICABLE']);
    const tw1 = await view(t, x, later, 1);
    expect([tw1.capaian, tw1.notComputable]).toEqual([null, 'NOT_APPLICABLE']);
    expect((await view(t, x, later, 3)).capaian?.display).toBe('100.00');
    expect((await view(t, x, later, null)).capaian?.display).toBe('100.00');

    // Before: 200, then silently "not computable".
    for (const value of ['2', '0.5', '-1']) {
      const res = await write(t, x, 4, [{ indicatorId: later, value }]).expect(422);
      expect(res.body.code).toBe('INVALID_REALISATION');
      expect(res.body.errors).toEqual([
        expect.objectContaining({ field: 'items.0.value', code: 'BINARY_REALISATION' }),
      ]);
    }
    // A yes/no indicator cannot be told to take negative values.
    const refused = await request(t.http)
      .post(api('/planning/indicators'))
      .set(t.auth(x.planner))
      .send({ nodeId: x.sasaranId, code: 'B.NEG', ...binary, allowsNegative: true })
      .expect(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'allowsNegative' })]);

    // The console goes through the same check (the Indonesian message is shown on the form).
    const form = await consoleWrite(t, x.planner, x, 2, later, '2');
    expect(form.status).toBe(422);
    expect(form.text).toContain('Realisasi indikator ya/tidak harus 1 (ya) atau 0 (tidak).');
    const stored = await request(t.http)
      .get(api(`/realisations?skpdId=${x.skpdId}&year=2025`))
      .set(t.auth(x.planner))
      .expect(200);
    expect(
      stored.body
        .filter((r: { indicatorId: string }) => r.indicatorId === later)
        .map((r: { value: string }) => r.value),
    ).toEqual(['0', '0', '1', '1']);
  });

  it('negative realisations: refused unless the indicator allows them, then computed (never dropped) and warned about', async () => {
    const { x, ids } = await withPk(t, [
      { body: { aggregation: 'CUMULATIVE_SUM' }, targets: ['1200', '300', '300', '300', '300'] },
    ]);
    const [visits] = ids;
    await write(t, x, 1, [{ indicatorId: visits, value: '30' }]).expect(200);
    const refused = await write(t, x, 2, [{ indicatorId: visits, value: '-10' }]).expect(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ code: 'NEGATIVE_REALISATION' })]);

    const before = await request(t.http)
      .get(api(`/planning/indicators/${visits}`))
      .set(t.auth(x.planner))
      .expect(200);
    expect(before.body.allowsNegative).toBe(false);
    const patched = await request(t.http)
      .patch(api(`/planning/indicators/${visits}`))
      .set(t.auth(x.planner))
      .send({ version: before.body.version, allowsNegative: true })
      .expect(200);
    expect(patched.body.allowsNegative).toBe(true);

    const saved = await write(t, x, 2, [{ indicatorId: visits, value: '-10' }]).expect(200);
    // Item 23: the total to date goes down 30 → 20, said at entry.
    const decreases = (warnings: IndicatorView['warnings']) =>
      warnings.filter((w) => w.code === 'REALISATION_DECREASED');
    expect(decreases(saved.body[0].warnings)).toEqual([
      expect.objectContaining({ quarter: 2, message: expect.stringContaining('s.d. TW II (20)') }),
    ]);
    await write(t, x, 3, [{ indicatorId: visits, value: '300' }]).expect(200);
    await write(t, x, 4, [{ indicatorId: visits, value: '280' }]).expect(200);

    // ΣR/ΣT: TW I 30/300, TW II 20/600, TW IV 600/1,200; the year 600/1,200.
    const shown = async (q: number | null) => (await view(t, x, visits, q)).capaian?.display ?? null;
    expect([await shown(1), await shown(2), await shown(4), await shown(null)]).toEqual([
      '10.00',
      '3.33',
      '50.00',
      '50.00',
    ]);
    // Item 23: the TW I view says nothing about later quarters (before: every view listed every quarter's warnings).
    const at = (warnings: IndicatorView['warnings']) => warnings.map((w) => `${w.code}@${w.quarter}`);
    expect(at((await view(t, x, visits, 1)).warnings)).toEqual(['MISSING_EVIDENCE@1']);
    expect(at((await view(t, x, visits, 2)).warnings)).toEqual([
      'REALISATION_DECREASED@2',
      'MISSING_EVIDENCE@1',
      'MISSING_EVIDENCE@2',
    ]);

    // Refusing negative values again would orphan the stored −10: 409.
    const again = await request(t.http)
      .patch(api(`/planning/indicators/${visits}`))
      .set(t.auth(x.planner))
      .send({ version: patched.body.version, allowsNegative: false })
      .expect(409);
    expect(again.body.code).toBe('NEGATIVE_REALISATIONS_EXIST');
  });

  it('RANGE with a summed series: TW IV to date agrees with the year (the band bounds the total)', async () => {
    const { x, ids } = await withPk(t, [
      {
        body: { polarity: 'RANGE', aggregation: 'CUMULATIVE_SUM', rangeMin: '4', rangeMax: '8' },
        targets: ['8', '2', '2', '2', '2'],
      },
    ]);
    const [rate] = ids;
    for (const q of [1, 2, 3, 4]) await write(t, x, q, [{ indicatorId: rate, value: '1.15' }]).expect(200);
    // ΣR to TW I = 1.15 < 4 → 28.75; to TW IV = 4.6 inside [4, 8] → 100 (before: against [16, 32] → 28.75).
    expect((await view(t, x, rate, 1)).capaian?.display).toBe('28.75');
    expect((await view(t, x, rate, 4)).capaian?.display).toBe('100.00');
    expect((await view(t, x, rate, null)).capaian?.display).toBe('100.00');
  });

  it('lower-is-better with target 0: not computable (ZERO_TARGET) unless the region chose the zero-cases convention', async () => {
    const { w, x, ids } = await withPk(t, [
      {
        body: { polarity: 'LOWER_IS_BETTER', aggregation: 'LAST_VALUE', name: 'Kasus gizi buruk' },
        targets: ['0', '0', '0', '0', '0'],
      },
    ]);
    const [cases] = ids;
    await write(t, x, 4, [{ indicatorId: cases, value: '0' }]).expect(200);
    const plain = await view(t, x, cases, null);
    expect([plain.capaian, plain.notComputable]).toEqual([null, 'ZERO_TARGET']); // before: 100.00 with no reason

    await request(t.http)
      .put(api('/performance-settings'))
      .set(t.auth(w.admin))
      .send({ blockOnDataQuality: false, lowerIsBetterZeroTarget: 'ZERO_CASES', version: 0 })
      .expect(200);
    expect((await view(t, x, cases, null)).capaian?.display).toBe('100.00');
    await write(t, x, 4, [{ indicatorId: cases, value: '2', version: 1 } as never]).expect(200);
    expect((await view(t, x, cases, null)).capaian?.display).toBe('0.00');
  });
});
