import Decimal from 'decimal.js';
import { Exact, toFixedHalfUp } from '../../common/decimal/exact';
import { Quarterly } from '../../planning/domain/indicator-settings';
import { AggregatedCapaian, capaianForYear, capaianToQuarter } from './aggregation';
import { capResult } from './cap';
import { CapaianResult, computeCapaian } from './capaian';
import { capaianCategory } from './category';
import { computeOrdinalCapaian } from './ordinal';

/**
 * Every worked example of the domain reference §5.5, with the reference's expected value (displayed half-up to
 * 2 decimals; the computation itself is exact).
 */
const d = (v: string | number): Decimal => new Exact(v);
const q = (a: string | null, b: string | null, c: string | null, e: string | null): Quarterly<Decimal | null> =>
  [a, b, c, e].map((v) => (v === null ? null : d(v))) as unknown as Quarterly<Decimal | null>;

const shown = (result: CapaianResult | AggregatedCapaian): string => {
  if (!result.computable) return `n/a (${result.reason})`;
  return toFixedHalfUp(result.value, 2);
};

describe('domain reference §5.5 worked examples', () => {
  it('#1 higher-better: T = 80 %, R = 76 % → 95.00, Sangat Tinggi', () => {
    const result = computeCapaian({ polarity: 'HIGHER_IS_BETTER', target: d(80), realisation: d(76) });
    expect(shown(result)).toBe('95.00');
    expect(result.computable && capaianCategory(result.value).label).toBe('Sangat Tinggi');
  });

  it('#2 higher-better exceeded: T = 100, R = 130 → 130.00 uncapped; cap 120 → 120.00; cap 100 → 100.00', () => {
    const result = computeCapaian({ polarity: 'HIGHER_IS_BETTER', target: d(100), realisation: d(130) });
    expect(shown(result)).toBe('130.00');
    expect(shown(capResult(result, d(120)))).toBe('120.00');
    expect(shown(capResult(result, d(100)))).toBe('100.00');
    expect(shown(capResult(result, null))).toBe('130.00');
  });

  it.each([
    ['#3 better than target', '10', '9', '110.00', '111.11'],
    ['#4 worse than target', '10', '12', '80.00', '83.33'],
    ['#5 far worse (A: −40 floored)', '5', '12', '0.00', '41.67'],
  ])('%s: T = %s, R = %s → A %s, B %s', (_label, t, r, variantA, variantB) => {
    const input = { polarity: 'LOWER_IS_BETTER' as const, target: d(t), realisation: d(r) };
    expect(shown(computeCapaian({ ...input, lowerIsBetterFormula: 'INVERSE_DIFF' }))).toBe(variantA);
    expect(shown(computeCapaian({ ...input, lowerIsBetterFormula: 'INVERSE_RATIO' }))).toBe(variantB);
  });

  it('#5 A and B land in the same category (Sangat Rendah) with very different numbers', () => {
    const a = computeCapaian({ polarity: 'LOWER_IS_BETTER', target: d(5), realisation: d(12) });
    const b = computeCapaian({
      polarity: 'LOWER_IS_BETTER',
      lowerIsBetterFormula: 'INVERSE_RATIO',
      target: d(5),
      realisation: d(12),
    });
    expect(a.computable && capaianCategory(a.value).code).toBe('SR');
    expect(b.computable && capaianCategory(b.value).code).toBe('SR');
  });

  it('#6 zero target, higher-better: T = 0, R = 3 → not computable (ZERO_TARGET)', () => {
    expect(computeCapaian({ polarity: 'HIGHER_IS_BETTER', target: d(0), realisation: d(3) })).toEqual({
      computable: false,
      reason: 'ZERO_TARGET',
    });
  });

  it.each([
    ['INVERSE_DIFF', '0', '100.00'],
    ['INVERSE_DIFF', '2', '0.00'],
    ['INVERSE_RATIO', '0', '100.00'],
    ['INVERSE_RATIO', '2', '0.00'],
  ] as const)(
    '#7 zero target, lower-better (%s) under the ZERO_CASES convention: R = %s → %s',
    (formula, r, expected) => {
      expect(
        shown(
          computeCapaian({
            polarity: 'LOWER_IS_BETTER',
            lowerIsBetterFormula: formula,
            zeroTargetConvention: 'ZERO_CASES',
            target: d(0),
            realisation: d(r),
          }),
        ),
      ).toBe(expected);
    },
  );

  it('#7 without a chosen convention (the default) a lower-better zero target is not computable', () => {
    expect(shown(computeCapaian({ polarity: 'LOWER_IS_BETTER', target: d(0), realisation: d(0) }))).toBe(
      'n/a (ZERO_TARGET)',
    );
  });

  it.each([
    ['3.1', '100.00'],
    ['4.5', '87.50'],
    ['1.5', '75.00'],
  ])('#8 range 2–4 %% inflation, R = %s → %s', (r, expected) => {
    expect(shown(computeCapaian({ polarity: 'RANGE', target: { lower: d(2), upper: d(4) }, realisation: d(r) }))).toBe(
      expected,
    );
  });

  it('#9 ordinal: target WTP (4), R = WDP (3) → 75.00', () => {
    const scale = [
      { code: 'TMP', score: d(1) },
      { code: 'TW', score: d(2) },
      { code: 'WDP', score: d(3) },
      { code: 'WTP', score: d(4) },
    ];
    expect(shown(computeOrdinalCapaian({ scale, targetCode: 'WTP', realisationCode: 'WDP' }))).toBe('75.00');
  });

  it.each([
    [true, '100.00'],
    [false, '0.00'],
  ])('#10 binary: target "Tersedia", realised %s → %s', (realised, expected) => {
    expect(shown(computeCapaian({ polarity: 'BINARY', target: 'Tersedia', realisation: realised }))).toBe(expected);
  });

  describe('#11 quarterly SUM, incremental targets 300/300/300/300 (annual 1,200), R 250/320/280/400', () => {
    const input = {
      polarity: 'HIGHER_IS_BETTER' as const,
      aggregation: 'CUMULATIVE_SUM' as const,
      quarterTargets: q('300', '300', '300', '300'),
      annualTarget: d(1200),
      realisations: q('250', '320', '280', '400'),
    };
    it('to TW III: 850 / 900 = 94.44', () => {
      const result = capaianToQuarter({ ...input, quarter: 3 });
      expect(shown(result)).toBe('94.44');
      expect(result.computable && [result.realisation.toFixed(), String(result.target)]).toEqual(['850', '900']);
    });
    it('year: 1,250 / 1,200 = 104.17', () => expect(shown(capaianForYear(input))).toBe('104.17'));
    it('never the wrong "to TW III vs annual" 70.83: the year needs all four quarters', () => {
      const toTw3Only = { ...input, realisations: q('250', '320', '280', null) };
      expect(shown(capaianForYear(toTw3Only))).toBe('n/a (MISSING_REALISATION)');
      expect(shown(capaianToQuarter({ ...toTw3Only, quarter: 4 }))).toBe('94.44');
    });
  });

  describe('#12 quarterly LAST (index): T = 85 every TW; R 80/82/84/86', () => {
    const input = {
      polarity: 'HIGHER_IS_BETTER' as const,
      quarterTargets: q('85', '85', '85', '85'),
      annualTarget: d(85),
      realisations: q('80', '82', '84', '86'),
    };
    it('TW II: 82 / 85 = 96.47', () =>
      expect(shown(capaianToQuarter({ ...input, aggregation: 'LAST_VALUE', quarter: 2 }))).toBe('96.47'));
    it('year (LAST): 86 / 85 = 101.18', () =>
      expect(shown(capaianForYear({ ...input, aggregation: 'LAST_VALUE' }))).toBe('101.18'));
    it('AVG would give 97.65', () => expect(shown(capaianForYear({ ...input, aggregation: 'AVERAGE' }))).toBe('97.65'));
    it('SUM is meaningless: 332 / 85 (documented, not prevented)', () =>
      expect(shown(capaianForYear({ ...input, aggregation: 'CUMULATIVE_SUM' }))).toBe('390.59'));
  });

  describe('#13 quarterly LAST, cumulative % targets 20/45/70/100; R 18/47/66/97', () => {
    const input = {
      polarity: 'HIGHER_IS_BETTER' as const,
      aggregation: 'LAST_VALUE' as const,
      quarterTargets: q('20', '45', '70', '100'),
      annualTarget: d(100),
      realisations: q('18', '47', '66', '97'),
    };
    it('TW III: 66 / 70 = 94.29', () => expect(shown(capaianToQuarter({ ...input, quarter: 3 }))).toBe('94.29'));
    it('year: 97.00', () => expect(shown(capaianForYear(input))).toBe('97.00'));
  });

  describe('#14 missing vs zero: TW III realisation null vs 0 (LAST, T = 85 every TW; R 80/82/?/–)', () => {
    const base = {
      polarity: 'HIGHER_IS_BETTER' as const,
      aggregation: 'LAST_VALUE' as const,
      quarterTargets: q('85', '85', '85', '85'),
      annualTarget: d(85),
    };
    it('null → quarter not reported: to TW III uses TW II (82 / 85 = 96.47)', () => {
      const result = capaianToQuarter({ ...base, realisations: q('80', '82', null, null), quarter: 3 });
      expect(shown(result)).toBe('96.47');
      expect(result.quarters).toEqual([2]);
    });
    it('0 → a real zero: to TW III is 0.00', () => {
      const result = capaianToQuarter({ ...base, realisations: q('80', '82', '0', null), quarter: 3 });
      expect(shown(result)).toBe('0.00');
      expect(result.quarters).toEqual([3]);
    });
  });
});
