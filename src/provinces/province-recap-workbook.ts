import ExcelJS from 'exceljs';
import type { SignatureInput } from '../reporting/domain/signature';
import {
  BOLD,
  borderRow,
  fitRows,
  HEADER_ROW,
  num,
  NUMBER_FORMAT,
  paintPredicate,
  setUpSheet,
  setWorkbookProperties,
  styleHeaderRow,
  writeSignatureBlock,
} from '../reporting/sheet-style';
import type { ProvinceRecap } from './provinces.service';

/** Thin exceljs adapter for the province recap; every figure is the API's (GET /api/v1/province/recap). */

export const RECAP_SHEET = 'Rekap Kabupaten Kota';
export const TREND_SHEET = 'Tren Nilai';

const SOURCE_LABELS: Record<string, string> = {
  OFFICIAL: 'Resmi KemenPAN-RB',
  OWN_SHEET: 'LKE FINAL',
  SKPD_MEAN: 'Rerata PD (FINAL)',
  IMPORTED: 'Arsip resmi',
};

export async function writeProvinceRecapWorkbook(
  recap: ProvinceRecap,
  signature: SignatureInput,
  now: Date = new Date(),
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const title = 'Rekapitulasi Hasil Evaluasi SAKIP Kabupaten/Kota';
  setWorkbookProperties(wb, `${title} ${recap.province.name} ${recap.year}`, now, 'Pembinaan SAKIP oleh Provinsi');
  const components =
    recap.regions.find((r) => r.result?.components.length)?.result?.components ??
    recap.province.result?.components ??
    [];
  const ws = wb.addWorksheet(RECAP_SHEET);
  const headers = [
    'No',
    'Kode',
    'Kabupaten/Kota',
    `Nilai ${recap.year}`,
    'Predikat',
    `Nilai ${recap.year - 1}`,
    'Perubahan',
    ...components.map((c) => `${c.name} (${c.weight})`),
    'Predikat Berikutnya',
    'Selisih ke Predikat Berikutnya',
    'Sumber',
  ];
  setUpSheet(ws, title.toUpperCase(), `${recap.province.name} — Tahun ${recap.year}`, headers, [
    6,
    9,
    32,
    10,
    10,
    10,
    11,
    ...components.map(() => 14),
    12,
    14,
    16,
  ]);
  const put = (at: number, no: number | string, name: string, code: string, r: ProvinceRecap['regions'][number]) => {
    const row = ws.getRow(at);
    const scores = new Map((r.result?.components ?? []).map((c) => [c.id, c.score]));
    row.values = [
      no,
      code,
      name,
      num(r.result?.total),
      r.result?.predicate ?? 'Belum ada hasil',
      num(r.previous?.total),
      num(r.change),
      ...components.map((c) => num(scores.get(c.id))),
      r.result?.nextBand?.predicate ?? '–',
      num(r.result?.nextBand?.points),
      r.result ? (SOURCE_LABELS[r.result.source] ?? r.result.source) : '–',
    ];
    borderRow(row, headers.length);
    for (const c of [4, 6, 7, ...components.map((_, i) => 8 + i), 9 + components.length])
      row.getCell(c).numFmt = NUMBER_FORMAT;
    paintPredicate(row.getCell(5), r.result?.predicate);
    row.getCell(5).alignment = { horizontal: 'center' };
  };
  let at = HEADER_ROW + 1;
  recap.regions.forEach((r, i) => put(at++, i + 1, r.name, r.code, r));
  put(at, 'Provinsi', `${recap.province.name} (hasil sendiri)`, recap.province.code, {
    ...recap.province,
    result: recap.province.result,
    previous: null,
    change: null,
    trend: [],
  });
  ws.getRow(at).getCell(3).font = { ...BOLD };
  at += 2;
  ws.getCell(at, 3).value = 'Sebaran Predikat';
  ws.getCell(at, 3).font = { ...BOLD };
  at++;
  const dh = ws.getRow(at);
  dh.values = ['', '', 'Predikat', 'Jumlah'];
  styleHeaderRow(dh, 4);
  for (const d of [...recap.distribution, { predicate: 'Belum ada hasil', count: recap.withoutResult }]) {
    at++;
    const row = ws.getRow(at);
    row.values = ['', '', d.predicate, d.count];
    borderRow(row, 4);
    paintPredicate(row.getCell(3), d.predicate);
  }
  fitRows(ws, HEADER_ROW + 1);
  writeSignatureBlock(ws, at + 1, headers.length, signature);

  const trend = wb.addWorksheet(TREND_SHEET);
  const trendHeaders = ['No', 'Kode', 'Kabupaten/Kota', ...recap.years.flatMap((y) => [`Nilai ${y}`, `Predikat ${y}`])];
  setUpSheet(
    trend,
    'TREN NILAI DAN PREDIKAT SAKIP',
    `${recap.province.name} — ${recap.years[0]}–${recap.year}`,
    trendHeaders,
    [6, 9, 32, ...recap.years.flatMap(() => [10, 10])],
  );
  recap.regions.forEach((r, i) => {
    const row = trend.getRow(HEADER_ROW + 1 + i);
    row.values = [i + 1, r.code, r.name, ...r.trend.flatMap((y) => [num(y.total), y.predicate ?? '–'])];
    borderRow(row, trendHeaders.length);
    r.trend.forEach((y, k) => {
      row.getCell(4 + 2 * k).numFmt = NUMBER_FORMAT;
      paintPredicate(row.getCell(5 + 2 * k), y.predicate);
    });
  });
  fitRows(trend, HEADER_ROW + 1);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
