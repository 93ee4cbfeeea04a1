import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Fraction } from '../../evaluation/domain/fraction';
import { answerScaleFor, criteriaOf, type RuleSet, validateRuleSet } from '../../evaluation/domain/rule-set';
import { scoreEvaluation } from '../../evaluation/domain/scoring';
import { gapOf, nextBandAbove, pointsTo } from './gap';
import { type NextPredicatePlan, planNextPredicate } from './simulator';

const TEMPLATES = join(__dirname, '..', '..', '..', 'templates', 'lke');
const load = (file: string, patch: Record<string, unknown> = {}): RuleSet =>
  validateRuleSet({ ...(JSON.parse(readFileSync(join(TEMPLATES, file), 'utf8')) as object), ...patch }, file);
const RS88 = load('permenpanrb-88-2021.v1.json');
const RS15 = load('permenpanrb-12-2015.v1.json');
const GRADE88 = load('permenpanrb-88-2021.v1.json', { aggregationMode: 'SUBCOMPONENT_GRADE' });

/** Every criterion `code`, then per sub-component overrides: { '4.c': 'CC CC CC CC B' }. */
function sheet(rs: RuleSet, code: string, overrides: Record<string, string> = {}): Map<string, string> {
  const out = new Map(criteriaOf(rs).map((k) => [k.id, code]));
  for (const [sub, line] of Object.entries(overrides)) line.split(' ').forEach((c, i) => out.set(`${sub}.${i + 1}`, c));
  return out;
}
const F = (text: string) => Fraction.parse(text);
const total = (rs: RuleSet, answers: Map<string, string>) => scoreEvaluation(rs, answers).totalExact!;

/** 68.40 under 88/2021: all B (70.00) with four 4.c criteria (0.25 each) and four 2.c criteria (0.15 each) at CC. */
const SHEET_68_40 = sheet(RS88, 'B', { '4.c': 'CC CC CC CC B', '2.c': 'CC CC CC CC B B B B B B' });

/** The highest single-step gain anywhere on a worksheet, from the engine: a bound for "k steps gain at most k × this". */
function bestSingleStep(rs: RuleSet, answers: Map<string, string>): Fraction {
  const now = total(rs, answers);
  let best = Fraction.ZERO;
  for (const c of rs.components)
    for (const sub of c.subComponents)
      for (const k of sub.criteria) {
        const values = [...answerScaleFor(rs, sub, k).options].sort((a, b) => a.value - b.value);
        const at = values.findIndex((o) => o.code === answers.get(k.id));
        if (at + 1 >= values.length) continue;
        const gain = total(rs, new Map([...answers, [k.id, values[at + 1].code]])).plus(now.times(Fraction.of(-1)));
        if (gain.cmp(best) > 0) best = gain;
      }
  return best;
}

/** Invariants of every plan: one scale step each, never above the scale maximum, gains ordered, the engine agrees. */
function expectWellFormed(rs: RuleSet, answers: Map<string, string>, plan: NextPredicatePlan): void {
  const current = new Map(answers);
  const byId = new Map(criteriaOf(rs).map((k) => [k.id, k]));
  for (const step of plan.steps) {
    const k = byId.get(step.criterionId);
    const sub = rs.components.flatMap((c) => c.subComponents).find((s) => s.id === step.subComponentId)!;
    const scale = answerScaleFor(rs, sub, k);
    const values = [...scale.options].sort((a, b) => a.value - b.value);
    const from = values.findIndex((o) => o.code === step.from);
    expect(current.get(step.criterionId)).toBe(step.from); // steps of one criterion come in scale order
    expect(from).toBeLessThan(values.length - 1); // never from the maximum …
    expect(step.to).toBe(values[from + 1].code); // … and exactly one step up
    current.set(step.criterionId, step.to);
  }
  for (let i = 1; i < plan.steps.length; i++)
    expect(plan.steps[i - 1].gain.cmp(plan.steps[i].gain)).toBeGreaterThanOrEqual(0);
  const after = scoreEvaluation(rs, current);
  expect(after.totalExact!.eq(plan.totalAfter)).toBe(true);
  expect(after.predicate).toBe(plan.predicateAfter);
  expect(Fraction.sum(plan.steps.map((s) => s.gain)).eq(plan.totalAfter.plus(plan.total.times(Fraction.of(-1))))).toBe(
    true,
  );
}

describe('planNextPredicate (88/2021 unless stated)', () => {
  it.each<
    [
      string,
      RuleSet,
      Map<string, string>,
      { total: string; predicate: string; next: string | null; missing: string | null; steps: number; after: string },
    ]
  >([
    [
      '68.40 → BB in 7 steps of 0.25',
      RS88,
      SHEET_68_40,
      { total: '68.40', predicate: 'B', next: 'BB', missing: '1.60', steps: 7, after: 'BB' },
    ],
    [
      'exactly 70.00 is B; one step of any size lifts it',
      RS88,
      sheet(RS88, 'B'),
      { total: '70.00', predicate: 'B', next: 'BB', missing: '0.00', steps: 1, after: 'BB' },
    ],
    [
      '§6.5 worked example 72.19 → A',
      RS88,
      sheet(RS88, 'B', {
        '1.a': 'AA AA A A BB B',
        '1.b': 'A BB BB B BB B BB A B BB B',
        '1.c': 'BB B B BB B CC B B',
        '2.a': 'A BB BB',
        '2.b': 'BB B B BB B CC BB',
        '2.c': 'B CC CC B B CC B CC B B',
        '3.a': 'AA A A BB BB BB',
        '3.b': 'BB B BB B CC CC BB B B',
        '3.c': 'B CC B CC CC B CC',
        '4.a': 'A A BB',
        '4.b': 'B B BB CC B',
        '4.c': 'CC C CC B CC',
      }),
      { total: '72.19', predicate: 'BB', next: 'A', missing: '7.81', steps: 35, after: 'A' },
    ],
    [
      'all E (0.00, D) → C',
      RS88,
      sheet(RS88, 'E'),
      { total: '0.00', predicate: 'D', next: 'C', missing: '30.00', steps: 65, after: 'C' },
    ],
    [
      'all A (90.00) → AA in one step',
      RS88,
      sheet(RS88, 'A'),
      { total: '90.00', predicate: 'A', next: 'AA', missing: '0.00', steps: 1, after: 'AA' },
    ],
    [
      'already AA: empty plan',
      RS88,
      sheet(RS88, 'AA'),
      { total: '100.00', predicate: 'AA', next: null, missing: null, steps: 0, after: 'AA' },
    ],
    [
      '90.01+ is AA: empty plan',
      RS88,
      sheet(RS88, 'AA', { '4.c': 'A A A A A' }),
      { total: '98.75', predicate: 'AA', next: null, missing: null, steps: 0, after: 'AA' },
    ],
    [
      '12/2015 (Y/T and A–E scales): every Y/T criterion T, every graded one C',
      RS15,
      new Map(
        RS15.components.flatMap((c) =>
          c.subComponents.flatMap((sub) =>
            sub.criteria.map((k) => [k.id, answerScaleFor(RS15, sub, k).id === 'Y-T' ? 'T' : 'C'] as [string, string]),
          ),
        ),
      ),
      { total: '', predicate: '', next: null, missing: null, steps: -1, after: '' },
    ],
  ])('%s', (_name, rs, answers, expected) => {
    const plan = planNextPredicate(rs, answers);
    expectWellFormed(rs, answers, plan);
    if (expected.steps === -1) {
      // Shape-only row (the 12/2015 sheet's total depends on its Y/T mix): reaches the next band, engine agrees.
      expect(plan.reachable).toBe(true);
      expect(plan.nextPredicate).toBe(nextBandAbove(rs.bands, plan.predicate)?.predicate ?? null);
      if (plan.nextPredicate) expect(plan.predicateAfter).toBe(plan.nextPredicate);
      return;
    }
    expect(plan.total.toFixedHalfUp(2)).toBe(expected.total);
    expect(plan.predicate).toBe(expected.predicate);
    expect(plan.nextPredicate).toBe(expected.next);
    expect(plan.pointsMissing?.toFixedHalfUp(2) ?? null).toBe(expected.missing);
    expect(plan.steps).toHaveLength(expected.steps);
    expect(plan.predicateAfter).toBe(expected.after);
    expect(plan.reachable).toBe(true);
  });

  it('68.40: reaches > 70 with the fewest steps (no 6-step plan can: each step gains at most 0.25)', () => {
    expect(total(RS88, SHEET_68_40).toFixedHalfUp(6)).toBe('68.400000');
    const plan = planNextPredicate(RS88, SHEET_68_40);
    expect(plan.totalAfter.cmp(F('70'))).toBeGreaterThan(0);
    expect(plan.totalAfter.toFixedHalfUp(2)).toBe('70.15');
    const best = bestSingleStep(RS88, SHEET_68_40);
    expect(best.toFixedHalfUp(6)).toBe('0.250000');
    // Six steps gain at most 6 × 0.25 = 1.50 < 1.60 missing, so seven is the minimum.
    expect(best.times(Fraction.of(plan.steps.length - 1)).cmp(plan.pointsMissing!)).toBeLessThanOrEqual(0);
    expect(plan.steps.every((s) => s.subComponentId === '4.c' && s.gain.eq(F('0.25')))).toBe(true);
    // A criterion raised twice keeps scale order (CC→B before B→BB).
    expect(plan.steps.map((s) => `${s.criterionId}:${s.from}→${s.to}`).slice(0, 2)).toEqual([
      '4.c.1:CC→B',
      '4.c.1:B→BB',
    ]);
  });

  it('proposes nothing above the scale maximum even when most criteria are already AA', () => {
    // Component 1 at E, everything else AA: 70.00 (B); only component-1 criteria can move.
    const answers = sheet(RS88, 'AA', {
      '1.a': 'E E E E E E',
      '1.b': 'E E E E E E E E E E E',
      '1.c': 'E E E E E E E E',
    });
    const plan = planNextPredicate(RS88, answers);
    expect(plan.total.toFixedHalfUp(2)).toBe('70.00');
    expect(plan.steps.length).toBeGreaterThan(0);
    expect(plan.steps.every((s) => s.componentId === '1' && s.from !== 'AA')).toBe(true);
    expectWellFormed(RS88, answers, plan);
  });

  it('unanswered criteria are simulated at the lowest value and listed', () => {
    const answers = sheet(RS88, 'B');
    answers.delete('1.a.1');
    const plan = planNextPredicate(RS88, answers);
    expect(plan.assumedLowest).toEqual(['1.a.1']);
    expect(plan.total.eq(total(RS88, new Map([...answers, ['1.a.1', 'E']])))).toBe(true);
  });

  it('SUBCOMPONENT_GRADE mode: one step on a 15-weight sub-component adds 1.5', () => {
    const answers = new Map(
      GRADE88.components.flatMap((c) => c.subComponents.map((s) => [s.id, 'B'] as [string, string])),
    );
    const plan = planNextPredicate(GRADE88, answers);
    expect([
      plan.total.toFixedHalfUp(2),
      plan.predicate,
      plan.steps.length,
      plan.steps[0].gain.toFixedHalfUp(2),
    ]).toEqual(['70.00', 'B', 1, '1.50']);
    expect(plan.steps[0].criterionId).toBe('1.c');
  });

  it('finds the fewest steps where greedy would not (a non-concave local scale 0 → 10 → 100)', () => {
    const criterion = (id: string) => ({ id, text: 't', guidance: 'g', evidence: ['e'] });
    const rs = validateRuleSet(
      {
        ...(JSON.parse(readFileSync(join(TEMPLATES, 'permenpanrb-88-2021.v1.json'), 'utf8')) as object),
        answerScales: [
          {
            id: 'X',
            name: 'X',
            options: ['E:0', 'C:10', 'AA:100'].map((o) => ({
              code: o.split(':')[0],
              value: Number(o.split(':')[1]),
              label: o,
              meaning: o,
            })),
          },
        ],
        defaultAnswerScale: 'X',
        consistencyRules: [],
        components: [
          {
            id: '1',
            name: 'Satu',
            weight: '100',
            subComponents: [
              { id: '1.a', name: 'a', weight: '20', criteria: [criterion('1.a.1')] },
              { id: '1.b', name: 'b', weight: '80', criteria: [criterion('1.b.1')] },
            ],
          },
        ],
      },
      'non-concave',
    );
    // 1.a.1 at C (2.00, D); C needs > 30, i.e. a gain above 28. Greedy takes 1.a C→AA (+18) first, then 1.b E→C (+8):
    // 26 after two steps, so it needs a third. The optimum is two steps on 1.b (+8, +72).
    const plan = planNextPredicate(
      rs,
      new Map([
        ['1.a.1', 'C'],
        ['1.b.1', 'E'],
      ]),
    );
    expect(plan.steps.map((s) => `${s.criterionId}:${s.from}→${s.to}:${s.gain.toFixedHalfUp(2)}`)).toEqual([
      '1.b.1:E→C:8.00',
      '1.b.1:C→AA:72.00',
    ]);
    expect([plan.totalAfter.toFixedHalfUp(2), plan.predicateAfter]).toEqual(['82.00', 'A']);
  });
});

/** The ERROR rules of a rule set break on `answers`: their rule ids. */
const errorsOf = (rs: RuleSet, answers: Map<string, string>): string[] =>
  scoreEvaluation(rs, answers)
    .violations.filter((v) => v.severity === 'ERROR')
    .map((v) => v.ruleId);

/** The worksheet after a plan's steps. */
const applied = (answers: Map<string, string>, plan: NextPredicatePlan): Map<string, string> =>
  new Map([...answers, ...plan.steps.map((s) => [s.criterionId, s.to] as const)]);

describe('planNextPredicate respects the ERROR consistency rules (issue 16 item 10)', () => {
  it('88/2021: the fewest-steps plan ignoring rules raises 1.c.4 above 1.a.5 (KL-03); the plan keeps KL-03 with one more step', () => {
    // All A except 1.c.4 and 1.a.5 at CC, 3.c and three 3.b criteria at E: 81.04 (A), AA needs > 8.96 more.
    const answers = sheet(RS88, 'A', { '3.c': 'E E E E E E E', '3.b': 'E E E A A A A A A' });
    answers.set('1.c.4', 'CC');
    answers.set('1.a.5', 'CC');
    const ignoringRules = planNextPredicate(load('permenpanrb-88-2021.v1.json', { consistencyRules: [] }), answers);
    expect(errorsOf(RS88, applied(answers, ignoringRules))).toEqual(['KL-03']);

    const plan = planNextPredicate(RS88, answers);
    expectWellFormed(RS88, answers, plan);
    expect(errorsOf(RS88, applied(answers, plan))).toEqual([]);
    expect(plan.violationsAfter.filter((v) => v.severity === 'ERROR')).toEqual([]);
    expect(plan.predicateAfter).toBe('AA');
    // The rules can only cost steps: never fewer than the plan that ignores them; here exactly one more.
    expect(plan.steps.length).toBe(ignoringRules.steps.length + 1);
    expect(plan.violationsCleared).toEqual([]);
  });

  it('clears an ERROR violation the worksheet already has by raising the reference, and says so', () => {
    // 70.38 (BB) with 1.c.4 at A above 1.a.5 at B (KL-03): finalising is blocked until 1.a.5 reaches A.
    const answers = sheet(RS88, 'B');
    answers.set('1.c.4', 'A');
    const plan = planNextPredicate(RS88, answers);
    expect(errorsOf(RS88, answers)).toEqual(['KL-03']);
    expect(plan.violationsCleared.map((v) => `${v.ruleId}:${v.criterionId}>${v.referenceId}`)).toEqual([
      'KL-03:1.c.4>1.a.5',
    ]);
    expect(errorsOf(RS88, applied(answers, plan))).toEqual([]);
    expect(plan.steps.filter((s) => s.criterionId === '1.a.5').map((s) => s.to)).toEqual(['BB', 'A']);
    expectWellFormed(RS88, answers, plan);
  });

  it('at the top band the plan only clears the ERROR violations', () => {
    const answers = sheet(RS88, 'AA');
    answers.set('1.a.5', 'A');
    const plan = planNextPredicate(RS88, answers);
    expect([plan.predicate, plan.nextPredicate, plan.reachable]).toEqual(['AA', null, true]);
    expect(errorsOf(RS88, answers)).toEqual(['KL-03']);
    expect(plan.steps.map((s) => `${s.criterionId}:${s.from}→${s.to}`)).toEqual(['1.a.5:A→AA']);
    expect(plan.violationsCleared.map((v) => v.ruleId)).toEqual(['KL-03']);
  });

  /** One component: 1.a (weight 20, one criterion) and 1.b (weight 80, two); 1.b.1 may not exceed 1.a.1 (ERROR). */
  const criterion = (id: string) => ({ id, text: 't', guidance: 'g', evidence: ['e'] });
  const SMALL = validateRuleSet(
    {
      ...(JSON.parse(readFileSync(join(TEMPLATES, 'permenpanrb-88-2021.v1.json'), 'utf8')) as object),
      answerScales: [
        {
          id: 'X',
          name: 'X',
          options: ['E:0', 'C:50', 'AA:100'].map((o) => ({
            code: o.split(':')[0],
            value: Number(o.split(':')[1]),
            label: o,
            meaning: o,
          })),
        },
      ],
      defaultAnswerScale: 'X',
      consistencyRules: [
        { id: 'R1', kind: 'notAbove', criteria: ['1.b.1'], reference: '1.a.1', severity: 'ERROR', message: 'm' },
      ],
      components: [
        {
          id: '1',
          name: 'Satu',
          weight: '100',
          subComponents: [
            { id: '1.a', name: 'a', weight: '20', criteria: [criterion('1.a.1')] },
            { id: '1.b', name: 'b', weight: '80', criteria: [criterion('1.b.1'), criterion('1.b.2')] },
          ],
        },
      ],
    },
    'small',
  );
  const LADDER = ['E', 'C', 'AA'];

  /** Every worksheet reachable by steps up from `answers`: its step count, total and ERROR violations. */
  function everyPlan(answers: Map<string, string>) {
    const ids = ['1.a.1', '1.b.1', '1.b.2'];
    const out: { steps: number; total: Fraction; valid: boolean }[] = [];
    const visit = (i: number, sheetSoFar: Map<string, string>, steps: number): void => {
      if (i === ids.length) {
        out.push({ steps, total: total(SMALL, sheetSoFar), valid: errorsOf(SMALL, sheetSoFar).length === 0 });
        return;
      }
      const at = LADDER.indexOf(answers.get(ids[i])!);
      for (let j = at; j < LADDER.length; j++)
        visit(i + 1, new Map([...sheetSoFar, [ids[i], LADDER[j]]]), steps + j - at);
    };
    visit(0, new Map(), 0);
    return out;
  }

  it.each<[string, Record<string, string>, number, string[]]>([
    // 40.00 (C): one step on 1.b.1 (+20) would reach CC but breaks R1; 1.a.1 alone (+10) only reaches 50.00.
    ['the naive one-step plan breaks R1', { '1.a.1': 'E', '1.b.1': 'E', '1.b.2': 'AA' }, 2, ['1.a.1', '1.b.1']],
    // 60.00 (CC) with R1 already broken (1.b.1 C above 1.a.1 E): raising 1.a.1 clears it and reaches B.
    ['an existing violation is cleared', { '1.a.1': 'E', '1.b.1': 'C', '1.b.2': 'AA' }, 1, ['1.a.1']],
    // 0.00 (D): two steps on 1.b.2 (+40) reach C without touching R1.
    ['the rule costs nothing when avoided', { '1.a.1': 'E', '1.b.1': 'E', '1.b.2': 'E' }, 2, ['1.b.2', '1.b.2']],
  ])('small rule set, %s: the fewest valid steps, proven by trying every plan', (_, given, fewest, criteria) => {
    const answers = new Map(Object.entries(given));
    const plan = planNextPredicate(SMALL, answers);
    const next = nextBandAbove(SMALL.bands, plan.predicate)!;
    const reaching = everyPlan(answers).filter((p) => p.total.cmp(F(next.above!)) > 0);
    const validSteps = reaching.filter((p) => p.valid).map((p) => p.steps);
    expect(Math.min(...validSteps)).toBe(fewest);
    expect(plan.steps.length).toBe(fewest);
    expect(plan.steps.map((s) => s.criterionId).sort()).toEqual(criteria);
    expect(errorsOf(SMALL, applied(answers, plan))).toEqual([]);
    expect(plan.totalAfter.cmp(F(next.above!))).toBeGreaterThan(0);
  });
});

describe('gap', () => {
  it.each([
    ['68.40', 'B', 'BB', '1.60', 'A', '11.60', false],
    ['80.00', 'BB', 'A', '0.00', 'A', '0.00', false],
    ['85.10', 'A', 'AA', '4.90', 'A', '0.00', true],
    ['95', 'AA', null, null, 'A', '0.00', true],
  ])(
    '%s (%s): next %s by %s, target %s by %s, reached %s',
    (t, predicate, next, nextPts, target, targetPts, reached) => {
      const gap = gapOf(F(t), predicate, RS88.bands, { predicate: target, year: 2027 });
      expect(gap.next?.predicate ?? null).toBe(next);
      expect(gap.next?.points.toFixedHalfUp(2) ?? null).toBe(nextPts);
      expect([
        gap.target?.predicate,
        gap.target?.points.toFixedHalfUp(2),
        gap.target?.reached,
        gap.target?.byYear,
      ]).toEqual([target, targetPts, reached, 2027]);
    },
  );
  it('no target → null; unknown predicate → null distance', () => {
    expect(gapOf(F('50'), 'C', RS88.bands, null).target).toBeNull();
    expect(pointsTo(F('50'), RS88.bands, 'ZZ')).toBeNull();
  });
});
