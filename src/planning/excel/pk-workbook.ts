import type Decimal from 'decimal.js';
import ExcelJS from 'exceljs';
import type { Polarity, QuarterAggregation } from '../domain/indicator-settings';
import { rawCell } from '../../common/excel/read-xlsx';
import { columnLetter, type RawRow } from '../../common/excel/raw-cell';
import {
  AGGREGATION_LABELS,
  COLUMNS,
  columnNumber,
  HEADER_ROW,
  INSTRUCTIONS_SHEET,
  LISTS_SHEET,
  MAX_ROWS,
  PK_SHEET,
  POLARITY_LABELS,
  type RawWorkbook,
  TEMPLATE_VERSION,
} from './domain/pk-sheet';

/** Thin exceljs adapter for the PK workbook: lays out a template and turns an uploaded workbook into RawCells. */

export interface TemplateRow {
  id: string;
  code: string;
  name: string;
  satuan: string;
  polarity: Polarity;
  aggregation: QuarterAggregation;
  annual: Decimal | null;
  quarters: readonly (Decimal | null)[];
}

export interface TemplateInput {
  skpdId: string;
  skpdName: string;
  year: number;
  revision: number;
  status: string;
  rows: readonly TemplateRow[];
  satuanOptions: readonly string[];
}

const NUMBER_FORMAT = '#,##0.####';
const LOCKED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };

const INSTRUCTIONS = [
  'Petunjuk pengisian templat Perjanjian Kinerja (PK)',
  '',
  `1. Isi lembar "${PK_SHEET}". Satu baris = satu indikator Renstra SKPD pada periode PK ini.`,
  '2. Kolom berwarna abu-abu (kode, nama indikator) dikunci dan tidak perlu diubah. Kolom ID disembunyikan; jangan dihapus.',
  '3. Satuan, Polaritas dan Agregasi Triwulan dipilih dari daftar (satuan boleh diketik bila tidak ada di daftar).',
  '4. Target diisi sebagai angka (bukan teks, bukan rumus), paling banyak 4 angka di belakang koma.',
  '5. Indikator yang masuk PK: isi Target Tahunan dan Target TW I–IV. Kosongkan kelima kolom target bila indikator tidak masuk PK.',
  '6. Agregasi "Dijumlahkan (kumulatif)": jumlah TW I–IV = target tahunan. "Nilai triwulan terakhir": TW IV = target tahunan. ' +
    '"Rata-rata": rata-rata TW I–IV = target tahunan.',
  '7. Indikator ya/tidak: target 1 (ya) atau 0 (tidak), agregasi nilai triwulan terakhir.',
  '8. Unggah berkas untuk pratinjau: semua masalah ditampilkan per lembar, baris dan kolom, dan belum ada yang disimpan. ' +
    'Bila pratinjau bersih, kirim berkas yang sama dengan token pratinjau untuk menyimpan; semua baris disimpan sekaligus atau tidak sama sekali.',
  '9. Indikator baru dibuat di aplikasi (pada sasaran/program/kegiatan), lalu unduh templat lagi.',
  '10. Hanya PK berstatus DRAFT yang dapat diubah; PK yang disetujui atau dikunci diubah melalui perubahan PK (revisi).',
];

const num = (v: Decimal | null) => (v === null ? null : Number(v.toFixed()));

/** The template workbook: instructions, the PK sheet (protected, dropdowns, hidden ids) and the hidden lists sheet. */
export async function buildPkTemplate(input: TemplateInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'sakip-service';
  wb.created = new Date();

  const help = wb.addWorksheet(INSTRUCTIONS_SHEET);
  help.getColumn(1).width = 140;
  INSTRUCTIONS.forEach((line, i) => {
    const cell = help.getCell(i + 1, 1);
    cell.value = line;
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) cell.font = { bold: true, size: 14 };
  });

  const ws = wb.addWorksheet(PK_SHEET, { views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 3 }] });
  ws.columns = COLUMNS.map((c) => ({ width: c.width, hidden: c.hidden ?? false }));
  ws.getCell(1, 2).value = `Perjanjian Kinerja ${input.skpdName} Tahun ${input.year}`;
  ws.getCell(1, 2).font = { bold: true, size: 14 };
  ws.getCell(2, 2).value = `Revisi ${input.revision} · status ${input.status} · ${input.rows.length} indikator`;
  const header = ws.getRow(HEADER_ROW);
  COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: 'middle' };
  });
  input.rows.forEach((r, i) => {
    const row = ws.getRow(HEADER_ROW + 1 + i);
    row.values = [
      r.id,
      r.code,
      r.name,
      r.satuan,
      POLARITY_LABELS[r.polarity],
      AGGREGATION_LABELS[r.aggregation],
      num(r.annual),
      ...r.quarters.map(num),
    ];
    COLUMNS.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      if (c.editable) cell.protection = { locked: false };
      else cell.fill = LOCKED_FILL;
      if (c.numeric) cell.numFmt = NUMBER_FORMAT;
    });
  });

  // Lists for the dropdowns, and the template's identity, on a hidden sheet.
  const lists = wb.addWorksheet(LISTS_SHEET, { state: 'veryHidden' });
  const columnOf = (n: number, title: string, values: readonly string[]) => {
    lists.getCell(1, n).value = title;
    values.forEach((v, i) => (lists.getCell(i + 2, n).value = v));
    return `'${LISTS_SHEET}'!$${columnLetter(n)}$2:$${columnLetter(n)}$${values.length + 1}`;
  };
  const list = (formula: string, strict: boolean, prompt: string): ExcelJS.DataValidation => ({
    type: 'list',
    allowBlank: true,
    formulae: [formula],
    showErrorMessage: strict,
    errorStyle: 'stop',
    errorTitle: 'Pilihan tidak valid',
    error: 'Pilih salah satu nilai dari daftar.',
    showInputMessage: true,
    prompt,
  });
  const polarityRange = columnOf(1, 'Polaritas', Object.values(POLARITY_LABELS));
  const aggregationRange = columnOf(2, 'Agregasi', Object.values(AGGREGATION_LABELS));
  const satuanRange = columnOf(3, 'Satuan', input.satuanOptions);
  const meta: Record<string, string> = {
    template: TEMPLATE_VERSION,
    skpdId: input.skpdId,
    year: String(input.year),
  };
  Object.entries(meta).forEach(([k, v], i) => {
    lists.getCell(i + 1, 5).value = k;
    lists.getCell(i + 1, 6).value = v;
  });

  // Dropdowns and unlocked cells reach a little below the last row, so a planner may also type rows by code
  // (exceljs merges the per-cell validations into ranges when writing).
  const validations: [number, ExcelJS.DataValidation][] = [
    [columnNumber('satuan'), list(satuanRange, false, 'Pilih atau ketik satuan.')],
    [columnNumber('polarity'), list(polarityRange, true, 'Pilih polaritas indikator.')],
    [columnNumber('aggregation'), list(aggregationRange, true, 'Pilih cara target triwulan digabung.')],
  ];
  const last = HEADER_ROW + input.rows.length + 50;
  for (let r = HEADER_ROW + 1; r <= last; r++) {
    for (const [c, v] of validations) ws.getCell(r, c).dataValidation = v;
    if (r > HEADER_ROW + input.rows.length)
      COLUMNS.forEach((c, j) => {
        if (c.key !== 'id' && c.key !== 'name') ws.getCell(r, j + 1).protection = { locked: false };
      });
  }
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    sort: false,
    autoFilter: false,
  });
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 1, visibility: 'visible' }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The PK sheet of an uploaded workbook (opened by readXlsxUpload) as the sheet rules read it. Only the PK sheet's
 * first COLUMNS cells and at most MAX_ROWS + 1 data rows are read.
 */
export function readPkWorkbook(wb: ExcelJS.Workbook): RawWorkbook {
  const sheetNames = wb.worksheets.filter((w) => w.state !== 'veryHidden').map((w) => w.name);
  const ws = wb.getWorksheet(PK_SHEET);
  const listSheet = wb.getWorksheet(LISTS_SHEET);
  let meta: Record<string, string> | null = null;
  if (listSheet) {
    meta = {};
    for (let r = 1; r <= 10; r++) {
      const k = listSheet.getCell(r, 5).value;
      if (typeof k === 'string') meta[k] = String(listSheet.getCell(r, 6).value ?? '');
    }
  }
  if (!ws) return { sheetNames, header: null, rows: [], meta };
  const width = COLUMNS.length;
  const cellsOf = (row: ExcelJS.Row) => Array.from({ length: width }, (_, i) => rawCell(row.getCell(i + 1).value));
  const rows: RawRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n > HEADER_ROW && rows.length <= MAX_ROWS) rows.push({ row: n, cells: cellsOf(row) });
  });
  return { sheetNames, header: cellsOf(ws.getRow(HEADER_ROW)), rows, meta };
}
