import Decimal from 'decimal.js';
import { Exact, toFixedHalfUp } from '../../common/decimal/exact';
import { CapaianResult, computable, computeCapaian, notComputable } from './capaian';
import { InvalidCapError, InvalidCrosscuttingError, InvalidWeightError } from './performance.errors';
import {
  AdditiveContribution,
  CapaianSummary,
  crosscuttingCapaian,
  meanCapaian,
  rollupByKey,
  rollupTwoLevel,
  weightedMeanCapaian,
} from './rollup';

const d = (v: string | number): Decimal => new Exact(v);
const c = (v: string): CapaianResult => computable(d(v));
const na = notComputable('ZERO_TARGET');
const mean = (s: { mean: Decimal | null }): string | null => (s.mean === null ? null : toFixedHalfUp(s.mean, 2));
const summary = (s: CapaianSummary) => [mean(s), s.computedCount, s.notComputableCount];

describe('roll-ups of many indicators (domain reference §5.4)', () => {
  describe('meanCapaian', () => {
    it.each<[string, CapaianResult[], string | undefined, [string | null, number, number]]>([
      ['plain mean, not computable excluded and counted', [c('95'), c('110'), na, c('80')], undefined, ['95.00', 3, 1]],
      ['cap 100 before averaging', [c('95'), c('110'), na, c('80')], '100', ['91.67', 3, 1]],
      ['cap 120 leaves 110 alone', [c('95'), c('110'), na, c('80')], '120', ['95.00', 3, 1]],
      ['cap 120 cuts 130 (§5.5 #2)', [c('130'), c('80')], '120', ['100.00', 2, 0]],
      ['a real 0 % counts (it is not "not computable")', [c('0'), c('100')], undefined, ['50.00', 2, 0]],
      ['all not computable → no mean', [na, notComputable('MISSING_REALISATION')], undefined, [null, 0, 2]],
      ['nothing at all → no mean', [], undefined, [null, 0, 0]],
    ])('%s', (_label, items, cap, expected) => {
      expect(summary(meanCapaian(items, { cap: cap === undefined ? undefined : d(cap) }))).toEqual(expected);
    });

    it('is exact: (95 + 100 + 80) / 3 keeps its repeating digits', () => {
      const result = meanCapaian([c('95'), c('110'), c('80')], { cap: d(100) });
      expect(result.mean?.toFixed(12)).toBe('91.666666666667');
    });

    it('rejects an invalid cap', () => {
      expect(() => meanCapaian([c('1')], { cap: d(0) })).toThrow(InvalidCapError);
    });
  });

  describe('weightedMeanCapaian', () => {
    it('Σ wᵢ·cᵢ / Σ wᵢ over computable items', () => {
      const result = weightedMeanCapaian([
        { result: c('90'), weight: d(2) },
        { result: c('60'), weight: d(1) },
        { result: na, weight: d(5) },
      ]);
      expect(summary(result)).toEqual(['80.00', 2, 1]);
    });
    it('weights default to 1', () =>
      expect(summary(weightedMeanCapaian([{ result: c('90') }, { result: c('60') }]))).toEqual(['75.00', 2, 0]));
    it('computable items weighing 0 in total give no mean', () =>
      expect(summary(weightedMeanCapaian([{ result: c('90'), weight: d(0) }]))).toEqual([null, 1, 0]));
    it.each([d(-1), d(NaN), d(Infinity)])('rejects the weight %s', (weight) =>
      expect(() => weightedMeanCapaian([{ result: c('90'), weight }])).toThrow(InvalidWeightError),
    );
  });

  it('rollupByKey: one mean per sasaran, in order of first appearance', () => {
    const groups = rollupByKey([
      { key: 'sasaran-2', result: c('80') },
      { key: 'sasaran-1', result: c('100') },
      { key: 'sasaran-2', result: na },
      { key: 'sasaran-1', result: c('90') },
      { key: 'sasaran-3', result: na },
    ]);
    expect(groups.map((g) => [g.key, ...summary(g)])).toEqual([
      ['sasaran-2', '80.00', 1, 1],
      ['sasaran-1', '95.00', 2, 0],
      ['sasaran-3', null, 0, 1],
    ]);
  });

  it('rollupTwoLevel: per SKPD = mean of its sasaran means, with indicator counts beside it', () => {
    const groups = rollupTwoLevel(
      [
        { groupKey: 'dinkes', subgroupKey: 's1', result: c('100') },
        { groupKey: 'dinkes', subgroupKey: 's1', result: c('80') },
        { groupKey: 'dinkes', subgroupKey: 's1', result: c('120') },
        { groupKey: 'dinkes', subgroupKey: 's2', result: c('70') },
        { groupKey: 'dinkes', subgroupKey: 's2', result: na },
        { groupKey: 'dinkes', subgroupKey: 's3', result: na },
        { groupKey: 'dispar', subgroupKey: 's9', result: na },
      ],
      { cap: d(110) },
    );
    const [dinkes, dispar] = groups;
    // s1 = (100 + 80 + 110) / 3 = 96.67 (cap 110), s2 = 70, s3 = n/a → (96.666… + 70) / 2 = 83.33
    expect(dinkes.subgroups.map((s) => [s.key, ...summary(s)])).toEqual([
      ['s1', '96.67', 3, 0],
      ['s2', '70.00', 1, 1],
      ['s3', null, 0, 1],
    ]);
    expect([dinkes.key, ...summary(dinkes), dinkes.computedIndicatorCount, dinkes.notComputableIndicatorCount]).toEqual(
      ['dinkes', '83.33', 2, 1, 4, 2],
    );
    expect([dispar.key, ...summary(dispar), dispar.computedIndicatorCount, dispar.notComputableIndicatorCount]).toEqual(
      ['dispar', null, 0, 1, 0, 1],
    );
  });

  it('Pemda IKU: mean of the IKU capaian computed from raw data, n/a counted beside it', () => {
    const iku = [
      computeCapaian({ polarity: 'HIGHER_IS_BETTER', target: d(80), realisation: d(76) }), // 95
      computeCapaian({ polarity: 'LOWER_IS_BETTER', target: d(10), realisation: d(9) }), // 110
      computeCapaian({ polarity: 'HIGHER_IS_BETTER', target: d(0), realisation: d(3) }), // ZERO_TARGET
      computeCapaian({ polarity: 'RANGE', target: { lower: d(2), upper: d(4) }, realisation: d('1.5') }), // 75
      computeCapaian({ polarity: 'HIGHER_IS_BETTER', target: d(100), realisation: null }), // MISSING_REALISATION
    ];
    expect(summary(meanCapaian(iku))).toEqual(['93.33', 3, 2]);
    expect(summary(meanCapaian(iku, { cap: d(100) }))).toEqual(['90.00', 3, 2]);
  });

  describe('crosscutting targets rolled up from each SKPD (issue 5 item 5)', () => {
    it('SHARE_WEIGHTED: Σ shareᵢ·cᵢ / Σ shareᵢ', () => {
      const result = crosscuttingCapaian({
        method: 'SHARE_WEIGHTED',
        contributions: [
          { skpdId: 'dinkes', share: d(60), result: c('100') },
          { skpdId: 'dinsos', share: d(40), result: c('80') },
        ],
      });
      expect([mean({ mean: result.result.computable ? result.result.value : null }), result.computedCount]).toEqual([
        '92.00',
        2,
      ]);
    });

    it('SHARE_WEIGHTED with a cap and fractional shares', () => {
      const result = crosscuttingCapaian({
        method: 'SHARE_WEIGHTED',
        cap: d(100),
        contributions: [
          { skpdId: 'a', share: d('0.6'), result: c('130') },
          { skpdId: 'b', share: d('0.4'), result: c('80') },
        ],
      });
      expect(result.result.computable && result.result.value.toFixed()).toBe('92');
    });

    it('SHARE_WEIGHTED: one missing contribution makes the shared target not computable, counted', () => {
      const result = crosscuttingCapaian({
        method: 'SHARE_WEIGHTED',
        contributions: [
          { skpdId: 'a', share: d(1), result: c('100') },
          { skpdId: 'b', share: d(1), result: notComputable('MISSING_REALISATION') },
        ],
      });
      expect(result).toMatchObject({
        result: { computable: false, reason: 'MISSING_REALISATION' },
        computedCount: 1,
        notComputableCount: 1,
      });
    });

    const additive = (contributions: AdditiveContribution[], polarity: 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER') =>
      crosscuttingCapaian({ method: 'ADDITIVE', polarity, contributions });
    const part = (skpdId: string, target: string | null, realisation: string | null): AdditiveContribution => ({
      skpdId,
      target: target === null ? null : d(target),
      realisation: realisation === null ? null : d(realisation),
    });

    it.each<[string, AdditiveContribution[], 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER', string, [number, number]]>([
      ['higher: ΣR / ΣT', [part('a', '100', '90'), part('b', '200', '230')], 'HIGHER_IS_BETTER', '106.67', [2, 0]],
      [
        'a sub-target of 0 is fine',
        [part('a', '0', '10'), part('b', '300', '290')],
        'HIGHER_IS_BETTER',
        '100.00',
        [2, 0],
      ],
      ['all sub-targets 0', [part('a', '0', '10'), part('b', '0', '0')], 'HIGHER_IS_BETTER', 'ZERO_TARGET', [2, 0]],
      [
        'lower (variant A) on the sums',
        [part('a', '10', '9'), part('b', '10', '12')],
        'LOWER_IS_BETTER',
        '95.00',
        [2, 0],
      ],
      [
        'a missing realisation',
        [part('a', '100', '90'), part('b', '200', null)],
        'HIGHER_IS_BETTER',
        'MISSING_REALISATION',
        [1, 1],
      ],
      [
        'a missing sub-target',
        [part('a', null, '90'), part('b', '200', '10')],
        'HIGHER_IS_BETTER',
        'MISSING_TARGET',
        [1, 1],
      ],
      [
        'a negative realisation',
        [part('a', '100', '-1'), part('b', '200', '10')],
        'HIGHER_IS_BETTER',
        'NEGATIVE_VALUE',
        [1, 1],
      ],
    ])('ADDITIVE %s', (_label, contributions, polarity, expected, counts) => {
      const result = additive(contributions, polarity);
      const shown = result.result.computable ? toFixedHalfUp(result.result.value, 2) : result.result.reason;
      expect(shown).toBe(expected);
      expect([result.computedCount, result.notComputableCount]).toEqual(counts);
      expect(result.totals === null).toBe(!result.result.computable);
    });

    it('ADDITIVE reports the sums compared', () => {
      const result = additive([part('a', '100', '90'), part('b', '200', '230')], 'HIGHER_IS_BETTER');
      expect(result.totals && [result.totals.target.toFixed(), result.totals.realisation.toFixed()]).toEqual([
        '300',
        '320',
      ]);
    });

    it.each([
      [
        'no contributions',
        () => crosscuttingCapaian({ method: 'SHARE_WEIGHTED', contributions: [] }),
        InvalidCrosscuttingError,
      ],
      [
        'all shares 0',
        () =>
          crosscuttingCapaian({
            method: 'SHARE_WEIGHTED',
            contributions: [{ skpdId: 'a', share: d(0), result: c('90') }],
          }),
        InvalidCrosscuttingError,
      ],
      [
        'a negative share',
        () =>
          crosscuttingCapaian({
            method: 'SHARE_WEIGHTED',
            contributions: [{ skpdId: 'a', share: d(-1), result: c('90') }],
          }),
        InvalidWeightError,
      ],
    ] as const)('throws for %s', (_label, run, error) => expect(run).toThrow(error));
  });
});
