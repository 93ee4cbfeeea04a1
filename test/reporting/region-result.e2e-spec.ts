import type ExcelJS from 'exceljs';
import type { RuleSet } from '../../src/evaluation/domain/rule-set';
import { RESULT_SOURCE_LABELS } from '../../src/evaluation/evaluation-result';
import { api, asBody, cast, type Cast, registryOf, uniform, versionOf } from '../evaluation/evaluation-fixtures';
import { createTestApp, type TestApp } from '../utils/test-app';
import { download, EV, finalEvaluation, REPORTS, text, workbookOf } from './report-fixtures';

const OFFICIAL = RESULT_SOURCE_LABELS.OFFICIAL;

/** Every row of every sheet as its cell texts. */
const rowsOf = (wb: ExcelJS.Workbook): string[][] =>
  wb.worksheets.flatMap((ws) => {
    const rows: string[][] = [];
    ws.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).map(text)));
    return rows;
  });

/**
 * Issue 16 item 13: the region's result in a year has one definition (evaluationResultOf: the official KemenPAN-RB
 * result, else the Pemda's own FINAL sheet), and every place that shows it says which one it is.
 */
describe("The region's result: one figure and its source everywhere", () => {
  let t: TestApp;
  let rs: RuleSet;
  let c: Cast;
  let pemdaId: string;
  beforeAll(async () => {
    t = await createTestApp();
    rs = registryOf(t).find('permenpanrb-88-2021', 1)!;
    c = await cast(t);
    await finalEvaluation(t, c, c.skpdId, c.planner, 2025, uniform(rs, 'B'));
    // The Pemda's own sheet: BB everywhere = 80.00; the official result: 79.99.
    const pemda = (await api(t).post(EV).set(t.auth(c.admin)).send({ pemda: true, year: 2025 }).expect(201)).body;
    pemdaId = pemda.id;
    const move = async (user: { token: string }) =>
      api(t)
        .post(`${EV}/${pemdaId}/advance`)
        .set(t.auth(user))
        .send({ version: await versionOf(t, pemdaId) })
        .expect(200);
    await move(c.evaluator);
    await api(t)
      .put(`${EV}/${pemdaId}/answers`)
      .set(t.auth(c.evaluator))
      .send({ ...asBody(uniform(rs, 'BB')), version: await versionOf(t, pemdaId) })
      .expect(200);
    await move(c.evaluator);
    expect((await move(c.qa)).body.final).toMatchObject({ totalDisplay: '80.00' });
    await api(t)
      .put(`${EV}/${pemdaId}/official-result`)
      .set(t.auth(c.admin))
      .send({
        version: await versionOf(t, pemdaId),
        components: [
          { componentId: '1', score: '23.99' },
          { componentId: '2', score: '24' },
          { componentId: '3', score: '12' },
          { componentId: '4', score: '20' },
        ],
      })
      .expect(200);
  });
  afterAll(() => t.close());

  it('JSON: history, roadmap and publication give 79.99 with source OFFICIAL', async () => {
    const history = (await api(t).get('/api/v1/progress/history').set(t.auth(c.head)).expect(200)).body;
    expect(history.region.entries.find((e: { year: number }) => e.year === 2025)).toMatchObject({
      source: 'OFFICIAL',
      total: '79.99',
      predicate: 'BB',
    });
    const roadmap = (
      await api(t).get(`/api/v1/progress/evaluations/${pemdaId}/roadmap`).set(t.auth(c.head)).expect(200)
    ).body;
    expect(roadmap.result).toEqual({ source: 'OFFICIAL', total: '79.99', predicate: 'BB' });
    expect([roadmap.totalSource, roadmap.total]).toEqual(['SHEET', '80.00']);
    const published = (
      await api(t).put('/api/v1/progress/publications').set(t.auth(c.admin)).send({ year: 2025, published: true })
    ).body;
    expect(published).toMatchObject({ basis: 'PEMDA', source: 'OFFICIAL', total: '79.99', predicate: 'BB' });
  });

  it('workbooks: recap, trend, national recap and the progress workbook show 79.99 labelled as the official result', async () => {
    const root = await t.make.user({ role: 'SUPERADMIN' });
    const files = [
      [`${REPORTS}/region-recap?year=2025`, c.head],
      [`${REPORTS}/trend`, c.head],
      [`${REPORTS}/national-recap?year=2025`, root],
      ['/api/v1/progress/workbook?year=2025', c.head],
    ] as const;
    for (const [path, user] of files) {
      const rows = rowsOf(await workbookOf((await download(t, path, user).expect(200)).body));
      const pemdaRows = rows.filter((r) => r.includes('79.99'));
      expect([path, pemdaRows.length > 0]).toEqual([path, true]);
      for (const r of pemdaRows) expect([path, r.some((cell) => cell.includes(OFFICIAL))]).toEqual([path, true]);
      // The Pemda's own sheet (80.00) never stands for the region's result without saying so.
      for (const r of rows.filter((x) => x.some((cell) => /Nilai Pemda|Pemerintah Daerah/.test(cell))))
        expect([path, r.includes('80')]).toEqual([path, false]);
    }
    const progress = rowsOf(
      await workbookOf((await download(t, '/api/v1/progress/workbook?year=2025', c.head).expect(200)).body),
    );
    expect(progress.flat().some((cell) => cell.includes(`${OFFICIAL}: 79,99 (BB)`))).toBe(true);
  });
});
