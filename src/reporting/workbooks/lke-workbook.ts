import ExcelJS from 'exceljs';
import { type LkeSheet, STAGE_LABELS, STAGES } from '../domain/lke-sheet';
import type { SignatureInput } from '../domain/signature';
import {
  paintPredicate,
  BOLD,
  borderRow,
  fitRows,
  FONT,
  HEADER_ROW,
  num,
  NUMBER_FORMAT,
  setUpSheet,
  setWorkbookProperties,
  writeSignatureBlock,
} from '../sheet-style';

/** Thin exceljs adapter for the LKE worksheet; the rows come from buildLkeSheet. */

export const LKE_SHEET = 'LKE';
export const RECOMMENDATION_SHEET = 'Rekomendasi';

export interface LkeHeading {
  regionName: string;
  skpdName: string;
  year: number;
  /** Indonesian status text, e.g. "Final (revisi 1)". */
  status: string;
  ruleSetName: string;
  /** The Inspektur, who signs the sheet. */
  signature: SignatureInput;
}

/** Column of each stage's answer (its value is the next column), 1-based. */
export const stageAnswerColumn = (i: number): number => 4 + 2 * i;
export const NOTE_COLUMNS = { self: 12, evaluator: 13, qa: 14 } as const;

export async function writeLkeWorkbook(sheet: LkeSheet, h: LkeHeading, now: Date = new Date()): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const title = 'Lembar Kerja Evaluasi Akuntabilitas Kinerja Instansi Pemerintah';
  setWorkbookProperties(
    wb,
    `${title} ${h.skpdName} Tahun ${h.year}`,
    now,
    'Evaluasi Akuntabilitas Kinerja Instansi Pemerintah',
  );
  const subtitle = `${h.skpdName} — ${h.regionName} — Tahun ${h.year} — ${h.ruleSetName} — Status: ${h.status}`;

  const ws = wb.addWorksheet(LKE_SHEET);
  const headers = [
    'Kode',
    'Komponen / Subkomponen / Kriteria',
    'Bobot',
    ...STAGES.flatMap((s) => [`${STAGE_LABELS[s]} — Jawaban`, `${STAGE_LABELS[s]} — Nilai`]),
    'Catatan Penilaian Mandiri',
    'Catatan Evaluator',
    'Catatan Penjaminan Kualitas',
  ];
  setUpSheet(ws, title.toUpperCase(), subtitle, headers, [9, 60, 8, 10, 9, 10, 9, 10, 9, 10, 9, 30, 30, 30]);
  let at = HEADER_ROW + 1;
  for (const line of sheet.lines) {
    const row = ws.getRow(at++);
    row.values = [
      line.id,
      line.text,
      num(line.weight),
      ...STAGES.flatMap((s) => [line.stages[s].answer, num(line.stages[s].value)]),
      line.notes.self,
      line.notes.evaluator,
      line.notes.qa,
    ];
    borderRow(row, headers.length);
    row.getCell(2).alignment = {
      wrapText: true,
      vertical: 'top',
      indent: line.kind === 'CRITERION' ? 2 : line.kind === 'SUB_COMPONENT' ? 1 : 0,
    };
    for (const c of [12, 13, 14]) row.getCell(c).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(3).numFmt = NUMBER_FORMAT;
    STAGES.forEach((_, i) => {
      row.getCell(stageAnswerColumn(i)).alignment = { horizontal: 'center', vertical: 'top' };
      row.getCell(stageAnswerColumn(i) + 1).numFmt = NUMBER_FORMAT;
    });
    if (line.kind !== 'CRITERION') {
      row.font = { ...FONT, bold: line.kind === 'COMPONENT' };
      for (let c = 1; c <= headers.length; c++)
        row.getCell(c).fill = {
          type: 'pattern',
          pattern: 'solid',
          fgColor: { argb: line.kind === 'COMPONENT' ? 'FFE2EFDA' : 'FFF2F2F2' },
        };
    }
  }
  const totalRow = ws.getRow(at++);
  const predicateRow = ws.getRow(at);
  totalRow.getCell(2).value = 'NILAI TOTAL';
  predicateRow.getCell(2).value = 'PREDIKAT';
  STAGES.forEach((s, i) => {
    const c = stageAnswerColumn(i) + 1;
    totalRow.getCell(c).value = num(sheet.totals.total[s]);
    totalRow.getCell(c).numFmt = NUMBER_FORMAT;
    const p = predicateRow.getCell(c);
    p.value = sheet.totals.predicate[s];
    paintPredicate(p, sheet.totals.predicate[s]);
    p.alignment = { horizontal: 'center' };
    predicateRow.getCell(c - 1).value = sheet.totals.predicateLabel[s];
  });
  for (const r of [totalRow, predicateRow]) {
    borderRow(r, headers.length);
    r.getCell(2).font = { ...BOLD };
  }
  fitRows(ws, HEADER_ROW + 1);
  writeSignatureBlock(ws, at + 1, headers.length, h.signature);

  const ws2 = wb.addWorksheet(RECOMMENDATION_SHEET);
  const recHeaders = ['No', 'Referensi', 'Rekomendasi', 'Tindak Lanjut', 'Status'];
  setUpSheet(ws2, 'REKOMENDASI DAN TINDAK LANJUT', subtitle, recHeaders, [6, 12, 60, 60, 20]);
  sheet.recommendations.forEach((r, i) => {
    const row = ws2.getRow(HEADER_ROW + 1 + i);
    row.values = [r.no, r.refId ?? 'Umum', r.text, r.followUp ?? '-', r.status];
    borderRow(row, recHeaders.length);
    for (const c of [3, 4]) row.getCell(c).alignment = { wrapText: true, vertical: 'top' };
  });
  if (sheet.recommendations.length === 0) ws2.getCell(HEADER_ROW + 1, 3).value = 'Tidak ada rekomendasi.';
  fitRows(ws2, HEADER_ROW + 1);

  return Buffer.from(await wb.xlsx.writeBuffer());
}
