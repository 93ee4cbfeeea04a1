import Decimal from 'decimal.js';
import { Exact, toFixedHalfUp } from '../../common/decimal/exact';
import { LowerIsBetterFormula, Polarity } from '../../planning/domain/indicator-settings';
import { CapaianInput, CapaianResult, CapaianTarget, capaianValue, computeCapaian } from './capaian';

const d = (v: string | number): Decimal => new Exact(v);
const range = (lower: string | null, upper: string | null) => ({
  lower: lower === null ? null : d(lower),
  upper: upper === null ? null : d(upper),
});

/** Expected outcome: an exact value, a 2-dp display value (repeating decimals), or a not-computable reason. */
type Expected = { exact: string } | { display: string } | { reason: string };

function expectResult(result: CapaianResult, expected: Expected): void {
  if ('reason' in expected) {
    expect(result).toEqual({ computable: false, reason: expected.reason });
    return;
  }
  if (!result.computable) throw new Error(`expected a value, got not computable (${result.reason})`);
  expect(result.value.isFinite()).toBe(true);
  if ('exact' in expected) expect(result.value.toFixed()).toBe(d(expected.exact).toFixed());
  else expect(toFixedHalfUp(result.value, 2)).toBe(expected.display);
}

type Row = [
  label: string,
  polarity: Polarity,
  target: CapaianTarget | null,
  realisation: Decimal | boolean | null,
  formula: LowerIsBetterFormula | undefined,
  expected: Expected,
];

const A: LowerIsBetterFormula = 'INVERSE_DIFF';
const B: LowerIsBetterFormula = 'INVERSE_RATIO';

describe('computeCapaian (domain reference §5.1, §5.3)', () => {
  const rows: Row[] = [
    // Higher is better: C = R / T × 100
    ['higher: R below T (§5.5 #1)', 'HIGHER_IS_BETTER', d(80), d(76), undefined, { exact: '95' }],
    ['higher: R = T', 'HIGHER_IS_BETTER', d(100), d(100), undefined, { exact: '100' }],
    ['higher: exceeded, stored uncapped (§5.5 #2)', 'HIGHER_IS_BETTER', d(100), d(130), undefined, { exact: '130' }],
    ['higher: repeating decimal', 'HIGHER_IS_BETTER', d(3), d(2), undefined, { display: '66.67' }],
    ['higher: R = 0 is a real 0 %', 'HIGHER_IS_BETTER', d(50), d(0), undefined, { exact: '0' }],
    [
      'higher: decimals exact (0.1 + 0.2 style)',
      'HIGHER_IS_BETTER',
      d('0.3'),
      d('0.1'),
      undefined,
      { display: '33.33' },
    ],
    ['higher: T = 0 → ZERO_TARGET (§5.5 #6)', 'HIGHER_IS_BETTER', d(0), d(3), undefined, { reason: 'ZERO_TARGET' }],
    ['higher: T = 0 and R = 0 → ZERO_TARGET', 'HIGHER_IS_BETTER', d(0), d(0), undefined, { reason: 'ZERO_TARGET' }],
    ['higher: R missing', 'HIGHER_IS_BETTER', d(80), null, undefined, { reason: 'MISSING_REALISATION' }],
    ['higher: T missing', 'HIGHER_IS_BETTER', null, d(80), undefined, { reason: 'MISSING_TARGET' }],
    ['higher: T missing wins over R missing', 'HIGHER_IS_BETTER', null, null, undefined, { reason: 'MISSING_TARGET' }],
    ['higher: negative R', 'HIGHER_IS_BETTER', d(5), d('-2.07'), undefined, { reason: 'NEGATIVE_VALUE' }],
    ['higher: negative T', 'HIGHER_IS_BETTER', d(-5), d(3), undefined, { reason: 'NEGATIVE_VALUE' }],
    ['higher: -0 target is a zero target', 'HIGHER_IS_BETTER', d('-0'), d(3), undefined, { reason: 'ZERO_TARGET' }],
    ['higher: NaN target', 'HIGHER_IS_BETTER', d(NaN), d(3), undefined, { reason: 'INVALID_TARGET' }],
    [
      'higher: Infinity realisation',
      'HIGHER_IS_BETTER',
      d(5),
      d(Infinity),
      undefined,
      { reason: 'INVALID_REALISATION' },
    ],
    ['higher: boolean realisation', 'HIGHER_IS_BETTER', d(5), true, undefined, { reason: 'INVALID_REALISATION' }],
    [
      'higher: range given as target',
      'HIGHER_IS_BETTER',
      range('1', '2'),
      d(3),
      undefined,
      { reason: 'INVALID_TARGET' },
    ],

    // Lower is better, variant A (default): (2T − R) / T × 100, floored at 0
    ['lower A: better than target (§5.5 #3)', 'LOWER_IS_BETTER', d(10), d(9), A, { exact: '110' }],
    ['lower A is the default formula', 'LOWER_IS_BETTER', d(10), d(9), undefined, { exact: '110' }],
    ['lower A: worse than target (§5.5 #4)', 'LOWER_IS_BETTER', d(10), d(12), A, { exact: '80' }],
    ['lower A: R = 2T → 0', 'LOWER_IS_BETTER', d(5), d(10), A, { exact: '0' }],
    ['lower A: R > 2T floors at 0, not negative (§5.5 #5)', 'LOWER_IS_BETTER', d(5), d(12), A, { exact: '0' }],
    ['lower A: R = 0 → 200', 'LOWER_IS_BETTER', d(10), d(0), A, { exact: '200' }],
    ['lower A: T = 0, R = 0 → ZERO_TARGET by default', 'LOWER_IS_BETTER', d(0), d(0), A, { reason: 'ZERO_TARGET' }],
    ['lower A: T = 0, R > 0 → ZERO_TARGET by default', 'LOWER_IS_BETTER', d(0), d(2), A, { reason: 'ZERO_TARGET' }],
    ['lower A: R missing', 'LOWER_IS_BETTER', d(10), null, A, { reason: 'MISSING_REALISATION' }],
    ['lower A: negative R', 'LOWER_IS_BETTER', d(10), d(-1), A, { reason: 'NEGATIVE_VALUE' }],

    // Lower is better, variant B: T / R × 100
    ['lower B: better than target (§5.5 #3)', 'LOWER_IS_BETTER', d(10), d(9), B, { display: '111.11' }],
    ['lower B: worse than target (§5.5 #4)', 'LOWER_IS_BETTER', d(10), d(12), B, { display: '83.33' }],
    ['lower B: far worse (§5.5 #5)', 'LOWER_IS_BETTER', d(5), d(12), B, { display: '41.67' }],
    ['lower B: R = 0 with T > 0 → 100 by decision (§5.3)', 'LOWER_IS_BETTER', d(10), d(0), B, { exact: '100' }],
    ['lower B: T = 0, R = 0 → ZERO_TARGET by default', 'LOWER_IS_BETTER', d(0), d(0), B, { reason: 'ZERO_TARGET' }],
    ['lower B: T = 0, R > 0 → ZERO_TARGET by default', 'LOWER_IS_BETTER', d(0), d(2), B, { reason: 'ZERO_TARGET' }],
    ['lower B: T missing', 'LOWER_IS_BETTER', null, d(2), B, { reason: 'MISSING_TARGET' }],
    [
      'lower: unknown formula',
      'LOWER_IS_BETTER',
      d(10),
      d(9),
      'X' as LowerIsBetterFormula,
      { reason: 'INVALID_TARGET' },
    ],

    // Range [L, U]: inside → 100; above → (2U − R)/U × 100 floored at 0; below → R/L × 100
    ['range: inside (§5.5 #8)', 'RANGE', range('2', '4'), d('3.1'), undefined, { exact: '100' }],
    ['range: on the lower bound', 'RANGE', range('2', '4'), d(2), undefined, { exact: '100' }],
    ['range: on the upper bound', 'RANGE', range('2', '4'), d(4), undefined, { exact: '100' }],
    ['range: above (§5.5 #8)', 'RANGE', range('2', '4'), d('4.5'), undefined, { exact: '87.5' }],
    ['range: below (§5.5 #8)', 'RANGE', range('2', '4'), d('1.5'), undefined, { exact: '75' }],
    ['range: far above floors at 0', 'RANGE', range('2', '4'), d(9), undefined, { exact: '0' }],
    ['range: point target L = U', 'RANGE', range('3', '3'), d(3), undefined, { exact: '100' }],
    ['range: [0, 0] and R > 0 → 0', 'RANGE', range('0', '0'), d(1), undefined, { exact: '0' }],
    ['range: [0, 4] and R = 0 → 100', 'RANGE', range('0', '4'), d(0), undefined, { exact: '100' }],
    ['range: inverted bounds', 'RANGE', range('4', '2'), d(3), undefined, { reason: 'INVALID_TARGET' }],
    ['range: missing upper bound', 'RANGE', range('2', null), d(3), undefined, { reason: 'MISSING_TARGET' }],
    ['range: negative lower bound', 'RANGE', range('-1', '2'), d(1), undefined, { reason: 'NEGATIVE_VALUE' }],
    ['range: a plain number as target', 'RANGE', d(3), d(3), undefined, { reason: 'INVALID_TARGET' }],
    ['range: no target', 'RANGE', null, d(3), undefined, { reason: 'MISSING_TARGET' }],
    ['range: R missing', 'RANGE', range('2', '4'), null, undefined, { reason: 'MISSING_REALISATION' }],

    // Binary / qualitative (ada/tidak): achieved → 100, else 0
    ['binary: "Tersedia" achieved (§5.5 #10)', 'BINARY', 'Tersedia', true, undefined, { exact: '100' }],
    ['binary: "Tersedia" not achieved (§5.5 #10)', 'BINARY', 'Tersedia', false, undefined, { exact: '0' }],
    ['binary: target true, realisation 1', 'BINARY', true, d(1), undefined, { exact: '100' }],
    ['binary: realisation 0', 'BINARY', true, d(0), undefined, { exact: '0' }],
    ['binary: realisation 2 is not yes/no', 'BINARY', true, d(2), undefined, { reason: 'INVALID_REALISATION' }],
    ['binary: blank target code', 'BINARY', '  ', true, undefined, { reason: 'INVALID_TARGET' }],
    ['binary: no target', 'BINARY', null, true, undefined, { reason: 'MISSING_TARGET' }],
    ['binary: not reported', 'BINARY', 'Tersedia', null, undefined, { reason: 'MISSING_REALISATION' }],
    ['binary: target "tidak" (0) realised', 'BINARY', false, d(1), undefined, { reason: 'NOT_APPLICABLE' }],
    ['binary: target "tidak" (0), realisation 0', 'BINARY', false, d(0), undefined, { reason: 'NOT_APPLICABLE' }],
  ];

  it('has at least 30 cases covering every polarity', () => {
    expect(rows.length).toBeGreaterThanOrEqual(30);
    expect(new Set(rows.map((r) => r[1]))).toEqual(new Set(['HIGHER_IS_BETTER', 'LOWER_IS_BETTER', 'RANGE', 'BINARY']));
  });

  it.each(rows)('%s', (_label, polarity, target, realisation, lowerIsBetterFormula, expected) => {
    expectResult(computeCapaian({ polarity, target, realisation, lowerIsBetterFormula }), expected);
  });

  // Negative realisations of an indicator that allows them (hand-computed; capaian floored at 0, §5.3).
  it.each<[string, Polarity, CapaianTarget, string, LowerIsBetterFormula | undefined, Expected]>([
    ['higher: growth −2 % against 5 % → −40, floored', 'HIGHER_IS_BETTER', d(5), '-2', undefined, { exact: '0' }],
    ['lower A: −2 against 10 → (20 + 2)/10 = 220', 'LOWER_IS_BETTER', d(10), '-2', A, { exact: '220' }],
    ['lower B: −2 against 10 → 100 (as R = 0)', 'LOWER_IS_BETTER', d(10), '-2', B, { exact: '100' }],
    ['range [2, 4]: −1 below the band → floored 0', 'RANGE', range('2', '4'), '-1', undefined, { exact: '0' }],
    ['range [0, 4]: −1 below L = 0 → 0', 'RANGE', range('0', '4'), '-1', undefined, { exact: '0' }],
  ])('allowsNegative — %s', (_label, polarity, target, r, lowerIsBetterFormula, expected) => {
    expectResult(
      computeCapaian({ polarity, target, realisation: d(r), lowerIsBetterFormula, allowsNegative: true }),
      expected,
    );
    expectResult(computeCapaian({ polarity, target, realisation: d(r), lowerIsBetterFormula }), {
      reason: 'NEGATIVE_VALUE',
    });
  });

  it.each<[string, LowerIsBetterFormula, string, Expected]>([
    ['A, R = 0 → 100', A, '0', { exact: '100' }],
    ['A, R = 2 → 0', A, '2', { exact: '0' }],
    ['B, R = 0 → 100', B, '0', { exact: '100' }],
    ['B, R = 2 → 0', B, '2', { exact: '0' }],
  ])('lower-is-better T = 0 under the ZERO_CASES convention (§5.3): %s', (_label, formula, r, expected) => {
    expectResult(
      computeCapaian({
        polarity: 'LOWER_IS_BETTER',
        target: d(0),
        realisation: d(r),
        lowerIsBetterFormula: formula,
        zeroTargetConvention: 'ZERO_CASES',
      }),
      expected,
    );
  });

  it('an unknown polarity from untyped data is not computable, not a crash', () => {
    expectResult(computeCapaian({ polarity: 'ORDINAL' as Polarity, target: d(1), realisation: d(1) }), {
      reason: 'INVALID_TARGET',
    });
  });

  it('missing realisation (null) is distinct from a reported 0 (§5.5 #14)', () => {
    const missing = computeCapaian({ polarity: 'HIGHER_IS_BETTER', target: d(10), realisation: null });
    const zero = computeCapaian({ polarity: 'HIGHER_IS_BETTER', target: d(10), realisation: d(0) });
    expect(capaianValue(missing)).toBeNull();
    expect(capaianValue(zero)?.toFixed()).toBe('0');
  });

  it('keeps full precision (no float): 850 / 900 is 94.444…, not rounded before display', () => {
    const result = computeCapaian({ polarity: 'HIGHER_IS_BETTER', target: d(900), realisation: d(850) });
    expect(capaianValue(result)?.toFixed(10)).toBe('94.4444444444');
  });

  it('a value that is exactly a band edge stays exactly on it', () => {
    const result = computeCapaian({ polarity: 'HIGHER_IS_BETTER', target: d(300), realisation: d(273) });
    expect(capaianValue(result)?.eq(91)).toBe(true);
  });

  describe('never NaN, Infinity or a throw, whatever the data', () => {
    const amounts = [null, d(0), d('-0'), d(1), d('2.5'), d(12), d(-3), d(NaN), d(Infinity), d(-Infinity)];
    const targets: (CapaianTarget | null)[] = [
      ...amounts,
      range('2', '4'),
      range(null, '4'),
      range('4', '2'),
      range('0', '0'),
      { lower: d(NaN), upper: d(1) },
      true,
      'Tersedia',
      '',
    ];
    const realisations: (Decimal | boolean | null)[] = [...amounts, true, false];
    const inputs: CapaianInput[] = [];
    for (const polarity of ['HIGHER_IS_BETTER', 'LOWER_IS_BETTER', 'RANGE', 'BINARY'] as Polarity[])
      for (const lowerIsBetterFormula of [A, B])
        for (const target of targets)
          for (const realisation of realisations) inputs.push({ polarity, lowerIsBetterFormula, target, realisation });

    it(`holds for ${inputs.length} combinations`, () => {
      for (const input of inputs) {
        const result = computeCapaian(input);
        if (result.computable) {
          expect(result.value.isFinite()).toBe(true);
          expect(result.value.isNegative() && !result.value.isZero()).toBe(false);
        } else {
          expect(typeof result.reason).toBe('string');
        }
      }
    });
  });
});
