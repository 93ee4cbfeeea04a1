import ExcelJS from 'exceljs';
import type { CapaianTable } from '../domain/capaian-table';
import type { SignatureInput } from '../domain/signature';
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
  writeSignatureBlock,
} from '../sheet-style';

/** Thin exceljs adapter for the LKjIP chapter III achievement table; the rows come from buildCapaianTable. */

export const CAPAIAN_SHEET = 'Capaian Kinerja';

export interface CapaianHeading {
  regionName: string;
  /** The SKPD's name, or the Pemda's (region) name. */
  subjectName: string;
  year: number;
  /** Last year of the RPJMD/Renstra period, for the end-target column; null when unknown. */
  periodEndYear: number | null;
  /** The head of the SKPD, who signs the table. */
  signature: SignatureInput;
}


export function capaianHeaders(h: CapaianHeading): string[] {
  const end = h.periodEndYear ? ` (${h.periodEndYear})` : '';
  return [
    'No',
    'Sasaran',
    'Kode',
    'Indikator Kinerja',
    'Satuan',
    `Target ${h.year}`,
    'Realisasi TW I',
    'Realisasi TW II',
    'Realisasi TW III',
    'Realisasi TW IV',
    `Realisasi ${h.year}`,
    'Capaian (%)',
    'Kategori',
    `Realisasi ${h.year - 1}`,
    `Capaian ${h.year - 1} (%)`,
    'Perubahan Capaian',
    `Target Akhir Periode${end}`,
    'Capaian thd Target Akhir (%)',
  ];
}

export async function writeCapaianWorkbook(
  table: CapaianTable,
  h: CapaianHeading,
  now: Date = new Date(),
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const title = 'Pengukuran Capaian Kinerja';
  setWorkbookProperties(
    wb,
    `${title} ${h.subjectName} Tahun ${h.year}`,
    now,
    'Laporan Kinerja Instansi Pemerintah (LKjIP) Bab III',
  );
  const ws = wb.addWorksheet(CAPAIAN_SHEET);
  const headers = capaianHeaders(h);
  setUpSheet(
    ws,
    `${title.toUpperCase()} TAHUN ${h.year}`,
    `${h.subjectName} — ${h.regionName}`,
    headers,
    [5, 30, 10, 40, 10, 11, 10, 10, 10, 10, 11, 10, 14, 11, 11, 11, 12, 12],
  );
  table.rows.forEach((r, i) => {
    const row = ws.getRow(HEADER_ROW + 1 + i);
    row.values = [
      i + 1,
      r.sasaranName,
      r.indicatorCode,
      r.indicatorName,
      r.satuan,
      /^-?\d+(\.\d+)?$/.test(r.target) ? exactQuantity(r.target) : r.target,
      ...r.quarters.map(exactQuantity),
      exactQuantity(r.annualRealisation),
      num(r.capaian) ?? (r.notComputable ? 'n/a' : null),
      r.category,
      exactQuantity(r.previousRealisation),
      num(r.previousCapaian),
      num(r.capaianChange),
      exactQuantity(r.endTarget),
      num(r.capaianToEndTarget),
    ];
    borderRow(row, headers.length);
    for (const c of [2, 4]) row.getCell(c).alignment = { wrapText: true, vertical: 'top' };
    for (const c of [12, 15, 16, 18]) row.getCell(c).numFmt = NUMBER_FORMAT;
  });

  let at = HEADER_ROW + table.rows.length + 2;
  ws.getCell(at++, 2).value = 'RATA-RATA CAPAIAN';
  ws.getCell(at - 1, 2).font = { ...BOLD };
  for (const s of table.bySasaran) {
    ws.getCell(at, 2).value = s.sasaranName;
    ws.getCell(at, 4).value = 'Rata-rata capaian sasaran (%)';
    ws.getCell(at, 12).value = num(s.mean);
    ws.getCell(at, 12).numFmt = NUMBER_FORMAT;
    at++;
  }
  ws.getCell(at, 2).value = h.subjectName;
  ws.getCell(at, 4).value = 'Rata-rata capaian keseluruhan (%)';
  ws.getCell(at, 12).value = num(table.mean);
  ws.getCell(at, 12).numFmt = NUMBER_FORMAT;
  ws.getRow(at).font = { ...BOLD };
  fitRows(ws, HEADER_ROW + 1);
  writeSignatureBlock(ws, at + 1, headers.length, h.signature);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
