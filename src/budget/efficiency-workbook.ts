import ExcelJS from 'exceljs';
import {
  borderRow,
  exactQuantity,
  fitRows,
  HEADER_ROW,
  num,
  NUMBER_FORMAT,
  setUpSheet,
  setWorkbookProperties,
} from '../reporting/sheet-style';

/** One sasaran or program row of an SKPD's efficiency table, as GET /budget/efficiency gives it. */
export interface EfficiencySheetRow {
  level: string;
  nodeCode: string;
  name: string;
  capaian: { display: string } | null;
  pagu: string;
  realisation: string;
  serapan: { display: string } | null;
  difference: { display: string } | null;
  labelText: string;
  reasonText: string | null;
}

export interface EfficiencyWorkbook {
  regionName: string;
  year: number;
  rule: { efficiencyRule: string; tolerance: string };
  skpds: readonly { code: string; name: string; rows: readonly EfficiencySheetRow[] }[];
}

export const EFFICIENCY_SHEET = 'Efisiensi';
const RUPIAH_FORMAT = '#,##0';
const LEVEL_TEXT: Record<string, string> = { SASARAN: 'Sasaran', PROGRAM: 'Program' };
const ruleText = (r: EfficiencyWorkbook['rule']) =>
  r.efficiencyRule === 'RATIO'
    ? `rasio capaian/serapan, toleransi ${r.tolerance}%`
    : `selisih capaian − serapan, toleransi ±${r.tolerance} poin`;

/**
 * The efficiency table of a region's SKPDs for a year (issue #19 item 4): per SKPD its sasaran, then its programs,
 * with capaian kinerja, pagu, realisasi, serapan, the difference, the label (efisien / tidak efisien / tidak dapat
 * dihitung) and the reason when not computable. The region's rule is printed in the subtitle.
 */
export async function writeEfficiencyWorkbook(w: EfficiencyWorkbook, now: Date = new Date()): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const title = 'Efisiensi Penggunaan Sumber Daya';
  setWorkbookProperties(wb, `${title} ${w.regionName} ${w.year}`, now, 'Realisasi Anggaran');
  const ws = wb.addWorksheet(EFFICIENCY_SHEET);
  const headers = [
    'No',
    'Kode PD',
    'Perangkat Daerah',
    'Tingkat',
    'Kode',
    'Uraian',
    'Capaian Kinerja (%)',
    'Pagu (Rp)',
    'Realisasi (Rp)',
    'Serapan (%)',
    'Selisih (poin)',
    'Efisiensi',
    'Keterangan',
  ];
  setUpSheet(
    ws,
    title.toUpperCase(),
    `${w.regionName} — Tahun ${w.year} — Aturan: ${ruleText(w.rule)}`,
    headers,
    [6, 12, 30, 10, 12, 40, 12, 18, 18, 10, 10, 14, 30],
  );
  let at = HEADER_ROW + 1;
  let n = 0;
  for (const s of w.skpds)
    for (const r of s.rows) {
      const row = ws.getRow(at++);
      row.values = [
        ++n,
        s.code,
        s.name,
        LEVEL_TEXT[r.level] ?? r.level,
        r.nodeCode,
        r.name,
        num(r.capaian?.display),
        exactQuantity(r.pagu),
        exactQuantity(r.realisation),
        num(r.serapan?.display),
        num(r.difference?.display),
        r.labelText,
        r.reasonText,
      ];
      borderRow(row, headers.length);
      for (const c of [7, 10, 11]) row.getCell(c).numFmt = NUMBER_FORMAT;
      for (const c of [8, 9]) row.getCell(c).numFmt = RUPIAH_FORMAT;
      for (const c of [3, 6, 13]) row.getCell(c).alignment = { wrapText: true, vertical: 'top' };
    }
  if (n === 0) ws.getCell(at, 3).value = 'Tidak ada sasaran atau program.';
  fitRows(ws, HEADER_ROW + 1);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
