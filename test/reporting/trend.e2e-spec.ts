import type ExcelJS from 'exceljs';
import type { RuleSet } from '../../src/evaluation/domain/rule-set';
import { api, cast, registryOf, sheet, uniform, WORKED_EXAMPLE } from '../evaluation/evaluation-fixtures';
import { createTestApp, type TestApp } from '../utils/test-app';
import {
  columnsOf,
  download,
  EV,
  finalEvaluation,
  officialPemda,
  REPORTS,
  text,
  workbookOf,
  XLSX,
} from './report-fixtures';

interface ApiTotal {
  totalDisplay: string | null;
  predicate: string | null;
}
interface ApiEvaluation {
  skpdId: string | null;
  kind: string;
  status: string;
  final: ApiTotal;
  official: ApiTotal;
}

describe('Multi-year trend (GET /reports/trend)', () => {
  let t: TestApp;
  let rs: RuleSet;
  beforeAll(async () => {
    t = await createTestApp();
    rs = registryOf(t).find('permenpanrb-88-2021', 1)!;
  });
  afterAll(() => t.close());

  it('equals the evaluations API for the Pemda and every SKPD across years; planner 403; no data 404', async () => {
    const c = await cast(t);
    const skpdB = await t.make.skpd(c.regionId);
    const plannerB = await t.make.user({ role: 'PLANNER', regionId: c.regionId, skpdId: skpdB.id });
    await finalEvaluation(t, c, c.skpdId, c.planner, 2023, uniform(rs, 'CC'));
    await finalEvaluation(t, c, c.skpdId, c.planner, 2024, uniform(rs, 'B'));
    await finalEvaluation(t, c, c.skpdId, c.planner, 2025, sheet(rs, WORKED_EXAMPLE));
    await finalEvaluation(t, c, skpdB.id, plannerB, 2025, uniform(rs, 'A'));
    const ids = rs.components.map((k) => k.id);
    await officialPemda(t, c, 2024, ids, ['21', '18', '9', '15']);
    await officialPemda(t, c, 2025, ids, ['24.5', '21.25', '11.125', '17.5']);

    const denied = await api(t).get(`${REPORTS}/trend`).set(t.auth(c.planner));
    expect([denied.status, denied.body.code]).toEqual([403, 'PERMISSION_DENIED']);
    const none = await api(t).get(`${REPORTS}/trend?fromYear=2010&toYear=2012`).set(t.auth(c.head));
    expect([none.status, none.body.code]).toEqual([404, 'NO_FINAL_EVALUATIONS']);
    for (const user of [c.admin, c.evaluator]) await download(t, `${REPORTS}/trend`, user).expect(200);

    const res = await download(t, `${REPORTS}/trend?fromYear=2023&toYear=2025`, c.head).expect(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="Tren-Nilai-SAKIP-[A-Za-z0-9-]+-2023-2025\.xlsx";/,
    );
    const wb = await workbookOf(res.body as Buffer);
    const ws = wb.getWorksheet('Tren Nilai')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToWidth: 1,
      printTitlesRow: '1:4',
    });
    const col = columnsOf(ws, 4);
    const skpdList = (await api(t).get('/api/v1/skpd?pageSize=100').set(t.auth(c.head)).expect(200)).body.items as {
      id: string;
      code: string;
    }[];
    const codeOf = new Map(skpdList.map((s) => [s.id, s.code]));
    const rowByCode = new Map<string, ExcelJS.Row>();
    for (let r = 5; r <= ws.rowCount; r++) {
      const code = text(ws.getRow(r).getCell(col('Kode')).value);
      if (code) rowByCode.set(code, ws.getRow(r));
    }
    const region = (await api(t).get(`/api/v1/regions/${c.regionId}`).set(t.auth(c.head)).expect(200)).body;
    for (const year of [2023, 2024, 2025]) {
      const listed = (await api(t).get(`${EV}?year=${year}&pageSize=100`).set(t.auth(c.head)).expect(200)).body
        .items as ApiEvaluation[];
      for (const e of listed.filter((x) => x.kind === 'SKPD' && x.status === 'FINAL')) {
        const row = rowByCode.get(codeOf.get(e.skpdId!)!)!;
        expect(row.getCell(col(`Nilai ${year}`)).value).toBe(Number(e.final.totalDisplay));
        expect(row.getCell(col(`Nilai ${year}`)).numFmt).toBe('0.00');
        expect(row.getCell(col(`Predikat ${year}`)).value).toBe(e.final.predicate);
      }
      const pemda = listed.find((x) => x.kind === 'PEMDA');
      const pemdaRow = rowByCode.get(region.code)!;
      expect(pemdaRow.getCell(col(`Nilai ${year}`)).value).toBe(pemda ? Number(pemda.official.totalDisplay) : null);
      expect(pemdaRow.getCell(col(`Predikat ${year}`)).value).toBe(pemda ? pemda.official.predicate : null);
    }
    // SKPD B has no result before 2025; the change needs two years.
    const b = rowByCode.get(codeOf.get(skpdB.id)!)!;
    expect([b.getCell(col('Nilai 2023')).value, b.getCell(col('Perubahan 2023–2025')).value]).toEqual([null, null]);
    expect(rowByCode.get(codeOf.get(c.skpdId)!)!.getCell(col('Perubahan 2023–2025')).value).toBe(12.19);
  });
});
