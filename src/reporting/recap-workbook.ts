import ExcelJS from 'exceljs';
import { MOVEMENT_LABELS, type RecapReport } from './domain/recap';
import { RESULT_SOURCE_LABELS } from '../evaluation/evaluation-result';
import type { SignatureInput } from './domain/signature';
import {
  paintPredicate,
  BOLD,
  fitRows,
  HEADER_ROW,
  THIN_BORDER,
  num,
  NUMBER_FORMAT,
  setUpSheet,
  setWorkbookProperties,
  writeSignatureBlock,
} from './sheet-style';

/** Thin exceljs adapter: lays out a built RecapReport; no calculation happens here (values are 2-dp strings already). */

export const RECAP_SHEET = 'Rekap Predikat';
export const SUB_SHEET = 'Rincian Subkomponen';
// Shared styling lives in sheet-style.ts; re-exported so existing imports keep working.
export { HEADER_ROW, XLSX_MIME } from './sheet-style';

const border = THIN_BORDER;

export async function writeRecapWorkbook(
  report: RecapReport,
  regionName: string,
  signature: SignatureInput,
  now: Date = new Date(),
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const title = 'Rekapitulasi Nilai dan Predikat SAKIP Perangkat Daerah';
  setWorkbookProperties(
    wb,
    `${title} ${regionName} Tahun ${report.year}`,
    now,
    'Evaluasi Akuntabilitas Kinerja Instansi Pemerintah',
  );
  const subtitle = `${regionName} — Tahun ${report.year}`;
  const last = report.year - 1;

  // Sheet 1: one row per SKPD, then the summary block.
  const ws = wb.addWorksheet(RECAP_SHEET);
  const headers = [
    'Peringkat',
    'Kode',
    'Perangkat Daerah',
    ...report.components.map((c) => `${c.id}. ${c.name}`),
    'Nilai Akhir',
    'Predikat',
    'Keterangan Predikat',
    `Nilai ${last}`,
    `Predikat ${last}`,
    'Selisih Nilai',
    'Perubahan Predikat',
  ];
  setUpSheet(ws, title.toUpperCase(), subtitle, headers, [
    10,
    14,
    42,
    ...report.components.map(() => 16),
    12,
    10,
    20,
    12,
    12,
    12,
    14,
  ]);
  const c0 = 4 + report.components.length; // first column after the components (1-based)
  report.rows.forEach((r, i) => {
    const row = ws.getRow(HEADER_ROW + 1 + i);
    row.values = [
      r.rank,
      r.code,
      r.name,
      ...r.components.map(num),
      num(r.total),
      r.predicate,
      r.predicateLabel,
      num(r.previousTotal),
      r.previousPredicate,
      num(r.delta),
      MOVEMENT_LABELS[r.movement],
    ];
    for (let c = 1; c <= headers.length; c++) ws.getCell(row.number, c).border = border;
    for (const c of [...report.components.map((_, k) => 4 + k), c0, c0 + 3, c0 + 5])
      ws.getCell(row.number, c).numFmt = NUMBER_FORMAT;
    ws.getCell(row.number, c0).font = { ...BOLD };
    paintPredicate(ws.getCell(row.number, c0 + 1), r.predicate);
    paintPredicate(ws.getCell(row.number, c0 + 4), r.previousPredicate);
    for (const c of [1, c0 + 1, c0 + 4, c0 + 6]) ws.getCell(row.number, c).alignment = { horizontal: 'center' };
  });

  let at = HEADER_ROW + report.rows.length + 2;
  const s = report.summary;
  const line = (
    label: string,
    value: string | number | null,
    opts: { numFmt?: string; predicate?: string | null } = {},
  ) => {
    ws.getCell(at, 3).value = label;
    const cell = ws.getCell(at, 4);
    cell.value = value;
    if (opts.numFmt) cell.numFmt = opts.numFmt;
    if (opts.predicate !== undefined) paintPredicate(cell, opts.predicate);
    at++;
  };
  ws.getCell(at, 3).value = 'RINGKASAN';
  ws.getCell(at, 3).font = { ...BOLD };
  at++;
  line('Jumlah Perangkat Daerah dinilai', s.count);
  for (const d of s.distribution) line(`Predikat ${d.predicate} – ${d.label}`, d.count, { predicate: d.predicate });
  line('Rata-rata nilai Perangkat Daerah', num(s.average), { numFmt: NUMBER_FORMAT });
  line('Predikat nilai rata-rata', s.averagePredicate, { predicate: s.averagePredicate });
  const pemdaLabel = s.pemda ? `Nilai Pemda (${RESULT_SOURCE_LABELS[s.pemda.source]})` : 'Nilai Pemda';
  line(pemdaLabel, s.pemda ? num(s.pemda.total) : 'Belum ada', s.pemda ? { numFmt: NUMBER_FORMAT } : {});
  line(
    'Predikat Pemda',
    s.pemda
      ? `${s.pemda.predicate ?? '-'}${s.pemda.predicateLabel ? ` (${s.pemda.predicateLabel})` : ''}`
      : 'Belum ada',
    {
      predicate: s.pemda?.predicate ?? null,
    },
  );
  if (s.pemdaHistory.length) {
    ws.getCell(at, 3).value = 'Riwayat nilai dan predikat Pemda';
    ws.getCell(at, 3).font = { ...BOLD };
    at++;
    for (const h of s.pemdaHistory) {
      ws.getCell(at, 5).value = h.predicate;
      paintPredicate(ws.getCell(at, 5), h.predicate);
      line(`Tahun ${h.year} (${RESULT_SOURCE_LABELS[h.source]})`, num(h.total), { numFmt: NUMBER_FORMAT });
    }
  }
  fitRows(ws, HEADER_ROW + 1);
  // Signed by the regional head.
  writeSignatureBlock(ws, at, headers.length, signature);

  // Sheet 2: every sub-component of every SKPD.
  const ws2 = wb.addWorksheet(SUB_SHEET);
  const subHeaders = [
    'Peringkat',
    'Kode',
    'Perangkat Daerah',
    'Komponen',
    'Subkomponen',
    'Uraian Subkomponen',
    'Bobot',
    'Nilai',
  ];
  setUpSheet(
    ws2,
    `RINCIAN NILAI SUBKOMPONEN — ${title.toUpperCase()}`,
    subtitle,
    subHeaders,
    [10, 14, 36, 28, 12, 60, 10, 10],
  );
  const componentName = new Map(report.components.map((c) => [c.id, `${c.id}. ${c.name}`]));
  report.subComponentRows.forEach((r, i) => {
    const row = ws2.getRow(HEADER_ROW + 1 + i);
    row.values = [
      r.rank,
      r.code,
      r.name,
      componentName.get(r.componentId) ?? r.componentId,
      r.subComponentId,
      r.subComponentName,
      num(r.weight),
      num(r.score),
    ];
    for (let c = 1; c <= subHeaders.length; c++) ws2.getCell(row.number, c).border = border;
    ws2.getCell(row.number, 6).alignment = { wrapText: true, vertical: 'top' };
    ws2.getCell(row.number, 7).numFmt = NUMBER_FORMAT;
    ws2.getCell(row.number, 8).numFmt = NUMBER_FORMAT;
  });
  fitRows(ws2, HEADER_ROW + 1);

  return Buffer.from(await wb.xlsx.writeBuffer());
}
