import Decimal from 'decimal.js';
import { seededRandom } from '../../common/random/seeded-random';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Fraction } from './fraction';
import { InvalidAnswerError } from './lke.errors';
import { answerScaleFor, criteriaOf, RuleSet, subComponentsOf, validateRuleSet } from './rule-set';
import {
  EvaluationScore,
  scoreEvaluation,
  scoreStages,
  serializeScore,
  storedEvaluationScore,
  StoredStageResult,
} from './scoring';

const D40 = (v: Decimal.Value) => new (Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP }))(v);
const TEMPLATES = join(__dirname, '..', '..', '..', 'templates', 'lke');
const load = (file: string, patch: Record<string, unknown> = {}): RuleSet =>
  validateRuleSet({ ...(JSON.parse(readFileSync(join(TEMPLATES, file), 'utf8')) as object), ...patch }, file);

const RS88 = load('permenpanrb-88-2021.v1.json');
const RS15 = load('permenpanrb-12-2015.v1.json');
const IDS88 = criteriaOf(RS88).map((k) => k.id);

/** "1.a": "AA AA A A" → Map 1.a.1 → AA, 1.a.2 → AA, … */
function sheet(rows: Record<string, string>): Map<string, string> {
  const answers = new Map<string, string>();
  for (const [sub, line] of Object.entries(rows))
    line.split(' ').forEach((code, i) => answers.set(`${sub}.${i + 1}`, code));
  return answers;
}
const uniform = (code: string, ids: readonly string[] = IDS88): Map<string, string> =>
  new Map(ids.map((id) => [id, code]));

/** §6.5 worked example, mode CRITERION_MEAN. */
const WORKED_EXAMPLE = {
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
};

describe('scoreEvaluation — §6.5 worked example reproduced exactly', () => {
  const score = scoreEvaluation(RS88, sheet(WORKED_EXAMPLE));
  const json = serializeScore(score);

  it('answers all 80 criteria', () => {
    expect(score.status).toBe('COMPLETE');
    expect(score.missing).toEqual([]);
    expect(score.criteria).toHaveLength(80);
  });

  it.each([
    // sub, n, Σ values, v̄ exact, s (6 dp)
    ['1.a', 6, 530, '265/3', '5.300000'],
    ['1.b', 11, 860, '860/11', '7.036364'],
    ['1.c', 8, 570, '285/4', '10.687500'],
    ['2.a', 3, 250, '250/3', '5.000000'],
    ['2.b', 7, 510, '510/7', '6.557143'],
    ['2.c', 10, 660, '66', '9.900000'],
    ['3.a', 6, 520, '260/3', '2.600000'],
    ['3.b', 9, 640, '640/9', '3.200000'],
    ['3.c', 7, 450, '450/7', '4.821429'],
    ['4.a', 3, 260, '260/3', '4.333333'],
    ['4.b', 5, 350, '70', '5.250000'],
    ['4.c', 5, 300, '60', '7.500000'],
  ])('%s: n = %i, Σ = %i, v̄ = %s, s = %s', (id, n, sum, mean, s) => {
    const sub = score.subComponents.find((x) => x.id === id)!;
    const values = score.criteria.filter((c) => c.subComponentId === id).map((c) => c.value!.toNumber());
    expect([sub.answersExpected, sub.answersGiven]).toEqual([n, n]);
    expect(values.reduce((a, b) => a + b, 0)).toBe(sum);
    expect(sub.exactValue!.toString()).toBe(mean);
    expect(json.subComponents.find((x) => x.id === id)!.score).toBe(s);
  });

  it('gives the components 23.023864, 21.457143, 10.621429, 17.083333', () => {
    expect(json.components.map((c) => [c.id, c.score, c.scoreDisplay])).toEqual([
      ['1', '23.023864', '23.02'],
      ['2', '21.457143', '21.46'],
      ['3', '10.621429', '10.62'],
      ['4', '17.083333', '17.08'],
    ]);
  });

  it('gives total 1 333 993 / 18 480 = 72.18577… → 72.19, predicate BB', () => {
    expect(score.totalExact!.toString()).toBe('1333993/18480');
    expect(score.total!.toFixed(5)).toBe('72.18577');
    expect(score.total!.toString()).toBe(D40(1333993).div(18480).toString()); // 40 significant digits
    expect(json).toMatchObject({
      total: '72.185768',
      totalExact: '1333993/18480',
      totalDisplay: '72.19',
      predicate: 'BB',
    });
    expect(score.warnings).toEqual([]);
  });

  it('the same worksheet in SUBCOMPONENT_GRADE mode, every sub-component BB, is exactly 80.00 → BB, not A', () => {
    const grade = load('permenpanrb-88-2021.v1.json', { aggregationMode: 'SUBCOMPONENT_GRADE', consistencyRules: [] });
    const result = scoreEvaluation(
      grade,
      uniform(
        'BB',
        subComponentsOf(grade).map((s) => s.id),
      ),
    );
    expect([result.totalExact!.toString(), result.totalDisplay, result.predicate]).toEqual(['80', '80.00', 'BB']);
  });
});

describe('scoreEvaluation — §7.4 numeric traps', () => {
  it('trap 1: a sheet worth exactly 60.00 is CC (binary floats would say 60.00000000000001 → B)', () => {
    const grade = load('permenpanrb-88-2021.v1.json', { aggregationMode: 'SUBCOMPONENT_GRADE', consistencyRules: [] });
    const codes = 'A D A C A A A D D D D D'.split(' ');
    const subs = subComponentsOf(grade);
    const answers = new Map(subs.map((s, i) => [s.id, codes[i]]));
    // What the naive float code would have done (documents the trap; the engine never does this):
    const percent: Record<string, number> = { A: 90, C: 50, D: 30 };
    const naive = subs.reduce((t, s, i) => t + (Number(s.weight) * percent[codes[i]]) / 100, 0);
    expect(naive).not.toBe(60);
    const result = scoreEvaluation(grade, answers);
    expect(result.totalExact!.toString()).toBe('60');
    expect(result.predicate).toBe('CC');
  });

  it('trap 2: 80.0030303… is A on the exact total even though it displays as 80.00; the evaluator is warned', () => {
    const answers = uniform('BB');
    answers.set('1.b.1', 'B');
    answers.set('1.b.2', 'B');
    answers.set('4.a.1', 'A');
    const result = scoreEvaluation(RS88, answers);
    expect(result.totalExact!.toString()).toBe('26401/330');
    expect(result.total!.toFixed(7)).toBe('80.0030303');
    expect(result.totalDisplay).toBe('80.00');
    expect(result.predicate).toBe('A');
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: 'ROUNDING_CHANGES_PREDICATE', exactPredicate: 'A', roundedPredicate: 'BB' }),
    ]);
    expect(result.warnings[0].message).toContain('80,003030');
    expect(result.warnings[0].message).toContain('(80,00)');
  });

  it('trap 2 under predicateBasis ROUNDED_2DP decides on 80.00 → BB, with the same warning', () => {
    const rounded = load('permenpanrb-88-2021.v1.json', { predicateBasis: 'ROUNDED_2DP' });
    const answers = uniform('BB');
    answers.set('1.b.1', 'B');
    answers.set('1.b.2', 'B');
    answers.set('4.a.1', 'A');
    const result = scoreEvaluation(rounded, answers);
    expect([result.predicateBasis, result.totalDisplay, result.predicate]).toEqual(['ROUNDED_2DP', '80.00', 'BB']);
    expect(result.warnings.map((w) => [w.exactPredicate, w.roundedPredicate])).toEqual([['A', 'BB']]);
  });

  it('rounds half-up for display only: a total of exactly 4.525 shows 4.53 (half-even would give 4.52)', () => {
    const answers = uniform('E');
    // 4.c.1 B 70/5 × 12.5/100 = 1.75; 4.b.1 C 50/5 × 7.5/100 = 0.75; 3.b.1 D 30/9 × 4.5/100 = 0.15;
    // 2.c.1 C 50/10 × 15/100 = 0.75; 1.c.1 CC 60/8 × 15/100 = 1.125 → 4.525
    answers.set('4.c.1', 'B').set('4.b.1', 'C').set('3.b.1', 'D').set('2.c.1', 'C').set('1.c.1', 'CC');
    const result = scoreEvaluation(RS88, answers);
    expect(result.totalExact!.toString()).toBe('181/40');
    expect(result.total!.toFixed()).toBe('4.525');
    expect(result.totalDisplay).toBe('4.53');
    expect(result.predicate).toBe('D');
  });
});

describe('scoreEvaluation — incomplete and invalid answer sets', () => {
  it('is INCOMPLETE with no total and no predicate, listing the missing criteria in worksheet order', () => {
    const answers: Map<string, string | null> = uniform('BB');
    answers.delete('4.c.5');
    answers.delete('1.a.2');
    answers.set('2.b.3', null); // cleared answer = unanswered
    const result = scoreEvaluation(RS88, answers);
    expect(result.status).toBe('INCOMPLETE');
    expect(result.missing).toEqual(['1.a.2', '2.b.3', '4.c.5']);
    expect([result.total, result.totalExact, result.totalDisplay, result.predicate]).toEqual([null, null, null, null]);
    // Sub-components and components that are complete still show their score; the others do not.
    const sub = (id: string) => result.subComponents.find((s) => s.id === id)!;
    expect([sub('1.a').answersGiven, sub('1.a').score]).toEqual([5, null]);
    expect(sub('1.b').score!.toFixed()).toBe('7.2');
    expect(result.components.map((c) => c.score?.toFixed() ?? null)).toEqual([null, null, '12', null]);
    expect(result.criteria.find((c) => c.id === '1.a.2')).toEqual({
      id: '1.a.2',
      subComponentId: '1.a',
      answer: null,
      value: null,
    });
  });

  it('lists every criterion as missing for an empty answer set', () => {
    const result = scoreEvaluation(RS88, new Map());
    expect(result.missing).toEqual(IDS88);
    expect(result.predicate).toBeNull();
  });

  it('in SUBCOMPONENT_GRADE mode the missing ids are sub-component ids', () => {
    const grade = load('permenpanrb-88-2021.v1.json', { aggregationMode: 'SUBCOMPONENT_GRADE' });
    const result = scoreEvaluation(grade, new Map([['1.a', 'AA']]));
    expect(result.missing).toEqual(
      subComponentsOf(grade)
        .slice(1)
        .map((s) => s.id),
    );
    expect(result.violations).toEqual([]);
  });

  it('rejects unknown criteria and codes off the scale, all at once, with field errors (INVALID_ANSWER)', () => {
    const answers = new Map([
      ['1.a.1', 'AA'],
      ['1.a.9', 'AA'],
      ['1.b.1', 'X'],
      ['1.b.2', 'aa'],
    ]);
    let error: unknown;
    try {
      scoreEvaluation(RS88, answers);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidAnswerError);
    const e = error as InvalidAnswerError;
    expect([e.code, e.kind]).toEqual(['INVALID_ANSWER', 'invalid']);
    expect(e.errors).toEqual([
      { field: '1.a.9', messages: ['unknown criterion "1.a.9" in this rule set'] },
      { field: '1.b.1', messages: ['answer "X" is not on scale AA-E (AA, A, BB, B, CC, C, D, E)'] },
      { field: '1.b.2', messages: ['answer "aa" is not on scale AA-E (AA, A, BB, B, CC, C, D, E)'] },
    ]);
  });

  it('checks each 12/2015 criterion against its own scale (Y/T for pemenuhan, A–E otherwise)', () => {
    expect(() => scoreEvaluation(RS15, new Map([['1.a.1', 'A']]))).toThrow('answer "A" is not on scale Y-T (Y, T)');
    expect(() => scoreEvaluation(RS15, new Map([['1.b.1', 'Y']]))).toThrow('answer "Y" is not on scale A-E');
  });
});

describe('scoreEvaluation — 12/2015 legacy scale', () => {
  it('uses v̄ = mean of 1/0 and 1/0.75/0.5/0.25/0 × 100', () => {
    const answers = new Map<string, string>();
    for (const sub of subComponentsOf(RS15))
      for (const k of sub.criteria) answers.set(k.id, sub.answerScale === 'Y-T' ? 'Y' : 'B');
    answers.set('1.a.1', 'T'); // 1.a: 2 of 3 Y → 66.67 % of 2
    const result = scoreEvaluation(RS15, answers);
    // Y-T subs: 1.a 2×2/3, 1.d 4, 2.a 5, 3.a 3, 4.a 2; A-E subs at 75 %: (5+3+10+6+12.5+7.5+7.5+4.5+5+3+7.5+12.5) × 0.75
    const expected = Fraction.parse('4')
      .div(Fraction.of(3))
      .plus(Fraction.of(14))
      .plus(Fraction.parse('84').times(Fraction.parse('0.75')));
    expect(result.totalExact!.eq(expected)).toBe(true);
    expect(result.totalDisplay).toBe('78.33');
    expect(result.predicate).toBe('BB');
    expect(result.subComponents.find((s) => s.id === '1.a')!.exactValue!.toString()).toBe('200/3');
  });
});

describe('scoreEvaluation — consistency findings', () => {
  it("reports violations of the rule set's rules without blocking the score", () => {
    const answers = uniform('BB');
    answers.set('3.a.1', 'E'); // report not prepared, yet its quality and use are scored
    const result = scoreEvaluation(RS88, answers);
    expect(result.status).toBe('COMPLETE');
    expect(result.predicate).toBe('BB');
    const byRule = (id: string) => result.violations.filter((v) => v.ruleId === id).map((v) => v.criterionId);
    expect(byRule('KL-07')).toEqual(['3.a.2', '3.a.3', '3.a.4', '3.a.5', '3.a.6']);
    expect(byRule('KL-08')).toHaveLength(9);
    expect(result.violations.find((v) => v.criterionId === '3.a.2')).toMatchObject({
      severity: 'ERROR',
      referenceId: '3.a.1',
    });
    expect(result.violations[0].message).toMatch(/^Nilai 3\.a\.2 \(80\) melebihi nilai 3\.a\.1 \(0\)/);
  });
});

describe('scoreStages — self / evaluator / QA / final side by side', () => {
  it('scores each stage on its own; a stage without answers is INCOMPLETE', () => {
    const stages = scoreStages(RS88, { self: uniform('AA'), evaluator: sheet(WORKED_EXAMPLE), qa: uniform('BB') });
    expect(Object.keys(stages)).toEqual(['self', 'evaluator', 'qa', 'final']);
    expect([stages.self.totalDisplay, stages.self.predicate]).toEqual(['100.00', 'AA']);
    expect([stages.evaluator.totalDisplay, stages.evaluator.predicate]).toEqual(['72.19', 'BB']);
    expect([stages.qa.totalDisplay, stages.qa.predicate]).toEqual(['80.00', 'BB']);
    expect([stages.final.status, stages.final.missing.length, stages.final.predicate]).toEqual([
      'INCOMPLETE',
      80,
      null,
    ]);
  });

  it('names the stage in answer errors', () => {
    expect(() => scoreStages(RS88, { self: new Map([['1.a.1', 'Z']]), qa: new Map([['9.9.9', 'AA']]) })).toThrow(
      expect.objectContaining({
        errors: [
          { field: 'self.1.a.1', messages: [expect.stringContaining('answer "Z"')] },
          { field: 'qa.9.9.9', messages: ['unknown criterion "9.9.9" in this rule set'] },
        ],
      }),
    );
  });
});

describe('serializeScore', () => {
  it('writes every decimal as a string, never as a JS number', () => {
    const json = serializeScore(scoreEvaluation(RS88, sheet(WORKED_EXAMPLE)));
    const numbers: string[] = [];
    const walk = (v: unknown, path: string) => {
      if (typeof v === 'number' && !/(answersExpected|answersGiven|version)$/.test(path)) numbers.push(path);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
    };
    walk(JSON.parse(JSON.stringify(json)), '');
    expect(numbers).toEqual([]);
    expect(json.criteria[0]).toEqual({ id: '1.a.1', subComponentId: '1.a', answer: 'AA', value: '100' });
    expect(json.subComponents[0]).toMatchObject({
      weight: '6',
      value: '88.333333',
      valueExact: '265/3',
      scoreExact: '53/10',
    });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Property tests with a seeded generator: reproducible, no dependency.

/** A random complete answer set for a criterion-mode rule set. */
function randomAnswers(rs: RuleSet, next: () => number): Map<string, string> {
  const answers = new Map<string, string>();
  for (const sub of subComponentsOf(rs))
    for (const k of sub.criteria) {
      const options = answerScaleFor(rs, sub, k).options;
      answers.set(k.id, options[Math.floor(next() * options.length)].code);
    }
  return answers;
}

/**
 * Independent oracle, integers only: total = Σ_sub Σv × w / (100·n). Weights have at most one decimal, so with
 * w10 = 10·w and L = 1000 · lcm(n) the total is N / L for an integer N.
 */
function oracle(rs: RuleSet, answers: ReadonlyMap<string, string>): { num: bigint; den: bigint } {
  const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
  const subs = subComponentsOf(rs);
  const den = subs.reduce((l, s) => (l * BigInt(s.criteria.length)) / gcd(l, BigInt(s.criteria.length)), 1n) * 1000n;
  let num = 0n;
  for (const sub of subs) {
    const [int, frac = ''] = sub.weight.split('.');
    if (frac.length > 1) throw new Error(`oracle assumes weights with at most one decimal, got ${sub.weight}`);
    const w10 = BigInt(int + frac.padEnd(1, '0'));
    let sum = 0n;
    for (const k of sub.criteria) {
      const code = answers.get(k.id)!;
      sum += BigInt(answerScaleFor(rs, sub, k).options.find((o) => o.code === code)!.value);
    }
    num += sum * w10 * (den / (1000n * BigInt(sub.criteria.length)));
  }
  return { num, den };
}

function oraclePredicate(rs: RuleSet, { num, den }: { num: bigint; den: bigint }): string {
  for (const band of rs.bands) {
    if (band.above === null) return band.predicate;
    const [int, frac = ''] = band.above.split('.');
    const scale = 10n ** BigInt(frac.length);
    if (num * scale > BigInt(int + frac) * den) return band.predicate;
  }
  throw new Error('unreachable');
}

const componentSum = (score: EvaluationScore): Fraction => Fraction.sum(score.components.map((c) => c.exactScore!));

describe.each([
  ['permenpanrb-88-2021', RS88, 20250101],
  ['permenpanrb-12-2015', RS15, 20150101],
])('properties of random complete answer sets, %s', (_code, rs, seed) => {
  const next = seededRandom(seed);
  const samples = Array.from({ length: 300 }, () => randomAnswers(rs, next));

  it('total = Σ components = Σ sub-components, within [0, 100], equal to the integer oracle, predicate from the bands', () => {
    for (const answers of samples) {
      const score = scoreEvaluation(rs, answers);
      expect(score.status).toBe('COMPLETE');
      const total = score.totalExact!;
      expect(total.eq(componentSum(score))).toBe(true);
      expect(total.eq(Fraction.sum(score.subComponents.map((s) => s.exactScore!)))).toBe(true);
      for (const c of score.components)
        expect(
          c.exactScore!.eq(
            Fraction.sum(score.subComponents.filter((s) => s.componentId === c.id).map((s) => s.exactScore!)),
          ),
        ).toBe(true);
      expect(total.cmp(Fraction.ZERO)).toBeGreaterThanOrEqual(0);
      expect(total.cmp(Fraction.of(100))).toBeLessThanOrEqual(0);
      const o = oracle(rs, answers);
      expect(total.eq(Fraction.of(o.num, o.den))).toBe(true);
      expect(score.predicate).toBe(oraclePredicate(rs, o));
      // The Decimal total is the fraction to 40 significant digits; the display value is its half-up rounding.
      expect(score.total!.eq(D40(o.num.toString()).div(o.den.toString()))).toBe(true);
      expect(score.totalDisplay).toBe(total.toFixedHalfUp(2));
    }
  });

  it('raising any one answer never lowers the total', () => {
    const subs = subComponentsOf(rs);
    for (const answers of samples.slice(0, 60)) {
      const base = scoreEvaluation(rs, answers).totalExact!;
      const sub = subs[Math.floor(next() * subs.length)];
      const k = sub.criteria[Math.floor(next() * sub.criteria.length)];
      const best = answerScaleFor(rs, sub, k).options.reduce((a, b) => (b.value > a.value ? b : a));
      const raised = scoreEvaluation(rs, new Map(answers).set(k.id, best.code)).totalExact!;
      expect(raised.cmp(base)).toBeGreaterThanOrEqual(0);
    }
  });

  it('dropping random answers gives INCOMPLETE with exactly those ids missing', () => {
    for (const answers of samples.slice(0, 60)) {
      const dropped = [...answers.keys()].filter(() => next() < 0.05);
      if (dropped.length === 0) dropped.push([...answers.keys()][0]);
      const partial = new Map(answers);
      for (const id of dropped) partial.delete(id);
      const score = scoreEvaluation(rs, partial);
      expect([score.status, score.predicate, score.total]).toEqual(['INCOMPLETE', null, null]);
      expect(score.missing).toEqual(
        criteriaOf(rs)
          .map((k) => k.id)
          .filter((id) => dropped.includes(id)),
      );
    }
  });

  it('all best answers give exactly 100 and AA; all worst give 0 and D', () => {
    const pick = (best: boolean) =>
      new Map(
        subComponentsOf(rs).flatMap((sub) =>
          sub.criteria.map((k) => {
            const options = [...answerScaleFor(rs, sub, k).options].sort((a, b) => a.value - b.value);
            return [k.id, (best ? options[options.length - 1] : options[0]).code] as const;
          }),
        ),
      );
    expect(scoreEvaluation(rs, pick(true))).toMatchObject({ totalDisplay: '100.00', predicate: 'AA' });
    expect(scoreEvaluation(rs, pick(true)).totalExact!.toString()).toBe('100');
    expect(scoreEvaluation(rs, pick(false))).toMatchObject({ totalDisplay: '0.00', predicate: 'D' });
  });
});

describe("storedEvaluationScore — a breakdown from stored results equals the engine's", () => {
  /** What evaluation_stage_scores keeps of a score: the fractions, counts, status and predicate. */
  const stored = (score: EvaluationScore): StoredStageResult => ({
    status: score.status,
    total: score.totalExact,
    predicate: score.predicate,
    components: new Map(score.components.map((c) => [c.id, c.exactScore])),
    subComponents: new Map(
      score.subComponents.map((s) => [
        s.id,
        { answersGiven: s.answersGiven, answersExpected: s.answersExpected, value: s.exactValue, score: s.exactScore },
      ]),
    ),
  });
  const trap2 = uniform('BB');
  trap2.set('1.b.1', 'B');
  trap2.set('1.b.2', 'B');
  trap2.set('4.a.1', 'A');
  const partial = sheet(WORKED_EXAMPLE);
  for (const id of ['1.a.2', '2.b.3', '4.c.5']) partial.delete(id);
  const violating = uniform('A');
  violating.set('3.a.1', 'C');

  it.each([
    ['the §6.5 worked example', RS88, sheet(WORKED_EXAMPLE)],
    ['trap 2 (rounding warning)', RS88, trap2],
    ['trap 2 under ROUNDED_2DP', load('permenpanrb-88-2021.v1.json', { predicateBasis: 'ROUNDED_2DP' }), trap2],
    ['an incomplete sheet', RS88, partial],
    ['a sheet with consistency findings', RS88, violating],
    ['no answers', RS88, new Map<string, string>()],
    [
      '12/2015 (each criterion on its own scale)',
      RS15,
      new Map(
        subComponentsOf(RS15).flatMap((sub) =>
          sub.criteria.map((k, i) => {
            const options = answerScaleFor(RS15, sub, k).options;
            return [k.id, options[i % options.length].code] as [string, string];
          }),
        ),
      ),
    ],
  ])('%s', (_name, ruleSet, answers) => {
    const engine = scoreEvaluation(ruleSet, answers);
    const fromRows = storedEvaluationScore(ruleSet, answers, stored(engine));
    expect(serializeScore(fromRows)).toEqual(serializeScore(engine));
    expect(fromRows.total?.toFixed() ?? null).toBe(engine.total?.toFixed() ?? null);
  });
});
