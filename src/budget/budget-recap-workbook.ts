import ExcelJS from 'exceljs';
import {
  BOLD,
  borderRow,
  exactQuantity,
  fitRows,
  HEADER_ROW,
  num,
  NUMBER_FORMAT,
  setUpSheet,
  setWorkbookProperties,
} from '../reporting/sheet-style';
import type { BudgetWarning } from './domain/budget-rollup';

/** One SKPD's line of the region's budget-absorption recap (Rupiah as exact text, serapan as 2-dp text). */
export interface RecapSkpdRow {
  code: string;
  name: string;
  paguOriginal: string;
  pagu: string;
  realisation: readonly string[];
  realisationTotal: string;
  serapan: string | null;
  warnings: readonly BudgetWarning[];
}

export interface BudgetRecap {
  regionName: string;
  year: number;
  rows: readonly RecapSkpdRow[];
  total: Omit<RecapSkpdRow, 'code' | 'name' | 'warnings'>;
}

export const RECAP_SHEET = 'Rekap Serapan';
export const WARNINGS_SHEET = 'Peringatan Data';
const RUPIAH_FORMAT = '#,##0';

export const WARNING_LABELS: Record<BudgetWarning['code'], string> = {
  REALISATION_ABOVE_PAGU: 'Realisasi melebihi pagu',
  QUARTER_WITHOUT_REALISATION: 'Triwulan tanpa realisasi',
  PROGRAM_WITHOUT_INDICATOR: 'Anggaran tanpa indikator terkait',
};

/**
 * The region's budget-absorption recap per SKPD (issue #19 item 5): pagu DPA and in force, TW I–IV realisation,
 * serapan, and the count of data-quality warnings; a second sheet lists every warning. A4 landscape, header rows
 * repeated, the shared report style.
 */
export async function writeBudgetRecap(recap: BudgetRecap, now: Date = new Date()): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const title = 'Rekapitulasi Serapan Anggaran Perangkat Daerah';
  setWorkbookProperties(wb, `${title} ${recap.regionName} ${recap.year}`, now, 'Realisasi Anggaran');
  const ws = wb.addWorksheet(RECAP_SHEET);
  const headers = [
    'No',
    'Kode',
    'Perangkat Daerah',
    'Pagu DPA (Rp)',
    'Pagu Berlaku (Rp)',
    'Realisasi TW I (Rp)',
    'Realisasi TW II (Rp)',
    'Realisasi TW III (Rp)',
    'Realisasi TW IV (Rp)',
    'Total Realisasi (Rp)',
    'Serapan (%)',
    'Peringatan',
  ];
  setUpSheet(
    ws,
    title.toUpperCase(),
    `${recap.regionName} — Tahun Anggaran ${recap.year}`,
    headers,
    [6, 14, 40, 18, 18, 17, 17, 17, 17, 18, 10, 11],
  );
  const put = (
    at: number,
    values: (string | number | null)[],
    r: Omit<RecapSkpdRow, 'code' | 'name' | 'warnings'>,
    bold: boolean,
  ) => {
    const row = ws.getRow(at);
    row.values = [
      ...values.slice(0, 3),
      exactQuantity(r.paguOriginal),
      exactQuantity(r.pagu),
      ...r.realisation.map(exactQuantity),
      exactQuantity(r.realisationTotal),
      num(r.serapan),
      values[3] ?? null,
    ];
    borderRow(row, headers.length);
    for (let c = 4; c <= 10; c++) row.getCell(c).numFmt = RUPIAH_FORMAT;
    row.getCell(11).numFmt = NUMBER_FORMAT;
    if (bold) row.eachCell((cell) => (cell.font = { ...BOLD }));
  };
  let at = HEADER_ROW + 1;
  recap.rows.forEach((r, i) => put(at++, [i + 1, r.code, r.name, r.warnings.length], r, false));
  put(at++, [null, null, 'JUMLAH', recap.rows.reduce((s, r) => s + r.warnings.length, 0)], recap.total, true);
  fitRows(ws, HEADER_ROW + 1);

  const wsw = wb.addWorksheet(WARNINGS_SHEET);
  const wHeaders = ['No', 'Kode', 'Perangkat Daerah', 'Jenis', 'Subjek', 'Keterangan'];
  setUpSheet(
    wsw,
    'PERINGATAN KUALITAS DATA ANGGARAN',
    `${recap.regionName} — Tahun Anggaran ${recap.year}`,
    wHeaders,
    [6, 14, 36, 26, 20, 70],
  );
  let w = HEADER_ROW + 1;
  let n = 0;
  for (const r of recap.rows)
    for (const x of r.warnings) {
      const row = wsw.getRow(w++);
      row.values = [++n, r.code, r.name, WARNING_LABELS[x.code], x.subject, x.message];
      borderRow(row, wHeaders.length);
      row.getCell(6).alignment = { wrapText: true, vertical: 'top' };
    }
  if (n === 0) wsw.getCell(w, 3).value = 'Tidak ada peringatan.';
  fitRows(wsw, HEADER_ROW + 1);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
