import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { RequestValidationError } from '../validation/request-validation.error';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from '../../evidence/domain/zip-guard';
import { sniffUpload } from '../../evidence/upload-sniff';
import { EMPTY, type RawCell } from './raw-cell';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * exceljs parses the whole workbook in memory (several times the XML size in heap), so imports may expand far less
 * than evidence: a 20,000-row sheet is about 8 MB of XML; twice that is allowed.
 */
const IMPORT_ZIP_LIMITS: ZipLimits = {
  ...DEFAULT_ZIP_LIMITS,
  maxEntries: 200,
  maxTotalUncompressed: 24 * 1024 * 1024,
  maxEntryUncompressed: 16 * 1024 * 1024,
};

/** An uploaded file as multer's memory storage gives it (or an in-process caller builds it). */
export interface XlsxUpload {
  buffer: Buffer;
  originalname?: string;
}

/**
 * Opens an uploaded spreadsheet as hostile input: the type is sniffed from the content behind the zip-bomb guard
 * (shared with evidence uploads), then exceljs loads it. Not an .xlsx, or unreadable → 400 with an Indonesian
 * message on the `file` field. Returns the workbook and the sha256 of its bytes (for preview tokens).
 */
export async function readXlsxUpload(
  file: XlsxUpload | undefined,
): Promise<{ workbook: ExcelJS.Workbook; sha256: string }> {
  const refuse = (message: string): never => {
    throw new RequestValidationError([{ field: 'file', messages: [message] }]);
  };
  if (!file?.buffer?.length) return refuse('Kirim berkas .xlsx pada kolom multipart "file".');
  const type = await sniffUpload(file.buffer, IMPORT_ZIP_LIMITS);
  if (type?.ext !== 'xlsx')
    return refuse('Berkas bukan buku kerja Excel (.xlsx); gunakan templat yang diunduh dari aplikasi.');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file.buffer as unknown as ExcelJS.Buffer);
  } catch {
    return refuse('Berkas .xlsx rusak atau tidak dapat dibaca.');
  }
  return { workbook, sha256: createHash('sha256').update(file.buffer).digest('hex') };
}

/** A cell value as import rules see it. */
export function rawCell(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'string') return value.trim() === '' ? EMPTY : { kind: 'text', text: value };
  if (typeof value === 'boolean') return { kind: 'other', what: 'nilai benar/salah' };
  if (value instanceof Date) return { kind: 'other', what: 'tanggal' };
  if ('formula' in value || 'sharedFormula' in value)
    return { kind: 'formula', formula: String((value as ExcelJS.CellFormulaValue).formula ?? '…') };
  if ('richText' in value) return rawCell(value.richText.map((t) => t.text).join(''));
  if ('error' in value) return { kind: 'other', what: `nilai galat ${value.error}` };
  if ('text' in value) return rawCell(String(value.text));
  return { kind: 'other', what: 'nilai yang tidak dikenal' };
}

/** Key/value pairs of a template's metadata sheet (column A = key, B = value), or null when the sheet is missing. */
export function readMeta(workbook: ExcelJS.Workbook, sheetName: string): Record<string, string> | null {
  const ws = workbook.getWorksheet(sheetName);
  if (!ws) return null;
  const meta: Record<string, string> = {};
  ws.eachRow((row) => {
    const key = row.getCell(1).value;
    if (typeof key === 'string') meta[key] = String(row.getCell(2).value ?? '');
  });
  return meta;
}

/** Writes a template's metadata sheet, very hidden (not unhidable from Excel's menu). */
export function writeMeta(workbook: ExcelJS.Workbook, sheetName: string, meta: Record<string, string>): void {
  const ws = workbook.addWorksheet(sheetName, { state: 'veryHidden' });
  for (const [key, value] of Object.entries(meta)) ws.addRow([key, value]);
}

/** Binds a preview to a row's identity and version and to the exact bytes of the file: the commit must match it. */
export const previewToken = (id: string, version: number, fileSha256: string): string =>
  `${version}.${createHash('sha256').update(`${id}|${version}|${fileSha256}`).digest('hex').slice(0, 40)}`;
