import Decimal from 'decimal.js';
import type ExcelJS from 'exceljs';
import { type SignatureInput, signatureLines } from './domain/signature';

/**
 * Shared look of every report workbook (issue 8): Indonesian title block, header row, `0.00` numbers, frozen header,
 * A4 landscape fit-to-width with repeated header rows, predicate colours and workbook properties; and, for print
 * (issue 18), row heights that fit wrapped text and the signature block. Writers (the recap, the LKE sheet, the
 * capaian table, the trend, the national recap, and the progress workbook) use these helpers so the reports look
 * alike and no writer repeats the styling.
 */

export { XLSX_MIME } from '../common/excel/read-xlsx';
export const NUMBER_FORMAT = '0.00';
/** Row of the column headers under the two-line title block; data starts on the next row. */
export const HEADER_ROW = 4;
export const CREATOR = 'SAKIP Service';
/**
 * The body font, named on every styled cell: a font without a name prints in LibreOffice's default serif face.
 * LibreOffice without Calibri substitutes a sans-serif face (the row-height estimate below allows for its width).
 */
export const FONT: Partial<ExcelJS.Font> = { name: 'Calibri', family: 2, size: 11 };
export const BOLD: Partial<ExcelJS.Font> = { ...FONT, bold: true };

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

/**
 * A stored quantity (exact decimal text) as a cell value: a number when a spreadsheet's binary number holds it
 * exactly as written, else the text itself (e.g. 99999999999999.9999), so a printed figure is never a rounded one.
 */
export const exactQuantity = (v: string | null | undefined): number | string | null => {
  if (v === null || v === undefined) return null;
  const n = Number(v);
  return Number.isFinite(n) && new Decimal(n).eq(v) ? n : v;
};

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
  cell.font = { ...BOLD, color: { argb: WHITE_TEXT.has(predicate ?? '') ? 'FFFFFFFF' : 'FF000000' } };
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

/**
 * Row heights. exceljs writes no auto-fit and LibreOffice keeps a stored height, so a row holding wrapped text gets
 * the height of its text: the lines it wraps to at its column's width × 15 pt. Characters per unit of column width
 * are on the safe side for both Excel (Calibri) and LibreOffice without Calibri (DejaVu Sans, wider): a row a bit
 * too tall prints fine, one too short prints its text over the next row.
 */
export const LINE_HEIGHT = 15;
const CHARS_PER_WIDTH = { regular: 1.0, bold: 0.85 };
/** Room lost to the cell's padding, in width units. */
const PADDING = 1;

const charsPerLine = (width: number, bold: boolean): number =>
  Math.max(1, Math.floor((width - PADDING) * CHARS_PER_WIDTH[bold ? 'bold' : 'regular']));

/** Lines `text` takes when wrapped at spaces in a column of `width` (its explicit line breaks kept). */
export function wrappedLineCount(text: string, width: number, bold = false): number {
  const capacity = charsPerLine(width, bold);
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let used = 0;
    lines++;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const need = used === 0 ? word.length : used + 1 + word.length;
      if (need <= capacity) used = need;
      else {
        // A word longer than a line is broken across lines.
        lines += used === 0 ? 0 : 1;
        lines += Math.ceil(word.length / capacity) - 1;
        used = word.length % capacity || capacity;
      }
    }
  }
  return lines;
}

/** The narrowest column that shows `text` without breaking a word (header cells, bold). */
export const widthForWords = (text: string, bold = true): number =>
  Math.ceil(Math.max(...text.split(/\s+/).map((w) => w.length)) / CHARS_PER_WIDTH[bold ? 'bold' : 'regular']) + PADDING;

const textOf = (v: ExcelJS.CellValue): string =>
  v === null || v === undefined || typeof v === 'number' || v instanceof Date ? '' : String(v);

/**
 * Wraps every text cell of a row, aligns its cells to the top unless aligned already, and sets the row's height to
 * its tallest cell.
 * `spans` gives the width of merged cells by column (the master cell's column); other columns use the sheet's widths.
 */
export function fitRow(row: ExcelJS.Row, spans: Record<number, number> = {}): void {
  let lines = 1;
  row.eachCell((cell, c) => {
    if (cell.isMerged && cell.master !== cell) return;
    const text = textOf(cell.value);
    cell.alignment = { vertical: 'top', ...cell.alignment, ...(text ? { wrapText: true } : {}) };
    if (!text) return;
    const width = spans[c] ?? row.worksheet.getColumn(c).width ?? 9;
    lines = Math.max(lines, wrappedLineCount(text, width, !!cell.font?.bold));
  });
  row.height = lines * LINE_HEIGHT;
}

/** fitRow on rows from..to (inclusive) of an in-memory sheet. */
export function fitRows(ws: ExcelJS.Worksheet, from: number, to: number = ws.rowCount): void {
  for (let r = from; r <= to; r++) fitRow(ws.getRow(r));
}

/** Sum of the widths of columns from..to. */
export const spanWidth = (ws: ExcelJS.Worksheet, from: number, to: number): number => {
  let width = 0;
  for (let c = from; c <= to; c++) width += ws.getColumn(c).width ?? 9;
  return width;
};

/** Bold, centred, wrapped, shaded and bordered header cells, as tall as the longest header. */
export function styleHeaderRow(row: ExcelJS.Row, count: number): void {
  for (let c = 1; c <= count; c++) {
    const cell = row.getCell(c);
    cell.font = { ...BOLD };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.border = THIN_BORDER;
  }
  fitRow(row);
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
  ws.getCell(1, 1).font = { ...BOLD, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.getCell(2, 1).value = subtitle;
  ws.getCell(2, 1).font = { ...BOLD };
  ws.getCell(2, 1).alignment = { horizontal: 'center' };
  const all = spanWidth(ws, 1, width);
  fitRow(ws.getRow(1), { 1: all * 0.75 }); // 14-pt title: fewer characters per line
  fitRow(ws.getRow(2), { 1: all });
  ws.getRow(1).height = (ws.getRow(1).height ?? LINE_HEIGHT) * 1.3;
}

/** Column widths, widened where a header word would not fit (so no header word is broken or clipped). */
export const widthsFor = (headers: string[], widths: number[]): number[] =>
  widths.map((w, i) => Math.max(w, widthForWords(headers[i] ?? '')));

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
  ws.columns = widthsFor(headers, widths).map((width) => ({ width }));
  writeTitleBlock(ws, title, subtitle, headers.length);
  const header = ws.getRow(headerRow);
  header.values = headers;
  styleHeaderRow(header, headers.length);
  ws.views = frozenAt(headerRow) as ExcelJS.WorksheetView[];
  ws.pageSetup = pageSetupFor(headerRow);
  ws.headerFooter = PAGE_FOOTER;
}

/**
 * The signature block under a signed document's last row, in the rightmost columns (at least ~45 width units wide,
 * so the title and name rarely wrap), centred. Returns the row after the block. `lastColumn` is the table's width.
 */
export function writeSignatureBlock(ws: ExcelJS.Worksheet, at: number, lastColumn: number, s: SignatureInput): number {
  let first = lastColumn;
  while (first > 1 && spanWidth(ws, first, lastColumn) < 45) first--;
  const width = spanWidth(ws, first, lastColumn);
  let row = at + 1; // one empty row between the table and the block
  for (const line of signatureLines(s)) {
    if (first < lastColumn) ws.mergeCells(row, first, row, lastColumn);
    const cell = ws.getCell(row, first);
    cell.value = line.text;
    cell.alignment = { horizontal: 'center', vertical: 'top', wrapText: true };
    if (line.name) cell.font = { ...BOLD, underline: true };
    fitRow(ws.getRow(row), { [first]: width });
    if (line.space) ws.getRow(row).height = 4 * LINE_HEIGHT;
    row++;
  }
  return row;
}
