import request from 'supertest';
import type { MadeUser } from '../factories/factories';
import {
  approvePk,
  indicator,
  node,
  type PkItem,
  planningWorld,
  skpdPlan,
  type SkpdPlan,
} from '../planning/planning-fixtures';
import { createTestApp, type TestApp } from '../utils/test-app';

const api = (path: string) => `/api/v1${path}`;
const PDF = (n: number) => Buffer.from(`%PDF-1.4\n% bukti pemda ${n} ${Math.random()}\n1 0 obj<<>>endobj\n%%EOF\n`);

const quarterly = (indicatorId: string, annual: string, q: [string, string, string, string]): PkItem => ({
  indicatorId,
  annualTarget: annual,
  q1Target: q[0],
  q2Target: q[1],
  q3Target: q[2],
  q4Target: q[3],
});

async function uploadPdf(t: TestApp, user: MadeUser, n: number): Promise<string> {
  const res = await request(t.http)
    .post(api('/evidence'))
    .set(t.auth(user))
    .attach('file', PDF(n), `bukti-${n}.pdf`)
    .expect(201);
  return res.body.id;
}

interface WriteItem {
  indicatorId: string;
  value: string | null;
  version?: number;
  evidenceIds?: string[];
}
const write = (t: TestApp, x: SkpdPlan, year: number, quarter: number, items: WriteItem[]) =>
  request(t.http).put(api('/realisations')).set(t.auth(x.planner)).send({ skpdId: x.skpdId, year, quarter, items });

interface Supporting {
  skpdId: string;
  indicatorId: string;
  notComputable: string | null;
  capaian: { exact: string };
  warnings: { code: string; quarter: number | null }[];
}
interface IkuRow {
  indicatorId: string;
  mean: { exact: string } | null;
  warningCount: number;
  supporting: Supporting[];
}

const codes = (warnings: { code: string; quarter: number | null }[]) => warnings.map((w) => [w.code, w.quarter]);

describe('Capaian of the Pemda, data-quality warnings, optimistic realisation versions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('rolls IKU Pemda and a crosscutting target up from the SKPD indicators that support them, region-wide roles only', async () => {
    const w = await planningWorld(t);
    const x = await skpdPlan(t, w);
    const y = await skpdPlan(t, w);
    const z = await skpdPlan(t, w, { linked: false });
    const iku = await indicator(t, w.admin, w.pemdaSasaranId, {
      name: 'Persentase penduduk miskin terlayani',
      satuan: '%',
      isIku: true,
    });
    // An IKU on a Pemda sasaran that no SKPD sasaran supports: shown, not computable, never 0.
    const lonely = await node(t, w.admin, {
      periodId: w.periodId,
      kind: 'SASARAN',
      parentId: w.pemdaTujuanId,
      code: 'S.SEPI',
      name: 'Sasaran tanpa dukungan',
    });
    const orphanIku = await indicator(t, w.admin, lonely.id, { name: 'IKU tanpa pendukung', isIku: true });
    const shared = await indicator(t, w.admin, w.pemdaSasaranId, {
      name: 'Jumlah keluarga diintervensi',
      satuan: 'KK',
    });
    await request(t.http)
      .put(api(`/planning/indicators/${iku.id}/targets`))
      .set(t.auth(w.admin))
      .send({ targets: [{ year: 2025, target: '1000' }] })
      .expect(200);
    await request(t.http)
      .put(api(`/planning/indicators/${shared.id}/crosscut`))
      .set(t.auth(w.admin))
      .send({
        year: 2025,
        contributions: [
          { skpdId: x.skpdId, sharePercent: '60' },
          { skpdId: y.skpdId, sharePercent: '40' },
        ],
      })
      .expect(200);

    const a = await indicator(t, x.planner, x.sasaranId, { name: 'Layanan X' });
    const b = await indicator(t, y.planner, y.sasaranId, { name: 'Layanan Y' });
    const c = await indicator(t, y.planner, y.sasaranId, { name: 'Layanan Y belum lapor' });
    const off = await indicator(t, z.planner, z.sasaranId, { name: 'Tidak mendukung sasaran Pemda' });
    await approvePk(t, w, x, 2025, [quarterly(a.id, '100', ['25', '25', '25', '25'])]);
    await approvePk(t, w, y, 2025, [
      quarterly(b.id, '200', ['50', '50', '50', '50']),
      quarterly(c.id, '8', ['2', '2', '2', '2']),
    ]);
    await approvePk(t, w, z, 2025, [quarterly(off.id, '4', ['1', '1', '1', '1'])]);
    await write(t, x, 2025, 1, [{ indicatorId: a.id, value: '30' }]).expect(200); // 30 / 25 = 120 %
    await write(t, y, 2025, 1, [{ indicatorId: b.id, value: '40' }]).expect(200); // 40 / 50 = 80 %
    await write(t, z, 2025, 1, [{ indicatorId: off.id, value: '1' }]).expect(200);

    const get = (user: MadeUser, query = 'year=2025&quarter=1') =>
      request(t.http)
        .get(api(`/capaian/pemda?${query}`))
        .set(t.auth(user));
    const res = await get(w.admin).expect(200);
    expect(res.body).toEqual(expect.objectContaining({ year: 2025, quarter: 1, cap: null }));
    expect(res.body.iku.map((r: { indicatorId: string }) => r.indicatorId).sort()).toEqual(
      [iku.id, orphanIku.id].sort(),
    );
    const ikuRow = (body: { iku: IkuRow[] }, id = iku.id) => body.iku.find((r) => r.indicatorId === id) as IkuRow;
    expect(ikuRow(res.body, orphanIku.id)).toEqual(
      expect.objectContaining({
        mean: null,
        computedCount: 0,
        notComputableCount: 0,
        notComputable: 'NO_SUPPORTING_INDICATORS',
        supporting: [],
      }),
    );
    const row = ikuRow(res.body);
    expect(row).toEqual(
      expect.objectContaining({
        indicatorId: iku.id,
        pemdaTarget: '1000',
        mean: { display: '100.00', exact: '100' }, // (120 + 80) / 2; the unreported indicator is counted, not averaged as 0
        category: { code: 'ST', label: 'Sangat Tinggi' },
        computedCount: 2,
        notComputableCount: 1,
        notComputable: null,
      }),
    );
    expect(
      row.supporting
        .map((s: { skpdId: string; indicatorId: string; notComputable: string | null }) => [
          s.skpdId,
          s.indicatorId,
          s.notComputable,
        ])
        .sort(),
    ).toEqual(
      [
        [x.skpdId, a.id, null],
        [y.skpdId, b.id, null],
        [y.skpdId, c.id, 'MISSING_REALISATION'],
      ].sort(),
    );
    // Per-indicator warnings as in the SKPD view: no bukti dukung for the reported quarter.
    const supportA = row.supporting.find((s: { indicatorId: string }) => s.indicatorId === a.id);
    expect(codes(supportA!.warnings)).toEqual([['MISSING_EVIDENCE', 1]]);
    expect(row.warningCount).toBe(2);
    expect(res.body.pemda).toEqual(
      expect.objectContaining({ mean: { display: '100.00', exact: '100' }, computedCount: 1, notComputableCount: 1 }),
    );

    expect(res.body.crosscutting).toHaveLength(1);
    const cross = res.body.crosscutting[0];
    expect(cross).toEqual(
      expect.objectContaining({
        indicatorId: shared.id,
        isIku: false,
        weighting: 'SHARE',
        capaian: { display: '104.00', exact: '104' }, // 0.6 × 120 + 0.4 × 80
        computedCount: 2,
        notComputableCount: 0,
      }),
    );
    expect(
      cross.contributions
        .map((p: { skpdId: string; mean: { exact: string }; notComputableCount: number }) => [
          p.skpdId,
          p.mean.exact,
          p.notComputableCount,
        ])
        .sort(),
    ).toEqual(
      [
        [x.skpdId, '120', 0],
        [y.skpdId, '80', 1],
      ].sort(),
    );

    // The region's cap applies before averaging (stored uncapped per indicator).
    const region = await request(t.http)
      .get(api(`/regions/${w.regionId}`))
      .set(t.auth(w.admin))
      .expect(200);
    await request(t.http)
      .patch(api(`/regions/${w.regionId}`))
      .set(t.auth(w.admin))
      .send({ version: region.body.version, capaianCap: 100 })
      .expect(200);
    const capped = await get(w.admin).expect(200);
    expect(capped.body.cap).toBe('100');
    expect(ikuRow(capped.body).mean!.exact).toBe('90'); // (100 + 80) / 2
    expect(capped.body.crosscutting[0].capaian.exact).toBe('92'); // 0.6 × 100 + 0.4 × 80
    expect(
      ikuRow(capped.body).supporting.find((s: { indicatorId: string }) => s.indicatorId === a.id)!.capaian.exact,
    ).toBe('120');

    // The year: nothing has all four quarters, so the figures are not computable, never 0.
    const year = await get(w.admin, 'year=2025').expect(200);
    expect(ikuRow(year.body)).toEqual(
      expect.objectContaining({
        mean: null,
        category: null,
        computedCount: 0,
        notComputableCount: 3,
        notComputable: 'NONE_COMPUTABLE',
      }),
    );
    expect(year.body.crosscutting[0]).toEqual(
      expect.objectContaining({ capaian: null, notComputable: 'MISSING_REALISATION' }),
    );

    // Region-wide roles only; another region sees none of it.
    for (const role of ['EVALUATOR', 'HEAD'] as const) {
      const user = await t.make.user({ role, regionId: w.regionId });
      expect(ikuRow((await get(user).expect(200)).body).supporting).toHaveLength(3);
    }
    const denied = await get(x.planner).expect(403);
    expect(denied.body.code).toBe('PERMISSION_DENIED');
    const foreign = await planningWorld(t);
    const elsewhere = await get(foreign.admin).expect(200);
    expect(elsewhere.body).toEqual(expect.objectContaining({ iku: [], crosscutting: [] }));
    await get(w.admin, 'quarter=1').expect(400);
  });

  it('requires the version read to change an existing quarter (409 STALE_VERSION)', async () => {
    const w = await planningWorld(t);
    const x = await skpdPlan(t, w);
    const a = await indicator(t, x.planner, x.sasaranId);
    await approvePk(t, w, x, 2025, [quarterly(a.id, '100', ['25', '25', '25', '25'])]);
    const first = await write(t, x, 2025, 1, [{ indicatorId: a.id, value: '20' }]).expect(200);
    expect(first.body[0].version).toBe(1);
    for (const version of [undefined, 2]) {
      const stale = await write(t, x, 2025, 1, [{ indicatorId: a.id, value: '21', version }]).expect(409);
      expect(stale.body.code).toBe('STALE_VERSION');
    }
    const second = await write(t, x, 2025, 1, [{ indicatorId: a.id, value: '21', version: 1 }]).expect(200);
    expect(second.body[0]).toEqual(expect.objectContaining({ value: '21', version: 2 }));
    expect((await write(t, x, 2025, 1, [{ indicatorId: a.id, value: '22', version: 1 }]).expect(409)).body.code).toBe(
      'STALE_VERSION',
    );
    // A version for a quarter that has no row yet is a stale read too.
    expect((await write(t, x, 2025, 2, [{ indicatorId: a.id, value: '22', version: 1 }]).expect(409)).body.code).toBe(
      'STALE_VERSION',
    );
    const listed = await request(t.http)
      .get(api(`/realisations?skpdId=${x.skpdId}&year=2025`))
      .set(t.auth(x.planner))
      .expect(200);
    expect(
      listed.body.map((r: { quarter: number; value: string; version: number }) => [r.quarter, r.value, r.version]),
    ).toEqual([[1, '21', 2]]);
  });

  it('warns on entry and in GET /capaian: a cumulative decrease, capaian above 150 %, no evidence, far from last year', async () => {
    const w = await planningWorld(t);
    const x = await skpdPlan(t, w);
    const coverage = await indicator(t, x.planner, x.sasaranId, {
      name: 'Cakupan imunisasi',
      satuan: '%',
      aggregation: 'LAST_VALUE',
    });
    const index = await indicator(t, x.planner, x.sasaranId, {
      name: 'Indeks kepuasan',
      satuan: 'indeks',
      aggregation: 'AVERAGE',
    });
    const items = () => [
      quarterly(coverage.id, '100', ['20', '45', '70', '100']),
      quarterly(index.id, '80', ['80', '80', '80', '80']),
    ];
    await approvePk(t, w, x, 2025, items());
    await approvePk(t, w, x, 2026, items());
    for (const q of [1, 2, 3, 4])
      await write(t, x, 2025, q, [
        { indicatorId: index.id, value: '80', evidenceIds: [await uploadPdf(t, x.planner, q)] },
      ]).expect(200);

    const q1 = await write(t, x, 2026, 1, [
      { indicatorId: coverage.id, value: '35' }, // 35 / 20 = 175 %, no evidence
      { indicatorId: index.id, value: '20', evidenceIds: [await uploadPdf(t, x.planner, 5)] }, // 20 vs 80 last year
    ]).expect(200);
    expect(codes(q1.body[0].warnings)).toEqual([
      ['MISSING_EVIDENCE', 1],
      ['CAPAIAN_VERY_HIGH', null],
    ]);
    expect(codes(q1.body[1].warnings)).toEqual([['FAR_FROM_PREVIOUS_YEAR', null]]);
    expect(q1.body[1].warnings[0].message).toContain('tahun lalu (80)');

    const q2 = await write(t, x, 2026, 2, [
      { indicatorId: coverage.id, value: '30', evidenceIds: [await uploadPdf(t, x.planner, 6)] },
    ]).expect(200);
    expect(codes(q2.body[0].warnings)).toEqual([
      ['REALISATION_DECREASED', 2],
      ['MISSING_EVIDENCE', 1],
    ]);

    const view = await request(t.http)
      .get(api(`/capaian?skpdId=${x.skpdId}&year=2026&quarter=2`))
      .set(t.auth(x.planner))
      .expect(200);
    expect(
      view.body.indicators.map((i: { indicatorId: string; warnings: { code: string; quarter: number | null }[] }) => [
        i.indicatorId,
        codes(i.warnings),
      ]),
    ).toEqual([
      [
        coverage.id,
        [
          ['REALISATION_DECREASED', 2],
          ['MISSING_EVIDENCE', 1],
        ],
      ],
      [index.id, [['FAR_FROM_PREVIOUS_YEAR', null]]],
    ]);
    expect(view.body.indicators[1].previousYear).toBe('80');
  });

  it('blocks a write that introduces a warning when the region says so: 422 with the warnings, nothing written', async () => {
    const w = await planningWorld(t);
    const x = await skpdPlan(t, w);
    const coverage = await indicator(t, x.planner, x.sasaranId, {
      name: 'Cakupan',
      satuan: '%',
      aggregation: 'LAST_VALUE',
    });
    await approvePk(t, w, x, 2025, [quarterly(coverage.id, '100', ['20', '45', '70', '100'])]);

    const settings = (user: MadeUser) => request(t.http).get(api('/performance-settings')).set(t.auth(user));
    const putSettings = (user: MadeUser, body: object) =>
      request(t.http).put(api('/performance-settings')).set(t.auth(user)).send(body);
    expect((await settings(x.planner).expect(200)).body).toEqual({
      blockOnDataQuality: false,
      lowerIsBetterZeroTarget: 'NOT_COMPUTABLE',
      version: 0,
    });
    await putSettings(x.planner, { blockOnDataQuality: true, version: 0 }).expect(403);
    expect((await putSettings(w.admin, { blockOnDataQuality: true, version: 0 }).expect(200)).body).toEqual({
      blockOnDataQuality: true,
      lowerIsBetterZeroTarget: 'NOT_COMPUTABLE',
      version: 1,
    });
    expect((await putSettings(w.admin, { blockOnDataQuality: false, version: 0 }).expect(409)).body.code).toBe(
      'STALE_VERSION',
    );
    expect((await settings(x.planner).expect(200)).body).toEqual({
      blockOnDataQuality: true,
      lowerIsBetterZeroTarget: 'NOT_COMPUTABLE',
      version: 1,
    });

    const auditCount = async () =>
      (await request(t.http).get(api('/audit-log?entity=Realisation&pageSize=100')).set(t.auth(w.admin)).expect(200))
        .body.items.length;
    const listed = async () =>
      (
        await request(t.http)
          .get(api(`/realisations?skpdId=${x.skpdId}&year=2025`))
          .set(t.auth(x.planner))
          .expect(200)
      ).body;

    const evidence = await uploadPdf(t, x.planner, 1);
    const refused = await write(t, x, 2025, 1, [{ indicatorId: coverage.id, value: '18' }]).expect(422);
    expect(refused.body.code).toBe('DATA_QUALITY');
    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        field: 'items.0',
        indicatorId: coverage.id,
        code: 'MISSING_EVIDENCE',
        quarter: 1,
        messages: [expect.stringContaining('bukti dukung')],
      }),
    ]);
    expect(await listed()).toEqual([]);
    expect(await auditCount()).toBe(0);

    const ok = await write(t, x, 2025, 1, [{ indicatorId: coverage.id, value: '18', evidenceIds: [evidence] }]).expect(
      200,
    );
    expect(ok.body[0].warnings).toEqual([]);
    const decrease = await write(t, x, 2025, 2, [
      { indicatorId: coverage.id, value: '15', evidenceIds: [evidence] },
    ]).expect(422);
    expect(decrease.body.errors.map((e: { code: string; quarter: number }) => [e.code, e.quarter])).toEqual([
      ['REALISATION_DECREASED', 2],
    ]);
    expect(
      (await listed()).map((r: { quarter: number; value: string; evidenceIds: string[] }) => [
        r.quarter,
        r.value,
        r.evidenceIds,
      ]),
    ).toEqual([[1, '18', [evidence]]]);
    expect(await auditCount()).toBe(1);

    // Not blocking again: the same warning is returned, the write goes through.
    await putSettings(w.admin, { blockOnDataQuality: false, version: 1 }).expect(200);
    const saved = await write(t, x, 2025, 2, [
      { indicatorId: coverage.id, value: '15', evidenceIds: [evidence] },
    ]).expect(200);
    expect(codes(saved.body[0].warnings)).toEqual([['REALISATION_DECREASED', 2]]);
    const log = await request(t.http)
      .get(api('/audit-log?entity=PerformanceSettings'))
      .set(t.auth(w.admin))
      .expect(200);
    expect(log.body.items).toHaveLength(2);
  });
});
