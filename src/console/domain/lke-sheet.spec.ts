import type { RuleSet } from '../../evaluation/domain/rule-set';
import { lkeSheet, type SheetRow, type StageScores } from './lke-sheet';

const scale = { id: 's', name: 'Skala', options: [{ code: 'Y', value: 100, label: 'Ya', meaning: '' }] };
const RULES = {
  code: 'uji',
  version: 1,
  name: 'Uji',
  aggregationMode: 'CRITERION_MEAN',
  defaultAnswerScale: 's',
  answerScales: [scale],
  components: [
    {
      id: '1',
      name: 'Perencanaan',
      weight: '30',
      subComponents: [
        { id: '1.a', name: 'Keberadaan', weight: '6', criteria: [k('1.a.1'), k('1.a.2')] },
        { id: '1.b', name: 'Kualitas', weight: '9', criteria: [k('1.b.1')] },
      ],
    },
    {
      id: '2',
      name: 'Pengukuran',
      weight: '30',
      subComponents: [{ id: '2.a', name: 'Ada', weight: '6', criteria: [k('2.a.1')] }],
    },
  ],
} as unknown as RuleSet;

function k(id: string) {
  return { id, text: `Kriteria ${id}`, guidance: '', evidence: [] };
}
const row = (criterionId: string, evaluatorAnswer: string | null, selfAnswer: string | null = 'Y'): SheetRow => ({
  criterionId,
  selfAnswer,
  selfNote: null,
  evaluatorAnswer,
  evaluatorNote: null,
  qaAnswer: null,
  qaNote: null,
  finalAnswer: evaluatorAnswer,
  evidenceIds: [],
});
const scores = (c1: string | null): StageScores => ({
  components: [{ id: '1', score: c1 }],
  subComponents: [{ id: '1.a', score: c1 }],
  total: c1,
  predicate: null,
});
const STAGES = { self: scores('30'), evaluator: scores('15'), qa: scores(null), final: scores('15') };

describe('lkeSheet', () => {
  const rows = [row('1.a.1', 'Y'), row('1.a.2', null), row('1.b.1', 'Y'), row('2.a.1', null)];

  it('groups criteria by component with the subtotal of each answer set side by side', () => {
    const sheet = lkeSheet(RULES, rows, 'evaluator', STAGES);
    expect(sheet.components.map((c) => [c.anchor, c.subComponents.map((s) => s.criteria.map((x) => x.id))])).toEqual([
      ['komponen-1', [['1.a.1', '1.a.2'], ['1.b.1']]],
      ['komponen-2', [['2.a.1']]],
    ]);
    expect(sheet.components[0].subtotals).toEqual([
      { stage: 'self', score: '30' },
      { stage: 'evaluator', score: '15' },
      { stage: 'qa', score: null },
      { stage: 'final', score: '15' },
    ]);
    expect(sheet.components[1].subtotals.map((s) => s.score)).toEqual([null, null, null, null]);
  });

  it('lists the unanswered criteria of the set being written and links each criterion to the next one', () => {
    const sheet = lkeSheet(RULES, rows, 'evaluator', STAGES);
    expect(sheet.unanswered).toEqual(['1.a.2', '2.a.1']);
    const next = sheet.components.flatMap((c) =>
      c.subComponents.flatMap((s) => s.criteria.map((x) => [x.id, x.nextUnanswered])),
    );
    expect(next).toEqual([
      ['1.a.1', '1.a.2'],
      ['1.a.2', '2.a.1'],
      ['1.b.1', '2.a.1'],
      ['2.a.1', '1.a.2'],
    ]);
  });

  it('counts an answer typed into the form as given, and the self set for the planner', () => {
    const typed = new Map([['1.a.2', { answer: 'Y', note: '' }]]);
    expect(lkeSheet(RULES, rows, 'evaluator', STAGES, typed).unanswered).toEqual(['2.a.1']);
    expect(lkeSheet(RULES, rows, 'self', STAGES).unanswered).toEqual([]);
    expect(
      lkeSheet(
        RULES,
        rows.map((r) => row(r.criterionId, 'Y')),
        null,
        STAGES,
      ).firstUnanswered,
    ).toBeNull();
  });
});
