import { createHash } from 'node:crypto';
import type ExcelJS from 'exceljs';
import { rawCell, readXlsxUpload, type XlsxUpload } from '../common/excel/read-xlsx';
import type { RawRow } from '../common/excel/raw-cell';
import { RequestValidationError } from '../common/validation/request-validation.error';
import type { BudgetRawWorkbook } from './domain/budget-sheet';
import { HEADER_SEARCH_ROWS, MAX_BUDGET_ROWS } from './domain/budget-sheet';
import { parseCsv } from './domain/csv';

/** Columns read per row (SIPD exports carry many more on the right that no rule reads). */
const MAX_COLUMNS = 40;
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * An uploaded budget or nomenclature file as the sheet rules read it: an .xlsx (opened by readXlsxUpload, as hostile
 * input) — the sheet named `preferredSheet` or else the first visible one — or a UTF-8 CSV. Returns the rows and the
 * sha256 of the bytes (for preview tokens).
 */
export async function readBudgetUpload(
  file: XlsxUpload | undefined,
  preferredSheet: string,
): Promise<{ workbook: BudgetRawWorkbook; sha256: string }> {
  if (file?.buffer?.length && !file.buffer.subarray(0, 4).equals(ZIP_MAGIC)) {
    const text = file.buffer.toString('utf8');
    if (text.includes('\u0000') || text.includes('\uFFFD'))
      throw new RequestValidationError([
        { field: 'file', messages: ['Berkas harus buku kerja Excel (.xlsx) atau CSV berkode UTF-8.'] },
      ]);
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    return {
      workbook: { sheet: 'CSV', rows: parseCsv(text).slice(0, MAX_BUDGET_ROWS + HEADER_SEARCH_ROWS + 1) },
      sha256,
    };
  }
  const { workbook, sha256 } = await readXlsxUpload(file);
  return { workbook: readBudgetWorkbook(workbook, preferredSheet), sha256 };
}

/** The rows of the budget sheet of an opened workbook. */
export function readBudgetWorkbook(wb: ExcelJS.Workbook, preferredSheet: string): BudgetRawWorkbook {
  const visible = wb.worksheets.filter((w) => w.state === 'visible' || w.state === undefined);
  const ws =
    visible.find((w) => w.name.trim().toLowerCase() === preferredSheet.toLowerCase()) ?? visible[0] ?? wb.worksheets[0];
  if (!ws) return { sheet: preferredSheet, rows: [] };
  const rows: RawRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (rows.length > MAX_BUDGET_ROWS + HEADER_SEARCH_ROWS) return;
    const width = Math.min(row.cellCount, MAX_COLUMNS);
    rows.push({ row: n, cells: Array.from({ length: width }, (_, i) => rawCell(row.getCell(i + 1).value)) });
  });
  return { sheet: ws.name, rows };
}
