import Decimal from 'decimal.js';
import request from 'supertest';
import { Exact, toFixedHalfUp } from '../../src/common/decimal/exact';
import { capaianForYear, capaianToQuarter } from '../../src/performance/domain/aggregation';
import { meanCapaian } from '../../src/performance/domain/rollup';
import type { MadeUser } from '../factories/factories';
import {
  approvePk,
  indicator,
  planningWorld,
  skpdPlan,
  type PlanningWorld,
  type SkpdPlan,
} from '../planning/planning-fixtures';
import { createTestApp, type TestApp } from '../utils/test-app';

const api = (path: string) => `/api/v1${path}`;
const PDF = (n: number) => Buffer.from(`%PDF-1.4\n% bukti ${n}\n1 0 obj<<>>endobj\n%%EOF\n`);

interface World {
  w: PlanningWorld;
  x: SkpdPlan;
  visits: { id: string };
  rate: { id: string };
}

/** An SKPD with an approved PK 2025: visits (cumulative sum, higher is better) and a rate (last value, lower is better). */
async function approvedPk(t: TestApp): Promise<World> {
  const w = await planningWorld(t);
  const x = await skpdPlan(t, w);
  const visits = await indicator(t, x.planner, x.sasaranId, {
    name: 'Jumlah kunjungan',
    aggregation: 'CUMULATIVE_SUM',
  });
  const rate = await indicator(t, x.planner, x.sasaranId, {
    name: 'Angka kesakitan',
    satuan: '%',
    polarity: 'LOWER_IS_BETTER',
    aggregation: 'LAST_VALUE',
  });
  await approvePk(t, w, x, 2025, [
    {
      indicatorId: visits.id,
      annualTarget: '1000',
      q1Target: '200',
      q2Target: '250',
      q3Target: '250',
      q4Target: '300',
    },
    { indicatorId: rate.id, annualTarget: '10', q1Target: '12', q2Target: '11.5', q3Target: '11', q4Target: '10' },
  ]);
  return { w, x, visits, rate };
}

async function uploadPdf(t: TestApp, user: MadeUser, n: number): Promise<string> {
  const res = await request(t.http)
    .post(api('/evidence'))
    .set(t.auth(user))
    .attach('file', PDF(n), `bukti-${n}.pdf`)
    .expect(201);
  return res.body.id;
}

describe('Quarterly realisation: entry windows, reopening, evidence and capaian', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('enters four quarters with evidence, refuses a late write, accepts it after an audited reopening, computes capaian', async () => {
    const { w, x, visits, rate } = await approvedPk(t);
    const visitValues = ['180', '260', '240.5', '310'];
    const rateValues = ['12.5', '11', '10.75', '9.5'];
    // The same file uploaded twice: two evidence items, one stored content (sha256), both linkable.
    const sameTwice = [await uploadPdf(t, x.planner, 1), await uploadPdf(t, x.planner, 1)];
    const items = await Promise.all(
      sameTwice.map((id) =>
        request(t.http)
          .get(api(`/evidence/${id}`))
          .set(t.auth(x.planner))
          .expect(200),
      ),
    );
    expect(items[0].body.id).not.toBe(items[1].body.id);
    expect(items[0].body.sha256).toBe(items[1].body.sha256);
    const [{ n }] = await t.db.query('SELECT COUNT(*) AS n FROM evidence_files WHERE sha256 = ?', [
      items[0].body.sha256,
    ]);
    expect(Number(n)).toBe(1);
    for (const q of [1, 2, 3, 4]) {
      const evidenceId = q === 1 ? sameTwice[0] : await uploadPdf(t, x.planner, q);
      const res = await request(t.http)
        .put(api('/realisations'))
        .set(t.auth(x.planner))
        .send({
          skpdId: x.skpdId,
          year: 2025,
          quarter: q,
          items: [
            {
              indicatorId: visits.id,
              value: visitValues[q - 1],
              notes: `TW ${q}`,
              problems: 'Hujan',
              followUpPlan: 'Jemput bola',
              evidenceIds: [evidenceId],
            },
            { indicatorId: rate.id, value: rateValues[q - 1] },
          ],
        })
        .expect(200);
      expect(res.body).toHaveLength(2);
      expect(res.body[0]).toEqual(
        expect.objectContaining({
          indicatorId: visits.id,
          quarter: q,
          value: visitValues[q - 1],
          evidenceIds: [evidenceId],
          problems: 'Hujan',
          version: 1,
          warnings: [],
        }),
      );
      // Warnings are returned on entry, never blocking by default: the rate has no bukti dukung.
      expect(res.body[1].warnings.map((x: { code: string; quarter: number }) => [x.code, x.quarter])).toEqual(
        [1, 2, 3, 4].filter((k) => k <= q).map((k) => ['MISSING_EVIDENCE', k]),
      );
    }
    // The second upload of the same content supports another record.
    await request(t.http)
      .put(api('/realisations'))
      .set(t.auth(x.planner))
      .send({
        skpdId: x.skpdId,
        year: 2025,
        quarter: 1,
        items: [{ indicatorId: rate.id, value: rateValues[0], version: 1, evidenceIds: [sameTwice[1]] }],
      })
      .expect(200);

    const listed = await request(t.http)
      .get(api(`/realisations?skpdId=${x.skpdId}&year=2025`))
      .set(t.auth(w.admin))
      .expect(200);
    expect(listed.body).toHaveLength(8);
    expect(listed.body.filter((r: { evidenceIds: string[] }) => r.evidenceIds.length === 1)).toHaveLength(5);

    // The quarter closes: a late correction is refused.
    await request(t.http)
      .put(api('/realisation-windows'))
      .set(t.auth(w.admin))
      .send({ year: 2025, quarter: 4, deadline: new Date(Date.now() - 60_000).toISOString() })
      .expect(200);
    const late = {
      skpdId: x.skpdId,
      year: 2025,
      quarter: 4,
      items: [{ indicatorId: visits.id, value: '320', version: 1 }],
    };
    const refused = await request(t.http).put(api('/realisations')).set(t.auth(x.planner)).send(late).expect(409);
    expect(refused.body.code).toBe('PERIOD_CLOSED');
    // An open quarter (no deadline passed) still accepts writes.
    await request(t.http)
      .put(api('/realisations'))
      .set(t.auth(x.planner))
      .send({ ...late, quarter: 3, items: [{ indicatorId: visits.id, value: '240.5', version: 1 }] })
      .expect(200);

    // Planners cannot reopen; the admin reopens with a reason.
    const reopenBody = {
      skpdId: x.skpdId,
      year: 2025,
      quarter: 4,
      reason: 'Data kunjungan Desember terlambat dari puskesmas',
      until: new Date(Date.now() + 3_600_000).toISOString(),
    };
    await request(t.http).post(api('/realisation-windows/reopen')).set(t.auth(x.planner)).send(reopenBody).expect(403);
    const reopened = await request(t.http)
      .post(api('/realisation-windows/reopen'))
      .set(t.auth(w.admin))
      .send(reopenBody)
      .expect(201);
    const accepted = await request(t.http).put(api('/realisations')).set(t.auth(x.planner)).send(late).expect(200);
    expect(accepted.body[0]).toEqual(expect.objectContaining({ value: '320', version: 2 }));

    const log = await request(t.http)
      .get(api(`/audit-log?entity=ReportingWindow&entityId=${reopened.body.id}`))
      .set(t.auth(w.admin))
      .expect(200);
    expect(log.body.items).toEqual([
      expect.objectContaining({ action: 'REOPEN', reason: reopenBody.reason, username: w.admin.username }),
    ]);
    // The windows of the year: TW IV's deadline and its reopening for this SKPD, with the reason.
    const windows = await request(t.http).get(api('/realisation-windows?year=2025')).set(t.auth(x.planner)).expect(200);
    expect(
      windows.body.map((q: { quarter: number; deadline: string | null }) => [q.quarter, q.deadline !== null]),
    ).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, true],
    ]);
    expect(windows.body[3].reopenings).toEqual([
      expect.objectContaining({ id: reopened.body.id, skpdId: x.skpdId, reason: reopenBody.reason, active: true }),
    ]);
    // A planner of another SKPD sees the deadline, not this SKPD's reopening; the inspectorate sees it.
    const other = await skpdPlan(t, w);
    const theirs = await request(t.http)
      .get(api('/realisation-windows?year=2025'))
      .set(t.auth(other.planner))
      .expect(200);
    expect([theirs.body[3].deadline, theirs.body[3].reopenings]).toEqual([windows.body[3].deadline, []]);
    const evaluator = await t.make.user({ role: 'EVALUATOR', regionId: w.regionId });
    const seen = await request(t.http).get(api('/realisation-windows?year=2025')).set(t.auth(evaluator)).expect(200);
    expect(seen.body[3].reopenings.map((r: { skpdId: string }) => r.skpdId)).toEqual([x.skpdId]);

    // Capaian equals the domain engine on the same inputs.
    const d = (s: string) => new Exact(s);
    const visitsInput = {
      polarity: 'HIGHER_IS_BETTER' as const,
      aggregation: 'CUMULATIVE_SUM' as const,
      quarterTargets: [d('200'), d('250'), d('250'), d('300')] as const,
      annualTarget: d('1000'),
      realisations: [d('180'), d('260'), d('240.5'), d('320')] as const,
    };
    const rateInput = {
      polarity: 'LOWER_IS_BETTER' as const,
      lowerIsBetterFormula: 'INVERSE_DIFF' as const,
      aggregation: 'LAST_VALUE' as const,
      quarterTargets: [d('12'), d('11.5'), d('11'), d('10')] as const,
      annualTarget: d('10'),
      realisations: rateValues.map(d) as unknown as readonly [Decimal, Decimal, Decimal, Decimal],
    };
    const expectedYear = [capaianForYear(visitsInput), capaianForYear(rateInput)];
    const year = await request(t.http)
      .get(api(`/capaian?skpdId=${x.skpdId}&year=2025`))
      .set(t.auth(x.planner))
      .expect(200);
    expect(year.body.indicators.map((i: { indicatorId: string }) => i.indicatorId)).toEqual([visits.id, rate.id]);
    year.body.indicators.forEach(
      (
        row: { capaian: { display: string; exact: string }; notComputable: unknown; category: { code: string } },
        i: number,
      ) => {
        const e = expectedYear[i];
        if (!e.computable) throw new Error('expected computable');
        expect(row.capaian).toEqual({ display: toFixedHalfUp(e.value, 2), exact: e.value.toFixed() });
        expect(row.notComputable).toBeNull();
      },
    );
    expect(year.body.indicators[0].capaian.display).toBe('100.05'); // 1000.5 / 1000
    expect(year.body.indicators[0].category.code).toBe('ST');
    expect(year.body.indicators[1].capaian.display).toBe('105.00'); // (2·10 − 9.5) / 10
    const mean = meanCapaian(
      expectedYear.map((e) =>
        e.computable ? { computable: true as const, value: e.value } : { computable: false as const, reason: e.reason },
      ),
    );
    expect(year.body.skpd).toEqual({
      mean: { display: toFixedHalfUp(mean.mean!, 2), exact: mean.mean!.toFixed() },
      category: { code: 'ST', label: 'Sangat Tinggi' },
      computedCount: 2,
      notComputableCount: 0,
    });
    expect(year.body.bySasaran).toEqual([
      expect.objectContaining({ sasaranId: x.sasaranId, computedCount: 2, notComputableCount: 0 }),
    ]);

    const q2 = await request(t.http)
      .get(api(`/capaian?skpdId=${x.skpdId}&year=2025&quarter=2`))
      .set(t.auth(w.admin))
      .expect(200);
    const expectedQ2 = capaianToQuarter({ ...visitsInput, quarter: 2 });
    if (!expectedQ2.computable) throw new Error('expected computable');
    expect(q2.body.indicators[0].capaian.exact).toBe(expectedQ2.value.toFixed()); // 440 / 450
    expect(q2.body.indicators[0].quartersUsed).toEqual([1, 2]);
  });

  it('reports a missing realisation as not computable and counts it beside the mean', async () => {
    const { x, visits, rate } = await approvedPk(t);
    await request(t.http)
      .put(api('/realisations'))
      .set(t.auth(x.planner))
      .send({
        skpdId: x.skpdId,
        year: 2025,
        quarter: 1,
        items: [
          { indicatorId: rate.id, value: '12' },
          { indicatorId: visits.id, value: null },
        ],
      })
      .expect(200);
    const res = await request(t.http)
      .get(api(`/capaian?skpdId=${x.skpdId}&year=2025&quarter=1`))
      .set(t.auth(x.planner))
      .expect(200);
    expect(res.body.indicators[0]).toEqual(
      expect.objectContaining({ capaian: null, category: null, notComputable: 'MISSING_REALISATION' }),
    );
    expect(res.body.indicators[1].capaian.display).toBe('100.00');
    expect(res.body.skpd).toEqual({
      mean: { display: '100.00', exact: '100' },
      category: { code: 'ST', label: 'Sangat Tinggi' },
      computedCount: 1,
      notComputableCount: 1,
    });
  });

  it('moves a deadline (later = open again), refuses a reopening that ends in the past, and a window per region', async () => {
    const { w, x, visits } = await approvedPk(t);
    const write = { skpdId: x.skpdId, year: 2025, quarter: 2, items: [{ indicatorId: visits.id, value: '10' }] };
    const setDeadline = (deadline: Date) =>
      request(t.http)
        .put(api('/realisation-windows'))
        .set(t.auth(w.admin))
        .send({ year: 2025, quarter: 2, deadline: deadline.toISOString() });
    const first = await setDeadline(new Date(Date.now() - 1000)).expect(200);
    expect(first.body).toEqual(expect.objectContaining({ year: 2025, quarter: 2, version: 1 }));
    await request(t.http).put(api('/realisations')).set(t.auth(x.planner)).send(write).expect(409);
    const moved = await setDeadline(new Date(Date.now() + 3_600_000)).expect(200);
    expect(moved.body).toEqual(expect.objectContaining({ id: first.body.id, version: 2 }));
    await request(t.http).put(api('/realisations')).set(t.auth(x.planner)).send(write).expect(200);

    const past = await request(t.http)
      .post(api('/realisation-windows/reopen'))
      .set(t.auth(w.admin))
      .send({
        skpdId: x.skpdId,
        year: 2025,
        quarter: 2,
        reason: 'Sudah lewat waktunya',
        until: new Date(Date.now() - 1000).toISOString(),
      })
      .expect(422);
    expect(past.body.code).toBe('REOPEN_UNTIL_PAST');
    await request(t.http)
      .put(api('/realisation-windows'))
      .set(t.auth(x.planner))
      .send({ year: 2025, quarter: 2, deadline: new Date().toISOString() })
      .expect(403);
    await request(t.http)
      .put(api('/realisation-windows'))
      .set(t.auth(w.admin))
      .send({ year: 2025, quarter: 5, deadline: new Date().toISOString() })
      .expect(400);
  });

  it('refuses indicators outside the effective PK, and hides an SKPD from a planner of another SKPD (404)', async () => {
    const { w, x, visits } = await approvedPk(t);
    const other = await skpdPlan(t, w);
    const stray = await indicator(t, x.planner, x.sasaranId, { name: 'Di luar PK' });
    const outside = await request(t.http)
      .put(api('/realisations'))
      .set(t.auth(x.planner))
      .send({ skpdId: x.skpdId, year: 2025, quarter: 1, items: [{ indicatorId: stray.id, value: '1' }] })
      .expect(422);
    expect(outside.body.code).toBe('INDICATOR_NOT_IN_PK');

    const body = { skpdId: x.skpdId, year: 2025, quarter: 1, items: [{ indicatorId: visits.id, value: '1' }] };
    await request(t.http).put(api('/realisations')).set(t.auth(other.planner)).send(body).expect(404);
    await request(t.http)
      .get(api(`/realisations?skpdId=${x.skpdId}&year=2025`))
      .set(t.auth(other.planner))
      .expect(404);
    await request(t.http)
      .get(api(`/capaian?skpdId=${x.skpdId}&year=2025`))
      .set(t.auth(other.planner))
      .expect(404);

    // An admin of another region cannot reopen this SKPD's quarter.
    const foreign = await planningWorld(t);
    await request(t.http)
      .post(api('/realisation-windows/reopen'))
      .set(t.auth(foreign.admin))
      .send({
        skpdId: x.skpdId,
        year: 2025,
        quarter: 1,
        reason: 'Coba buka lintas daerah',
        until: new Date(Date.now() + 60_000).toISOString(),
      })
      .expect(404);
  });
});
