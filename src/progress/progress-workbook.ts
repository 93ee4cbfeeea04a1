import ExcelJS from 'exceljs';
import { RECOMMENDATION_STATUS_LABELS } from '../reporting/domain/lke-sheet';
import { slug } from '../reporting/domain/recap';
import type { SignatureInput } from '../reporting/domain/signature';
import {
  paintPredicate,
  BOLD,
  borderRow,
  fitRow,
  HEADER_ROW,
  num,
  NUMBER_FORMAT,
  setUpSheet,
  setWorkbookProperties,
  spanWidth,
  writeSignatureBlock,
} from '../reporting/sheet-style';
import type { BenchmarkJson } from './benchmark.service';
import type { PembinaanHistoryDto } from '../pembinaan/dto/pembinaan.dto';
import { RESULT_SOURCE_LABELS } from '../evaluation/evaluation-result';
import type { ResultJson, Target } from './history.service';
import type { RoadmapJson } from './roadmap.service';
import type { SkpdIndexJson } from './skpd-index.service';

/** exceljs adapter of the progress views: lays out built JSON (2-dp strings), computes nothing. Labels in Indonesian. */

export const ROADMAP_SHEET = 'Peta Jalan Peningkatan Predikat';
export const HISTORY_SHEET = 'Riwayat dan Target';
export const BENCHMARK_SHEET = 'Perbandingan Studi Tiru';
export const INDEX_SHEET = 'Indeks Kinerja Triwulanan';
export const PEMBINAAN_SHEET = 'Pembinaan Provinsi';

const SOURCE_LABEL: Record<string, string> = { ...RESULT_SOURCE_LABELS, IMPORTED: 'Data historis' };
const TREND_LABEL: Record<string, string> = { NAIK: 'Naik', TURUN: 'Turun', TETAP: 'Tetap', BARU: 'Baru' };
/** The plan also clears the worksheet's blocking consistency violations: say which. */
const clearedNote = (r: RoadmapJson): string =>
  r.violationsCleared.length
    ? ` Langkah-langkah ini juga memperbaiki pelanggaran aturan konsistensi yang menghambat finalisasi: ${r.violationsCleared
        .map((v) => `${v.ruleId} (${v.criterionId} melebihi ${v.referenceId})`)
        .join(', ')}.`
    : '';
/** The roadmap counts from the worksheet; say so when the evaluation's result is the official one. */
const officialNote = (r: RoadmapJson): string =>
  r.result?.source === 'OFFICIAL'
    ? ` Nilai ini dihitung dari lembar kerja evaluasi sendiri. ${RESULT_SOURCE_LABELS.OFFICIAL}: ${idn(r.result.total)} (${r.result.predicate}).`
    : '';
const idn = (v: string | null | undefined): string => (v ?? '-').replace('.', ',');

/** A merged note line under the title block (row 3), e.g. the summary of a roadmap. */
function note(ws: ExcelJS.Worksheet, width: number, text: string, row = HEADER_ROW - 1): void {
  ws.mergeCells(row, 1, row, width);
  const cell = ws.getCell(row, 1);
  cell.value = text;
  cell.alignment = { wrapText: true, vertical: 'middle' };
  fitRow(ws.getRow(row), { 1: spanWidth(ws, 1, width) });
}

function fillRows(
  ws: ExcelJS.Worksheet,
  width: number,
  rows: (string | number | null)[][],
  opts: { numeric?: number[]; predicate?: number[]; wrap?: number[] } = {},
): void {
  rows.forEach((values, i) => {
    const row = ws.getRow(HEADER_ROW + 1 + i);
    row.values = values;
    borderRow(row, width);
    for (const c of opts.numeric ?? []) row.getCell(c).numFmt = NUMBER_FORMAT;
    for (const c of opts.predicate ?? []) paintPredicate(row.getCell(c), values[c - 1] as string | null);
    for (const c of opts.wrap ?? []) row.getCell(c).alignment = { wrapText: true, vertical: 'top' };
    fitRow(row);
  });
}

export function addRoadmapSheet(wb: ExcelJS.Workbook, r: RoadmapJson, regionName: string): void {
  const ws = wb.addWorksheet(ROADMAP_SHEET);
  const headers = [
    'No',
    'Komponen',
    'Subkomponen',
    'Kode Kriteria',
    'Uraian Kriteria',
    'Jawaban Saat Ini',
    'Jawaban Sasaran',
    'Tambahan Nilai',
    'Nilai Setelah Langkah',
    'Perangkat Daerah Penanggung Jawab',
    'Bukti Dukung yang Diperlukan',
  ];
  const subject = r.skpdName ?? `Pemerintah ${regionName}`;
  setUpSheet(
    ws,
    'PETA JALAN PENINGKATAN PREDIKAT SAKIP',
    `${subject} — Evaluasi Tahun ${r.year}`,
    headers,
    [6, 26, 28, 12, 48, 12, 12, 12, 14, 32, 60],
  );
  const summary = r.nextPredicate
    ? r.reachable
      ? `Nilai saat ini ${idn(r.total)} (${r.predicate}); predikat berikutnya ${r.nextPredicate} memerlukan kenaikan lebih dari ${idn(r.pointsMissing)} poin. ` +
        `${r.stepCount} langkah perbaikan di bawah ini menaikkan nilai menjadi ${idn(r.totalAfter)} (${r.predicateAfter}).`
      : `Nilai saat ini ${idn(r.total)} (${r.predicate}); predikat ${r.nextPredicate} tidak dapat dicapai dengan skala jawaban ini.`
    : `Nilai saat ini ${idn(r.total)} (${r.predicate}): predikat tertinggi telah dicapai, tidak ada langkah peningkatan.`;
  note(ws, headers.length, `${summary}${clearedNote(r)}${officialNote(r)}`);
  fillRows(
    ws,
    headers.length,
    r.steps.map((s) => [
      s.order,
      `${s.componentId}. ${s.componentName}`,
      `${s.subComponentId}. ${s.subComponentName}`,
      s.criterionId,
      s.criterionText,
      s.from,
      s.to,
      num(s.gain),
      num(s.totalAfterStep),
      s.responsible.name,
      s.evidence.map((e) => `• ${e}`).join('\n'),
    ]),
    { numeric: [8, 9], wrap: [2, 3, 5, 10, 11] },
  );
}

function addHistorySheet(
  wb: ExcelJS.Workbook,
  entries: readonly ResultJson[],
  target: Target | null,
  regionName: string,
  signature: SignatureInput,
): void {
  const ws = wb.addWorksheet(HISTORY_SHEET);
  const headers = [
    'Tahun',
    'Sumber',
    'Nilai',
    'Predikat',
    'Predikat Berikutnya',
    'Kekurangan ke Predikat Berikutnya',
    'Target Predikat',
    'Kekurangan ke Target',
    'Status Target',
  ];
  setUpSheet(ws, 'RIWAYAT PREDIKAT SAKIP DAN TARGET DAERAH', regionName, headers, [10, 26, 12, 12, 14, 18, 14, 16, 18]);
  note(
    ws,
    headers.length,
    target
      ? `Target daerah: predikat ${target.predicate} pada tahun ${target.year}.`
      : 'Target daerah belum ditetapkan.',
  );
  fillRows(
    ws,
    headers.length,
    entries.map((e) => [
      e.year,
      SOURCE_LABEL[e.source] ?? e.source,
      num(e.total),
      e.predicate,
      e.gap?.next?.predicate ?? '-',
      num(e.gap?.next?.points),
      e.gap?.target?.predicate ?? '-',
      num(e.gap?.target?.points),
      e.gap?.target ? (e.gap.target.reached ? 'Tercapai' : 'Belum tercapai') : '-',
    ]),
    { numeric: [3, 6, 8], predicate: [4] },
  );
  // The regional head signs the workbook under its first sheet.
  writeSignatureBlock(ws, HEADER_ROW + entries.length + 1, headers.length, signature);
}

function addBenchmarkSheet(wb: ExcelJS.Workbook, b: BenchmarkJson | null, regionName: string): void {
  const ws = wb.addWorksheet(BENCHMARK_SHEET);
  const headers = [
    'Kode',
    'Komponen / Subkomponen',
    'Bobot',
    `Nilai ${regionName}`,
    'Nilai Pembanding',
    'Selisih (Pembanding − Sendiri)',
    'Pembanding Lebih Tinggi',
  ];
  setUpSheet(
    ws,
    'PERBANDINGAN HASIL EVALUASI (STUDI TIRU)',
    b ? `${regionName} dibandingkan dengan ${b.peer.name} — Tahun ${b.year}` : regionName,
    headers,
    [10, 50, 10, 16, 16, 18, 14],
  );
  if (!b) {
    note(
      ws,
      headers.length,
      'Tidak ada daerah pembanding: pilih daerah yang telah mempublikasikan hasil evaluasinya (parameter peerRegionId).',
    );
    return;
  }
  note(
    ws,
    headers.length,
    `${regionName}: ${idn(b.own?.total)} (${b.own?.predicate ?? '-'}); ${b.peer.name}: ${idn(b.peer.total)} (${b.peer.predicate}).`,
  );
  const rows = [b.total, ...b.components.flatMap((c) => [c, ...b.subComponents.filter((s) => s.componentId === c.id)])];
  fillRows(
    ws,
    headers.length,
    rows.map((r) => [
      r.id === 'total' ? '' : r.id,
      r.name,
      num(r.weight),
      num(r.own),
      num(r.peer),
      num(r.difference),
      r.peerHigher ? 'Ya' : 'Tidak',
    ]),
    { numeric: [3, 4, 5, 6], wrap: [2] },
  );
  rows.forEach((r, i) => {
    if (r.componentId !== null) return;
    ws.getRow(HEADER_ROW + 1 + i).font = { ...BOLD };
    fitRow(ws.getRow(HEADER_ROW + 1 + i));
  });
}

function addIndexSheet(wb: ExcelJS.Workbook, idx: SkpdIndexJson, regionName: string): void {
  const ws = wb.addWorksheet(INDEX_SHEET);
  const headers = [
    'Peringkat',
    'Kode',
    'Perangkat Daerah',
    'Capaian Kinerja PK (%)',
    'Kemajuan Evaluasi (%)',
    'Indeks Kinerja',
    'Indeks Triwulan Sebelumnya',
    'Perubahan',
    'Tren',
  ];
  setUpSheet(
    ws,
    'INDEKS KINERJA PERANGKAT DAERAH TRIWULANAN',
    `${regionName} — Triwulan ${idx.quarter} Tahun ${idx.year}`,
    headers,
    [10, 14, 42, 16, 16, 14, 16, 12, 10],
  );
  note(
    ws,
    headers.length,
    `Indeks = ${idx.weights.capaian}% × capaian Perjanjian Kinerja s.d. triwulan (maksimal 100) + ${idx.weights.evaluationProgress}% × kemajuan evaluasi SAKIP tahun berjalan.`,
  );
  fillRows(
    ws,
    headers.length,
    idx.items.map((i) => [
      i.rank,
      i.code,
      i.name,
      num(i.capaian),
      num(i.evaluationProgress),
      num(i.index),
      num(i.previousIndex),
      num(i.delta),
      TREND_LABEL[i.trend],
    ]),
    { numeric: [4, 5, 6, 7, 8] },
  );
}

/** The province's pembinaan of the year: one row per recommendation, with the kabupaten/kota's follow-up. */
function addPembinaanSheet(wb: ExcelJS.Workbook, p: PembinaanHistoryDto, year: number): void {
  const ws = wb.addWorksheet(PEMBINAAN_SHEET);
  const headers = [
    'No',
    'Tanggal Pembinaan',
    'Topik',
    'Temuan',
    'Rekomendasi',
    'Batas Waktu',
    'Tindak Lanjut',
    'Status Tindak Lanjut',
  ];
  setUpSheet(ws, 'PEMBINAAN SAKIP OLEH PEMERINTAH PROVINSI', `${p.regionName} — Tahun ${year}`, headers, [
    6, 14, 28, 44, 44, 12, 44, 18,
  ]);
  const s = p.summary;
  note(
    ws,
    headers.length,
    s.visits
      ? `${s.visits} kali pembinaan dengan ${s.recommendations} rekomendasi: ${s.done} selesai, ${s.inProgress} dalam proses, ` +
          `${s.open} belum ditindaklanjuti.`
      : `Belum ada pembinaan dari pemerintah provinsi pada tahun ${year}.`,
  );
  let no = 0;
  fillRows(
    ws,
    headers.length,
    p.items.flatMap((v) =>
      v.recommendations.map((r) => [
        ++no,
        v.date,
        v.topic,
        v.findings,
        r.text,
        r.dueDate,
        r.followUp ?? '-',
        RECOMMENDATION_STATUS_LABELS[r.status] ?? r.status,
      ]),
    ),
    { wrap: [3, 4, 5, 7] },
  );
}

const newWorkbook = (title: string, now: Date): ExcelJS.Workbook => {
  const wb = new ExcelJS.Workbook();
  setWorkbookProperties(wb, title, now, 'Evaluasi Akuntabilitas Kinerja Instansi Pemerintah');
  return wb;
};

export async function writeRoadmapWorkbook(r: RoadmapJson, regionName: string, now = new Date()): Promise<Buffer> {
  const wb = newWorkbook(`Peta Jalan Peningkatan Predikat ${regionName} Tahun ${r.year}`, now);
  addRoadmapSheet(wb, r, regionName);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ProgressWorkbookInput {
  readonly year: number;
  readonly regionName: string;
  readonly history: readonly ResultJson[];
  readonly target: Target | null;
  readonly roadmap: RoadmapJson | null;
  readonly benchmark: BenchmarkJson | null;
  readonly index: SkpdIndexJson;
  /** The province's pembinaan of the year and its follow-up. */
  readonly pembinaan: PembinaanHistoryDto;
  /** The regional head, who signs the workbook. */
  readonly signature: SignatureInput;
}

/** The regional head's progress workbook: history vs target, roadmap, peer comparison, quarterly SKPD index, pembinaan. */
export async function writeProgressWorkbook(input: ProgressWorkbookInput, now = new Date()): Promise<Buffer> {
  const wb = newWorkbook(`Kemajuan Menuju Predikat Berikutnya ${input.regionName} Tahun ${input.year}`, now);
  addHistorySheet(wb, input.history, input.target, input.regionName, input.signature);
  if (input.roadmap) addRoadmapSheet(wb, input.roadmap, input.regionName);
  else {
    const ws = wb.addWorksheet(ROADMAP_SHEET);
    setUpSheet(ws, 'PETA JALAN PENINGKATAN PREDIKAT SAKIP', input.regionName, ['Keterangan'], [100]);
    note(ws, 1, `Belum ada evaluasi Pemda tahun ${input.year}; peta jalan disusun dari evaluasi Pemda.`);
  }
  addBenchmarkSheet(wb, input.benchmark, input.regionName);
  addIndexSheet(wb, input.index, input.regionName);
  addPembinaanSheet(wb, input.pembinaan, input.year);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const roadmapFileName = (regionName: string, year: number): string =>
  `Peta-Jalan-Predikat-${slug(regionName)}-${year}.xlsx`;
export const progressFileName = (regionName: string, year: number): string =>
  `Kemajuan-Predikat-SAKIP-${slug(regionName)}-${year}.xlsx`;
