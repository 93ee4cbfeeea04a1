import { columnLetter, type RawCell, type RawRow, type SheetProblem } from '../../common/excel/raw-cell';
import { answerScaleFor, subComponentsOf, type RuleSet } from './rule-set';
import type { LkeStage } from './scoring';

/**
 * The offline LKE worksheet (Lembar Kerja Evaluasi) as data: its layout and the rules that turn an uploaded sheet
 * into answer changes for one stage. Pure; the exceljs adapter is evaluation/excel/lke-workbook.ts.
 */

export const LKE_SHEET = 'LKE';
export const LKE_META_SHEET = 'Meta';
export const LKE_TEMPLATE_VERSION = 'sakip-lke-excel-v1';
export const LKE_HEADER_ROW = 5;
export const MAX_NOTE_LENGTH = 4000;

export type WritableLkeStage = Exclude<LkeStage, 'final'>;

export const STAGE_LABELS: Record<LkeStage, string> = {
  self: 'Mandiri',
  evaluator: 'Evaluator',
  qa: 'Penjaminan Mutu (QA)',
  final: 'Final',
};

/** Columns, left to right: the id, texts, then answer and note per stage, then the final answer. */
export const LKE_COLUMNS = [
  { key: 'id', header: 'No. Kriteria', width: 11 },
  { key: 'text', header: 'Komponen / Sub-komponen / Kriteria', width: 60 },
  { key: 'evidence', header: 'Bukti dukung yang diharapkan', width: 34 },
  { key: 'selfAnswer', header: 'Jawaban Mandiri', width: 11 },
  { key: 'selfNote', header: 'Catatan Mandiri', width: 28 },
  { key: 'evaluatorAnswer', header: 'Jawaban Evaluator', width: 11 },
  { key: 'evaluatorNote', header: 'Catatan Evaluator', width: 28 },
  { key: 'qaAnswer', header: 'Jawaban QA', width: 11 },
  { key: 'qaNote', header: 'Catatan QA', width: 28 },
  { key: 'finalAnswer', header: 'Jawaban Final', width: 11 },
] as const;

export type LkeColumnKey = (typeof LKE_COLUMNS)[number]['key'];
export const lkeColumn = (key: LkeColumnKey): number => LKE_COLUMNS.findIndex((c) => c.key === key) + 1;
export const answerColumn = (stage: LkeStage): number => lkeColumn(`${stage}Answer`);
export const noteColumn = (stage: WritableLkeStage): number => lkeColumn(`${stage}Note`);

/** The answer and note of one criterion at one stage. */
export interface StageCell {
  answer: string | null;
  note: string | null;
}

export interface LkeAnswerChange {
  criterionId: string;
  row: number;
  /** Present when the answer changes. */
  answer?: { from: string | null; to: string | null };
  /** Present when the note changes. */
  note?: { from: string | null; to: string | null };
}

export interface LkeSheetContext {
  ruleSet: RuleSet;
  evaluationId: string;
  /** The stage the caller may write now. */
  stage: WritableLkeStage;
  /** The stored answers and notes of that stage, by criterion id. */
  current: ReadonlyMap<string, StageCell>;
}

export interface UploadedLkeSheet {
  meta: Readonly<Record<string, string>> | null;
  /** The LKE sheet's rows below the header, or null when the workbook has no LKE sheet. */
  rows: readonly RawRow[] | null;
}

/**
 * Reads the caller's stage columns of an uploaded LKE sheet: every problem (a sheet from another template,
 * evaluation or stage; unknown or repeated criteria; an answer that is not on the criterion's scale, a formula, a
 * number; an overlong note) and, when there is none, the changes against what is stored. An emptied answer cell
 * clears the answer; rows left out of the sheet change nothing.
 */
export function readLkeSheet(
  sheet: UploadedLkeSheet,
  ctx: LkeSheetContext,
): { changes: LkeAnswerChange[]; problems: SheetProblem[] } {
  const problems: SheetProblem[] = [];
  const fileProblem = (code: string, message: string) =>
    problems.push({ sheet: LKE_SHEET, row: null, column: null, code, message });
  if (!sheet.meta || sheet.meta.template !== LKE_TEMPLATE_VERSION)
    fileProblem(
      'NOT_A_TEMPLATE',
      'Berkas ini bukan templat LKE dari aplikasi ini (lembar metadata hilang atau versinya berbeda); unduh templat terbaru.',
    );
  else if (sheet.meta.evaluationId !== ctx.evaluationId)
    fileProblem(
      'OTHER_EVALUATION',
      'Berkas ini adalah lembar kerja evaluasi lain; unduh lembar kerja untuk evaluasi ini.',
    );
  else if (sheet.meta.stage !== ctx.stage)
    fileProblem(
      'OTHER_STAGE',
      `Berkas diunduh untuk tahap ${STAGE_LABELS[sheet.meta.stage as LkeStage] ?? sheet.meta.stage}, sedangkan evaluasi kini menerima jawaban tahap ${STAGE_LABELS[ctx.stage]}; unduh ulang lembar kerja.`,
    );
  if (!sheet.rows) fileProblem('SHEET_MISSING', `Lembar "${LKE_SHEET}" tidak ditemukan.`);
  if (problems.length) return { changes: [], problems };

  const scales = new Map(
    subComponentsOf(ctx.ruleSet).flatMap((sub) =>
      sub.criteria.map((c) => [c.id, answerScaleFor(ctx.ruleSet, sub, c).options.map((o) => o.code)] as const),
    ),
  );
  const groupIds = new Set([
    ...ctx.ruleSet.components.map((c) => c.id),
    ...subComponentsOf(ctx.ruleSet).map((s) => s.id),
  ]);
  const seen = new Map<string, number>();
  const changes: LkeAnswerChange[] = [];
  const aCol = answerColumn(ctx.stage);
  const nCol = noteColumn(ctx.stage);
  for (const { row, cells } of sheet.rows!) {
    const at = (col: number, code: string, message: string) =>
      problems.push({ sheet: LKE_SHEET, row, column: columnLetter(col), code, message });
    const idCell = cells[0] ?? { kind: 'empty' };
    const id = idCell.kind === 'text' ? idCell.text.trim() : idCell.kind === 'number' ? String(idCell.value) : null;
    if (id === null || groupIds.has(id)) continue;
    const scale = scales.get(id);
    if (!scale) {
      at(
        1,
        'UNKNOWN_CRITERION',
        `No. kriteria "${id}" tidak dikenal pada ${ctx.ruleSet.code} v${ctx.ruleSet.version}.`,
      );
      continue;
    }
    if (seen.has(id)) {
      at(1, 'DUPLICATE_CRITERION', `Kriteria ${id} muncul dua kali (juga pada baris ${seen.get(id)}).`);
      continue;
    }
    seen.set(id, row);
    const answer = readAnswer(cells[aCol - 1], scale, (code, m) => at(aCol, code, m));
    const note = readNote(cells[nCol - 1], (code, m) => at(nCol, code, m));
    if (answer === undefined || note === undefined) continue;
    const before = ctx.current.get(id) ?? { answer: null, note: null };
    const change: LkeAnswerChange = { criterionId: id, row };
    if (answer !== before.answer) change.answer = { from: before.answer, to: answer };
    if (note !== (before.note ?? null)) change.note = { from: before.note, to: note };
    if (change.answer || change.note) changes.push(change);
  }
  return { changes: problems.length ? [] : changes, problems };
}

/** An answer code on the scale (case and spaces forgiven), null for an empty cell, undefined after a problem. */
function readAnswer(
  cell: RawCell | undefined,
  scale: readonly string[],
  problem: (code: string, message: string) => void,
): string | null | undefined {
  if (!cell || cell.kind === 'empty') return null;
  if (cell.kind === 'formula') {
    problem('FORMULA_IN_CELL', `Jawaban berisi rumus (=${cell.formula}); pilih kode jawaban dari daftar.`);
    return undefined;
  }
  if (cell.kind !== 'text') {
    problem(
      'NOT_AN_ANSWER_CODE',
      `Jawaban harus kode dari daftar (${scale.join(', ')}), bukan ${cell.kind === 'number' ? 'angka' : cell.what}.`,
    );
    return undefined;
  }
  const code = cell.text.trim().toUpperCase();
  if (!scale.includes(code)) {
    problem(
      'ANSWER_NOT_ON_SCALE',
      `Jawaban "${cell.text.trim()}" tidak ada pada skala kriteria ini (${scale.join(', ')}).`,
    );
    return undefined;
  }
  return code;
}

/** A note's text (numbers written as text), null for an empty cell, undefined after a problem. */
function readNote(
  cell: RawCell | undefined,
  problem: (code: string, message: string) => void,
): string | null | undefined {
  if (!cell || cell.kind === 'empty') return null;
  if (cell.kind === 'formula') {
    problem('FORMULA_IN_CELL', `Catatan berisi rumus (=${cell.formula}); tulis catatan sebagai teks.`);
    return undefined;
  }
  if (cell.kind === 'other') {
    problem('NOTE_NOT_TEXT', `Catatan harus teks, bukan ${cell.what}.`);
    return undefined;
  }
  const text = cell.kind === 'number' ? String(cell.value) : cell.text.trim();
  if (text.length > MAX_NOTE_LENGTH) {
    problem('NOTE_TOO_LONG', `Catatan terlalu panjang (${text.length} karakter; paling banyak ${MAX_NOTE_LENGTH}).`);
    return undefined;
  }
  return text;
}
