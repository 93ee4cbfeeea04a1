import { finalAnswerOf, isPastDeadline, mayAdvance, nextStatus, writableStage } from './evaluation-workflow';

describe('evaluation workflow', () => {
  const planner = { role: 'PLANNER' as const, isQa: false };
  const evaluator = { role: 'EVALUATOR' as const, isQa: false };
  const qa = { role: 'EVALUATOR' as const, isQa: true };

  it.each([
    ['SELF_ASSESSMENT', 'SKPD', planner, 'self'],
    ['SELF_ASSESSMENT', 'SKPD', evaluator, 'WRONG_STAGE'],
    ['SELF_ASSESSMENT', 'PEMDA', evaluator, 'self'],
    ['EVALUATION', 'SKPD', planner, 'WRONG_STAGE'],
    ['EVALUATION', 'SKPD', evaluator, 'evaluator'],
    ['EVALUATION', 'SKPD', qa, 'evaluator'],
    ['QA_REVIEW', 'SKPD', evaluator, 'FORBIDDEN'],
    ['QA_REVIEW', 'SKPD', qa, 'qa'],
    ['QA_REVIEW', 'SKPD', planner, 'WRONG_STAGE'],
    ['FINAL', 'SKPD', qa, 'WRONG_STAGE'],
    ['FINAL', 'PEMDA', planner, 'WRONG_STAGE'],
  ] as const)('%s %s %o writes %s', (status, kind, caller, expected) => {
    const d = writableStage(status, kind, caller);
    expect(d.ok ? d.stage : d.reason).toBe(expected);
  });

  it.each([
    ['SELF_ASSESSMENT', 'EVALUATION'],
    ['EVALUATION', 'QA_REVIEW'],
    ['QA_REVIEW', 'FINAL'],
    ['FINAL', null],
  ] as const)('%s advances to %s', (from, to) => expect(nextStatus(from)).toBe(to));

  it.each([
    ['SELF_ASSESSMENT', evaluator, true],
    ['EVALUATION', evaluator, true],
    ['QA_REVIEW', evaluator, false],
    ['QA_REVIEW', qa, true],
    ['FINAL', qa, false],
    ['EVALUATION', planner, false],
  ] as const)('%s: %o may advance = %s', (status, caller, expected) =>
    expect(mayAdvance(status, caller)).toBe(expected),
  );

  it('deadlines close after their instant; none means open', () => {
    const d = new Date('2026-03-31T16:59:59Z');
    expect(isPastDeadline(d, new Date('2026-03-31T16:59:59Z'))).toBe(false);
    expect(isPastDeadline(d, new Date('2026-03-31T17:00:00Z'))).toBe(true);
    expect(isPastDeadline(null, new Date())).toBe(false);
  });

  it.each([
    [{ evaluatorAnswer: 'B', qaAnswer: null }, 'B'],
    [{ evaluatorAnswer: 'B', qaAnswer: 'BB' }, 'BB'],
    [{ evaluatorAnswer: null, qaAnswer: null }, null],
  ])('final answer of %o is %s', (a, expected) => expect(finalAnswerOf(a)).toBe(expected));
});
