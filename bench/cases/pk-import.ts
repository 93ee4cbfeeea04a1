import ExcelJS from 'exceljs';
import { PkIndicator } from '../../src/planning/entities/pk-indicator.entity';
import { columnNumber, HEADER_ROW, PK_SHEET } from '../../src/planning/excel/domain/pk-sheet';
import { PkExcelService } from '../../src/planning/excel/pk-excel.service';
import { readPkWorkbook } from '../../src/planning/excel/pk-workbook';
import { benchScope, type BenchContext } from '../context';
import { importTargets, type PkImportDataset } from '../dataset';
import { check, type Figure, round, timedPair } from '../measure';

const loadWorkbook = async (file: Buffer): Promise<ExcelJS.Workbook> => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ExcelJS.Buffer);
  return wb;
};

export const TITLE = 'PK Excel import (preview + commit) vs parsing the file';

/**
 * The planner's round trip: download the template, type annual and TW I–IV targets into every row, save. `run` goes
 * into the file's properties only: each timed run imports new bytes, as an upload is (the import keeps a preview's
 * parse for its commit, keyed by the bytes, and would otherwise find the previous run's).
 */
async function filledTemplate(template: Buffer, run = 0): Promise<{ file: Buffer; rows: number }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  wb.lastModifiedBy = `bench run ${run}`;
  const ws = wb.getWorksheet(PK_SHEET);
  if (!ws) throw new Error(`template has no sheet ${PK_SHEET}`);
  const col = columnNumber;
  let rows = 0;
  ws.eachRow((row, n) => {
    const code = row.getCell(col('code')).value;
    if (n <= HEADER_ROW || typeof code !== 'string' || !code) return;
    const t = importTargets(code);
    row.getCell(col('annual')).value = t.annual;
    (['q1', 'q2', 'q3', 'q4'] as const).forEach((q, i) => (row.getCell(col(q)).value = t.quarters[i]));
    rows++;
  });
  return { file: Buffer.from(await wb.xlsx.writeBuffer()), rows };
}

/**
 * (d) PkExcelService.preview + commit of a 10,000-row PK (every run starts from the same empty DRAFT PK, with a file
 * of new bytes) vs readPkWorkbook, the import's own parse of the same file.
 */
export async function pkImportCase(ctx: BenchContext, subject: PkImportDataset): Promise<Figure> {
  const excel = ctx.app.get(PkExcelService);
  const scope = benchScope(ctx, 'REGION_ADMIN');
  const template = (await excel.template(scope, subject.pkId)).content;
  let { file, rows } = await filledTemplate(template);
  let run = 0;
  const upload = () => ({ buffer: file, originalname: 'pk-bench.xlsx' });
  const reset = async () => {
    await ctx.ds.getRepository(PkIndicator).delete({ pkId: subject.pkId });
    ({ file, rows } = await filledTemplate(template, ++run)); // untimed: new bytes for this run
  };
  let written = 0;
  const importOnce = async () => {
    const preview = await excel.preview(scope, subject.pkId, upload());
    await excel.commit(scope, subject.pkId, upload(), preview.previewToken);
    written = await ctx.ds.getRepository(PkIndicator).countBy({ pkId: subject.pkId });
  };
  const runs = Math.min(ctx.runs, 3);
  const { subject: imported, baseline: parse } = await timedPair(
    importOnce,
    async () => readPkWorkbook(await loadWorkbook(file)),
    { runs, warmup: 0, before: reset },
  );
  const ratio = imported.ms / parse.ms;
  return {
    case: 'd',
    title: TITLE,
    dialect: ctx.dialect,
    status: 'measured',
    measured: { label: 'PkExcelService.preview + commit', value: imported.ms, unit: 'ms' },
    baseline: { label: 'exceljs load + readPkWorkbook (parse only)', value: parse.ms, unit: 'ms' },
    checks: [check('ratio', ratio, '×', '<=', 3)],
    details: {
      rows,
      pkIndicatorsWritten: written,
      fileBytes: file.length,
      importRunsMs: imported.runs.join(' '),
      parseRunsMs: parse.runs.join(' '),
      ratio: round(ratio),
    },
    note: written === rows ? undefined : `${written} PK rows written for ${rows} in the file`,
  };
}
