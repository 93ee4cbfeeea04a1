import ExcelJS from 'exceljs';
import { ReportsService } from '../../src/reporting/reports.service';
import { benchScope, type BenchContext } from '../context';
import { check, type Figure, round, timedPair } from '../measure';

export const TITLE = 'Region predicate recap .xlsx vs bare exceljs';

/** Everything a bare script needs to write the same workbook: per sheet, widths, merges and every cell with its style. */
interface SheetCopy {
  name: string;
  widths: (number | undefined)[];
  merges: string[];
  cells: { row: number; col: number; value: ExcelJS.CellValue; style: Partial<ExcelJS.Style> }[];
}

async function copyOf(xlsx: Buffer): Promise<SheetCopy[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const cells: SheetCopy['cells'] = [];
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.isMerged && cell.master !== cell) return;
        cells.push({
          row: Number(row.number),
          col: Number(cell.col),
          value: cell.value,
          style: JSON.parse(JSON.stringify(cell.style ?? {})),
        });
      }),
    );
    return {
      name: ws.name,
      widths: ws.columns.map((c) => c.width),
      merges: [...((ws.model as { merges?: string[] }).merges ?? [])],
      cells,
    };
  });
}

/** The baseline: a plain exceljs script writing the identical cells (values, styles, merges, widths) from memory. */
async function bareWorkbook(sheets: SheetCopy[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.columns = s.widths.map((width) => ({ width }));
    for (const m of s.merges) ws.mergeCells(m);
    for (const c of s.cells) {
      const cell = ws.getCell(c.row, c.col);
      cell.value = c.value;
      cell.style = c.style;
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Same values in the same cells on every sheet (the baseline is only fair if it writes what the service writes). */
function sameCells(a: SheetCopy[], b: SheetCopy[]): boolean {
  const flat = (s: SheetCopy[]) => JSON.stringify(s.map((x) => [x.name, x.cells.map((c) => [c.row, c.col, c.value])]));
  return flat(a) === flat(b);
}

/** (a) ReportsService.regionRecap — the endpoint's whole work: read, score, build, write — on the province's last year. */
export async function regionRecapCase(ctx: BenchContext): Promise<Figure> {
  const reports = ctx.app.get(ReportsService);
  const scope = benchScope(ctx);
  const year = ctx.province.years[ctx.province.years.length - 1];
  const sample = await reports.regionRecap(scope, year);
  const sheets = await copyOf(sample.content);
  const identical = sameCells(sheets, await copyOf(await bareWorkbook(sheets)));

  const { subject: service, baseline: bare } = await timedPair(
    () => reports.regionRecap(scope, year),
    () => bareWorkbook(sheets),
    { runs: ctx.runs },
  );
  const ratio = service.ms / bare.ms;
  return {
    case: 'a',
    title: TITLE,
    dialect: ctx.dialect,
    status: 'measured',
    measured: { label: 'ReportsService.regionRecap', value: service.ms, unit: 'ms' },
    baseline: { label: 'bare exceljs, identical cells', value: bare.ms, unit: 'ms' },
    checks: [check('ratio', ratio, '×', '<=', 1.3)],
    details: {
      year,
      rows: new Set(sheets[0]?.cells.map((c) => c.row)).size,
      cells: sheets.reduce((n, s) => n + s.cells.length, 0),
      bytes: sample.content.length,
      serviceRunsMs: service.runs.join(' '),
      bareRunsMs: bare.runs.join(' '),
      ratio: round(ratio),
    },
    note: identical ? undefined : 'baseline cells differ from the service workbook',
  };
}
