import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EMPTY, type RawCell, type RawRow } from '../../common/excel/raw-cell';
import {
  answerColumn,
  LKE_TEMPLATE_VERSION,
  noteColumn,
  readLkeSheet,
  type LkeSheetContext,
  type StageCell,
} from './lke-excel';
import { validateRuleSet } from './rule-set';

const ruleSet = validateRuleSet(
  JSON.parse(
    readFileSync(join(__dirname, '..', '..', '..', 'templates', 'lke', 'permenpanrb-88-2021.v1.json'), 'utf8'),
  ),
);
const meta = { template: LKE_TEMPLATE_VERSION, evaluationId: 'ev-1', stage: 'evaluator' };
const text = (t: string): RawCell => ({ kind: 'text', text: t });

/** A sheet row for a criterion with the evaluator's answer and note cells. */
function row(n: number, id: RawCell, answer: RawCell = EMPTY, note: RawCell = EMPTY): RawRow {
  const cells: RawCell[] = Array.from({ length: 10 }, () => EMPTY);
  cells[0] = id;
  cells[answerColumn('evaluator') - 1] = answer;
  cells[noteColumn('evaluator') - 1] = note;
  return { row: n, cells };
}

const ctx = (current: Record<string, StageCell> = {}): LkeSheetContext => ({
  ruleSet,
  evaluationId: 'ev-1',
  stage: 'evaluator',
  current: new Map(Object.entries(current)),
});
const read = (rows: RawRow[], c = ctx(), m: Record<string, string> | null = meta) => readLkeSheet({ meta: m, rows }, c);

describe('readLkeSheet', () => {
  it.each([
    ['no metadata sheet', null, 'NOT_A_TEMPLATE'],
    ['another template version', { ...meta, template: 'sakip-lke-excel-v0' }, 'NOT_A_TEMPLATE'],
    ['another evaluation', { ...meta, evaluationId: 'ev-2' }, 'OTHER_EVALUATION'],
    ['another stage', { ...meta, stage: 'self' }, 'OTHER_STAGE'],
  ])('refuses a file with %s', (_what, m, code) => {
    const result = read([row(6, text('1.a.1'), text('A'))], ctx(), m);
    expect(result.problems.map((p) => p.code)).toEqual([code]);
    expect(result.changes).toEqual([]);
  });

  it('reads answers case-insensitively, skips group rows and unchanged rows, clears emptied answers', () => {
    const result = read(
      [
        row(5, text('1')),
        row(6, text('1.a')),
        row(7, text(' 1.a.1 '), text(' bb ')),
        row(8, text('1.a.2'), text('A'), text('sama')),
        row(9, text('1.a.3')),
      ],
      ctx({ '1.a.2': { answer: 'A', note: 'sama' }, '1.a.3': { answer: 'C', note: null } }),
    );
    expect(result.problems).toEqual([]);
    expect(result.changes).toEqual([
      { criterionId: '1.a.1', row: 7, answer: { from: null, to: 'BB' } },
      { criterionId: '1.a.3', row: 9, answer: { from: 'C', to: null } },
    ]);
  });

  it.each<[string, RawCell, RawCell, string, string]>([
    ['an answer off the scale', text('AAA'), EMPTY, 'F', 'ANSWER_NOT_ON_SCALE'],
    ['a number as answer', { kind: 'number', value: 90 }, EMPTY, 'F', 'NOT_AN_ANSWER_CODE'],
    ['a date as answer', { kind: 'other', what: 'tanggal' }, EMPTY, 'F', 'NOT_AN_ANSWER_CODE'],
    ['a formula as answer', { kind: 'formula', formula: 'A1' }, EMPTY, 'F', 'FORMULA_IN_CELL'],
    ['a formula as note', text('A'), { kind: 'formula', formula: 'B2' }, 'G', 'FORMULA_IN_CELL'],
    ['an error value as note', text('A'), { kind: 'other', what: 'nilai galat #N/A' }, 'G', 'NOTE_NOT_TEXT'],
    ['an overlong note', text('A'), text('x'.repeat(4001)), 'G', 'NOTE_TOO_LONG'],
  ])('locates %s', (_what, answer, note, column, code) => {
    const result = read([row(12, text('1.a.1'), answer, note)]);
    expect(result.problems).toEqual([
      expect.objectContaining({ sheet: 'LKE', row: 12, column, code, message: expect.any(String) }),
    ]);
    expect(result.changes).toEqual([]);
  });

  it('keeps a number note as text and flags unknown and repeated criteria', () => {
    expect(read([row(6, text('1.a.1'), text('A'), { kind: 'number', value: 12 })]).changes[0].note).toEqual({
      from: null,
      to: '12',
    });
    const result = read([
      row(6, text('1.a.1'), text('A')),
      row(7, text('1.a.1'), text('B')),
      row(8, text('7.x.1'), text('A')),
    ]);
    expect(result.problems.map((p) => `${p.column}${p.row}:${p.code}`)).toEqual([
      'A7:DUPLICATE_CRITERION',
      'A8:UNKNOWN_CRITERION',
    ]);
    expect(result.changes).toEqual([]);
  });
});
