import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleSet } from '../../evaluation/domain/rule-set';
import { scoreStages, serializeScore, type LkeStage } from '../../evaluation/domain/scoring';
import { buildLkeSheet, lkeFileName, type LkeAnswerInput } from './lke-sheet';

const load = (file: string): RuleSet =>
  JSON.parse(readFileSync(join(__dirname, '../../../templates/lke', file), 'utf8')) as RuleSet;
const RS88 = load('permenpanrb-88-2021.v1.json');

const criteria = RS88.components.flatMap((c) => c.subComponents.flatMap((s) => s.criteria.map((k) => k.id)));

function answersWith(evaluator: string, qa: Record<string, string> = {}): LkeAnswerInput[] {
  return criteria.map((id) => ({
    criterionId: id,
    selfAnswer: 'AA',
    selfNote: id === '1.a.1' ? 'ada' : null,
    evaluatorAnswer: evaluator,
    evaluatorNote: null,
    qaAnswer: qa[id] ?? null,
    qaNote: qa[id] ? 'koreksi' : null,
    finalAnswer: qa[id] ?? evaluator,
  }));
}

function sheetOf(
  rows: LkeAnswerInput[],
  recommendations: { refId: string | null; text: string; followUp: string | null; status: string }[] = [],
) {
  const stage = (f: (a: LkeAnswerInput) => string | null) => new Map(rows.map((a) => [a.criterionId, f(a)]));
  const scores = scoreStages(RS88, {
    self: stage((a) => a.selfAnswer),
    evaluator: stage((a) => a.evaluatorAnswer),
    qa: stage((a) => a.qaAnswer),
    final: stage((a) => a.finalAnswer),
  });
  const json = Object.fromEntries(
    (['self', 'evaluator', 'qa', 'final'] as LkeStage[]).map((s) => [s, serializeScore(scores[s])]),
  ) as Record<LkeStage, ReturnType<typeof serializeScore>>;
  return buildLkeSheet({ ruleSet: RS88, answers: rows, scores: json, recommendations });
}

describe('LKE sheet rows', () => {
  it('lists every component, sub-component and criterion in worksheet order', () => {
    const s = sheetOf(answersWith('B'));
    expect(s.lines.filter((l) => l.kind === 'COMPONENT').map((l) => l.id)).toEqual(['1', '2', '3', '4']);
    expect(s.lines.filter((l) => l.kind === 'SUB_COMPONENT')).toHaveLength(12);
    expect(s.lines.filter((l) => l.kind === 'CRITERION').map((l) => l.id)).toEqual(criteria);
    expect(s.lines[0]).toMatchObject({ kind: 'COMPONENT', id: '1', weight: '30' });
    expect(s.lines[1]).toMatchObject({ kind: 'SUB_COMPONENT', id: '1.a', weight: '6' });
  });

  it.each([
    // evaluator answer everywhere → final total and predicate; self AA everywhere → 100 AA
    ['AA', '100.00', 'AA'],
    ['A', '90.00', 'A'],
    ['BB', '80.00', 'BB'],
    ['B', '70.00', 'B'],
    ['CC', '60.00', 'CC'],
    ['E', '0.00', 'D'],
  ])('evaluator %s everywhere: final %s %s, self 100.00 AA', (answer, total, predicate) => {
    const s = sheetOf(answersWith(answer));
    expect([s.totals.total.final, s.totals.predicate.final]).toEqual([total, predicate]);
    expect([s.totals.total.self, s.totals.predicate.self, s.totals.predicateLabel.self]).toEqual([
      '100.00',
      'AA',
      expect.any(String),
    ]);
    expect([s.totals.total.qa, s.totals.predicate.qa]).toEqual([null, null]); // no QA answers: incomplete
  });

  it('shows each stage answer, value (percent) and notes of a criterion; subtotals are weighted scores, 2 dp', () => {
    const s = sheetOf(answersWith('B', { '1.a.1': 'A' }));
    const line = s.lines.find((l) => l.id === '1.a.1')!;
    expect(line.stages).toEqual({
      self: { answer: 'AA', value: '100.00' },
      evaluator: { answer: 'B', value: '70.00' },
      qa: { answer: 'A', value: '90.00' },
      final: { answer: 'A', value: '90.00' },
    });
    expect(line.notes).toEqual({ self: 'ada', evaluator: null, qa: 'koreksi' });
    // 1.a: (90 + 5 × 70) / 6 % of 6 = 4.40
    expect(s.lines.find((l) => l.id === '1.a')!.stages.final).toEqual({ answer: null, value: '4.40' });
    expect(s.lines.find((l) => l.id === '1')!.stages.evaluator.value).toBe('21.00');
  });

  it('orders recommendations by reference (numeric segments), general ones last, with Indonesian status', () => {
    const s = sheetOf(answersWith('B'), [
      { refId: null, text: 'umum', followUp: null, status: 'OPEN' },
      { refId: '1.b.10', text: 'sepuluh', followUp: 'sudah', status: 'DONE' },
      { refId: '1.b.9', text: 'sembilan', followUp: null, status: 'IN_PROGRESS' },
    ]);
    expect(s.recommendations.map((r) => [r.no, r.refId, r.status])).toEqual([
      [1, '1.b.9', 'Dalam proses'],
      [2, '1.b.10', 'Selesai'],
      [3, null, 'Belum ditindaklanjuti'],
    ]);
  });

  it('names the file after the SKPD and year', () =>
    expect(lkeFileName('Dinas-Kesehatan', 2025)).toBe('LKE-SAKIP-Dinas-Kesehatan-2025.xlsx'));
});
