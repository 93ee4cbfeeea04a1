import type ExcelJS from 'exceljs';

/**
 * Shared look of every report workbook (issue 8): Indonesian title block, header row, `0.00` numbers, frozen header,
 * A4 landscape fit-to-width with repeated header rows, predicate colours and workbook properties. Writers (the recap,
 * the LKE sheet, the capaian table, the trend, the national recap, and the progress workbook) use these helpers so
 * the reports look alike and no writer repeats the styling.
 */

export { XLSX_MIME } from '../common/excel/read-xlsx';
export const NUMBER_FORMAT = '0.00';
/** Row of the column headers under the two-line title block; data starts on the next row. */
export const HEADER_ROW = 4;
export const CREATOR = 'SAKIP Service';

/** Fill colours per predicate (ARGB), best green to worst red. */
export const PREDICATE_FILL: Record<string, string> = {
  AA: 'FF1B7F3B',
  A: 'FF4CAF50',
  BB: 'FFA5D6A7',
  B: 'FFFFF59D',
  CC: 'FFFFCC80',
  C: 'FFEF9A9A',
  D: 'FFE53935',
};
const WHITE_TEXT = new Set(['AA', 'D']);
const HEADER_FILL = 'FFD9E1F2';

export const THIN_BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** The cell value of a 2-dp string: a number (parsed from the exact rounded text, never computed), or empty. */
export const num = (v: string | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));

/** Title, subject, author and dates of a workbook (Workbook or stream WorkbookWriter). */
export function setWorkbookProperties(
  wb: { title: string; subject: string; creator: string; lastModifiedBy: string; created: Date; modified: Date },
  title: string,
  now: Date,
  subject = 'Sistem Akuntabilitas Kinerja Instansi Pemerintah',
): void {
  wb.title = title;
  wb.subject = subject;
  wb.creator = CREATOR;
  wb.lastModifiedBy = CREATOR;
  wb.created = now;
  wb.modified = now;
}

export function paintPredicate(cell: ExcelJS.Cell, predicate: string | null | undefined): void {
  const fill = predicate ? PREDICATE_FILL[predicate] : undefined;
  if (!fill) return;
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
  cell.font = { bold: true, color: { argb: WHITE_TEXT.has(predicate ?? '') ? 'FFFFFFFF' : 'FF000000' } };
}

/** A4 landscape, one page wide, header rows repeated on every page, page numbers in the footer. */
export function pageSetupFor(headerRow: number): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `1:${headerRow}`,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
}

export const frozenAt = (headerRow: number): Partial<ExcelJS.WorksheetView>[] => [
  { state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` },
];

export const PAGE_FOOTER = { oddFooter: '&L&A&RHalaman &P dari &N' };

/** Bold, centred, wrapped, shaded and bordered header cells. */
export function styleHeaderRow(row: ExcelJS.Row, count: number): void {
  row.height = 32;
  for (let c = 1; c <= count; c++) {
    const cell = row.getCell(c);
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.border = THIN_BORDER;
  }
}

/** Thin borders on cells 1..count of a row. */
export function borderRow(row: ExcelJS.Row, count: number): void {
  for (let c = 1; c <= count; c++) row.getCell(c).border = THIN_BORDER;
}

/** The two-line title block (rows 1–2, merged across the columns). */
export function writeTitleBlock(ws: ExcelJS.Worksheet, title: string, subtitle: string, width: number): void {
  ws.mergeCells(1, 1, 1, width);
  ws.mergeCells(2, 1, 2, width);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.getCell(2, 1).value = subtitle;
  ws.getCell(2, 1).font = { bold: true };
  ws.getCell(2, 1).alignment = { horizontal: 'center' };
}

/**
 * Title block, column widths, header row at `headerRow`, frozen panes, print setup and footer of an in-memory sheet.
 * Stream sheets (WorkbookWriter) take the same views/pageSetup/headerFooter as `addWorksheet` options instead.
 */
export function setUpSheet(
  ws: ExcelJS.Worksheet,
  title: string,
  subtitle: string,
  headers: string[],
  widths: number[],
  headerRow: number = HEADER_ROW,
): void {
  ws.columns = widths.map((width) => ({ width }));
  writeTitleBlock(ws, title, subtitle, headers.length);
  const header = ws.getRow(headerRow);
  header.values = headers;
  styleHeaderRow(header, headers.length);
  ws.views = frozenAt(headerRow) as ExcelJS.WorksheetView[];
  ws.pageSetup = pageSetupFor(headerRow);
  ws.headerFooter = PAGE_FOOTER;
}
