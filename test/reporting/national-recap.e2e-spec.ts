import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import type { RuleSet } from '../../src/evaluation/domain/rule-set';
import { writeNationalRecap } from '../../src/reporting/national-recap';
import type { MadeUser } from '../factories/factories';
import { api, type Cast, cast, registryOf, sheet, uniform, WORKED_EXAMPLE } from '../evaluation/evaluation-fixtures';
import { createTestApp, type TestApp } from '../utils/test-app';
import { columnsOf, download, EV, finalEvaluation, REPORTS, text, workbookOf, XLSX } from './report-fixtures';

interface ApiEvaluation {
  id: string;
  skpdId: string | null;
  kind: string;
  status: string;
  final: { totalDisplay: string | null; totalExact: string | null; predicate: string | null };
}

/** "regionCode|skpdCode" → [total, predicate, rank] from the national sheet. */
function nationalRows(wb: ExcelJS.Workbook): Map<string, unknown[]> {
  const ws = wb.getWorksheet('Rekap Nasional')!;
  const col = columnsOf(ws, 4);
  const out = new Map<string, unknown[]>();
  for (let r = 5; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const region = text(row.getCell(col('Kode Wilayah')).value);
    if (!region) continue;
    out.set(`${region}|${text(row.getCell(col('Kode PD')).value)}`, [
      row.getCell(col('Nilai Akhir')).value,
      row.getCell(col('Predikat')).value,
      row.getCell(col('Peringkat di Daerah')).value,
    ]);
  }
  return out;
}

describe('National recap (GET /reports/national-recap, writeNationalRecap)', () => {
  let t: TestApp;
  let rs: RuleSet;
  let dir: string;
  beforeAll(async () => {
    t = await createTestApp();
    rs = registryOf(t).find('permenpanrb-88-2021', 1)!;
    dir = mkdtempSync(join(tmpdir(), 'national-recap-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('lists every region × SKPD equal to each region’s evaluations API; SUPERADMIN only; paged file output; no data 404', async () => {
    const a = await cast(t);
    const a2 = await t.make.skpd(a.regionId);
    const a2Planner = await t.make.user({ role: 'PLANNER', regionId: a.regionId, skpdId: a2.id });
    await finalEvaluation(t, a, a.skpdId, a.planner, 2025, sheet(rs, WORKED_EXAMPLE));
    await finalEvaluation(t, a, a2.id, a2Planner, 2025, uniform(rs, 'A'));
    const b = await cast(t);
    await finalEvaluation(t, b, b.skpdId, b.planner, 2025, uniform(rs, 'BB'));
    await cast(t); // a region without results
    const root = await t.make.user({ role: 'SUPERADMIN' });

    const denied = await api(t).get(`${REPORTS}/national-recap?year=2025`).set(t.auth(a.head));
    expect([denied.status, denied.body.code]).toEqual([403, 'PERMISSION_DENIED']);
    const none = await api(t).get(`${REPORTS}/national-recap?year=2019`).set(t.auth(root));
    expect([none.status, none.body.code, none.headers['content-disposition']]).toEqual([
      404,
      'NO_FINAL_EVALUATIONS',
      undefined,
    ]);

    const res = await download(t, `${REPORTS}/national-recap?year=2025`, root).expect(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="Rekap-Predikat-SAKIP-Nasional-2025\.xlsx";/,
    );
    const wb = await workbookOf(res.body as Buffer);
    expect(wb.title).toContain('Rekapitulasi Nasional');
    expect(wb.getWorksheet('Rekap Nasional')!.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    const rows = nationalRows(wb);

    // What each region's API says.
    const expected = new Map<string, unknown[]>();
    for (const c of [a, b] as Cast[]) {
      const region = (await api(t).get(`/api/v1/regions/${c.regionId}`).set(t.auth(c.head)).expect(200)).body;
      const skpds = (await api(t).get('/api/v1/skpd?pageSize=100').set(t.auth(c.head)).expect(200)).body.items as {
        id: string;
        code: string;
      }[];
      const listed = (
        (await api(t).get(`${EV}?year=2025&pageSize=100`).set(t.auth(c.head)).expect(200)).body.items as ApiEvaluation[]
      ).filter((e) => e.kind === 'SKPD' && e.status === 'FINAL');
      const totals = listed.map((e) => Number(e.final.totalDisplay));
      for (const e of listed) {
        const rank = 1 + totals.filter((x) => x > Number(e.final.totalDisplay)).length;
        expected.set(`${region.code}|${skpds.find((s) => s.id === e.skpdId)!.code}`, [
          Number(e.final.totalDisplay),
          e.final.predicate,
          rank,
        ]);
      }
    }
    expect(rows).toEqual(expected);
    expect(rows.size).toBe(3);

    // The core function without Nest: a file path, one region per page, progress per page; the same rows.
    const file = join(dir, 'nasional.xlsx');
    const progress: number[][] = [];
    const result = await writeNationalRecap(t.db, 2025, file, {
      pageSize: 1,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(result).toEqual({ regions: 2, rows: 3 });
    expect(progress.map((p) => p[0])).toEqual(progress.map((_, i) => i + 1));
    expect(progress.at(-1)![0]).toBe(progress.at(-1)![1]);
    expect(nationalRows(await workbookOf(readFileSync(file)))).toEqual(expected);
    const summary = (await workbookOf(readFileSync(file))).getWorksheet('Ringkasan Daerah')!;
    expect(summary.getRow(5).getCell(4).value).toBeGreaterThanOrEqual(1);
  });

  it('refuses users without the national permission', async () => {
    for (const role of ['REGION_ADMIN', 'EVALUATOR', 'PLANNER'] as const) {
      const c = await cast(t);
      const user: MadeUser = role === 'PLANNER' ? c.planner : role === 'EVALUATOR' ? c.evaluator : c.admin;
      await api(t).get(`${REPORTS}/national-recap?year=2025`).set(t.auth(user)).expect(403);
    }
  });
});
