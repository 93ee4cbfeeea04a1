import request from 'supertest';
import { Exact, toFixedHalfUp } from '../../src/common/decimal/exact';
import { computeCapaian } from '../../src/performance/domain/capaian';
import { indicator, planningWorld, skpdPlan } from '../planning/planning-fixtures';
import { createTestApp, type TestApp } from '../utils/test-app';
import {
  columnsOf,
  download,
  type PkItem,
  pkWithRealisations,
  REPORTS,
  text,
  workbookOf,
  XLSX,
} from './report-fixtures';

const api = (path: string) => `/api/v1${path}`;

interface ApiIndicator {
  indicatorId: string;
  code: string;
  name: string;
  satuan: string;
  realisations: { quarter: number; value: string | null }[];
  capaian: { display: string; exact: string } | null;
  category: { label: string } | null;
}

describe('Performance achievement table (GET /reports/capaian)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('equals the capaian API for the year and the year before; end-of-period targets; access and no-data', async () => {
    const w = await planningWorld(t);
    const x = await skpdPlan(t, w);
    const visits = await indicator(t, x.planner, x.sasaranId, {
      name: 'Jumlah kunjungan',
      aggregation: 'CUMULATIVE_SUM',
      endTarget: '6000',
    });
    const rate = await indicator(t, x.planner, x.sasaranId, {
      name: 'Angka kesakitan',
      satuan: '%',
      polarity: 'LOWER_IS_BETTER',
      aggregation: 'LAST_VALUE',
      endTarget: '8',
    });
    const items = (visitTarget: string, rateTarget: string): PkItem[] => [
      {
        indicatorId: visits.id,
        annualTarget: visitTarget,
        q1Target: '200',
        q2Target: '250',
        q3Target: '250',
        q4Target: String(Number(visitTarget) - 700),
      },
      {
        indicatorId: rate.id,
        annualTarget: rateTarget,
        q1Target: '12',
        q2Target: '11.5',
        q3Target: '11',
        q4Target: rateTarget,
      },
    ];
    await pkWithRealisations(t, w.admin, x.planner, x.skpdId, 2025, items('1000', '10'), {
      [visits.id]: ['180', '260', '240.5', '310'],
      [rate.id]: ['12.5', '11', '10.75', '9.5'],
    });
    await pkWithRealisations(t, w.admin, x.planner, x.skpdId, 2026, items('1200', '9.5'), {
      [visits.id]: ['300', '310', '320', '330.25'],
      [rate.id]: ['11', '10.2', '9.9', '9.7'],
    });

    const head = await t.make.user({ role: 'HEAD', regionId: w.regionId });
    const evaluator = await t.make.user({ role: 'EVALUATOR', regionId: w.regionId });
    const other = await skpdPlan(t, w);
    const path = (skpdId: string, year = 2026) => `${REPORTS}/capaian?skpdId=${skpdId}&year=${year}`;
    for (const user of [w.admin, head, evaluator, x.planner]) await download(t, path(x.skpdId), user).expect(200);
    await request(t.http).get(path(x.skpdId)).set(t.auth(other.planner)).expect(404);
    const empty = await request(t.http).get(path(x.skpdId, 2027)).set(t.auth(head));
    expect([empty.status, empty.body.code]).toEqual([404, 'NO_CAPAIAN_DATA']);
    const outsider = await t.make.user({ role: 'HEAD', regionId: (await t.make.region()).id });
    await request(t.http).get(path(x.skpdId)).set(t.auth(outsider)).expect(404);

    const res = await download(t, path(x.skpdId), x.planner).expect(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="Capaian-Kinerja-[A-Za-z0-9-]+-2026\.xlsx";/,
    );

    const now = (
      await request(t.http)
        .get(api(`/capaian?skpdId=${x.skpdId}&year=2026`))
        .set(t.auth(head))
        .expect(200)
    ).body;
    const before = (
      await request(t.http)
        .get(api(`/capaian?skpdId=${x.skpdId}&year=2025`))
        .set(t.auth(head))
        .expect(200)
    ).body;
    const wb = await workbookOf(res.body as Buffer);
    expect(wb.title).toContain('Pengukuran Capaian Kinerja');
    const ws = wb.getWorksheet('Capaian Kinerja')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToWidth: 1,
      printTitlesRow: '1:4',
    });
    const col = columnsOf(ws, 4);
    const rows = new Map<string, number>();
    for (let r = 5; r <= ws.rowCount; r++) {
      const code = text(ws.getRow(r).getCell(col('Kode')).value);
      if (code) rows.set(code, r);
    }
    expect(now.indicators).toHaveLength(2);
    const ends: Record<string, string> = { [visits.id]: '6000', [rate.id]: '8' };
    const annual: Record<string, string> = { [visits.id]: '1260.25', [rate.id]: '9.7' };
    for (const ind of now.indicators as ApiIndicator[]) {
      const row = ws.getRow(rows.get(ind.code)!);
      const cell = (name: string) => row.getCell(col(name)).value;
      expect(cell('Indikator Kinerja')).toBe(ind.name);
      expect(cell('Satuan')).toBe(ind.satuan);
      expect(cell('Sasaran')).toBe('Sasaran perangkat daerah');
      ['I', 'II', 'III', 'IV'].forEach((q, i) =>
        expect(cell(`Realisasi TW ${q}`)).toBe(Number(ind.realisations[i].value)),
      );
      expect(cell('Capaian (%)')).toBe(Number(ind.capaian!.display));
      expect(row.getCell(col('Capaian (%)')).numFmt).toBe('0.00');
      expect(cell('Kategori')).toBe(ind.category!.label);
      const prev = (before.indicators as ApiIndicator[]).find((p) => p.code === ind.code)!;
      expect(cell('Capaian 2025 (%)')).toBe(Number(prev.capaian!.display));
      expect(cell('Perubahan Capaian')).toBe(
        Number(toFixedHalfUp(new Exact(ind.capaian!.exact).minus(prev.capaian!.exact), 2)),
      );
      expect(cell('Realisasi 2026')).toBe(Number(annual[ind.indicatorId]));
      expect(cell('Target Akhir Periode (2029)')).toBe(Number(ends[ind.indicatorId]));
      const toEnd = computeCapaian({
        polarity: ind.indicatorId === rate.id ? 'LOWER_IS_BETTER' : 'HIGHER_IS_BETTER',
        target: new Exact(ends[ind.indicatorId]),
        realisation: new Exact(annual[ind.indicatorId]),
      });
      expect(cell('Capaian thd Target Akhir (%)')).toBe(
        toEnd.computable ? Number(toFixedHalfUp(toEnd.value, 2)) : null,
      );
    }
    expect(ws.getRow(rows.get(visits.code)!).getCell(col('Realisasi 2025')).value).toBe(990.5);
    // The SKPD's mean capaian equals the API's roll-up.
    let meanRow = 0;
    for (let r = 5; r <= ws.rowCount; r++)
      if (text(ws.getRow(r).getCell(4).value) === 'Rata-rata capaian keseluruhan (%)') meanRow = r;
    expect(ws.getRow(meanRow).getCell(col('Capaian (%)')).value).toBe(Number(now.skpd.mean.display));
  });
});
