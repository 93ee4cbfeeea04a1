import Decimal from 'decimal.js';
import { Exact, toFixedHalfUp } from '../../common/decimal/exact';
import { Quarter, QuarterAggregation, Quarterly, QuarterlyTargetMode } from '../../planning/domain/indicator-settings';
import { AggregatedCapaian, QuarterSeriesInput, QuarterTarget, capaianForYear, capaianToQuarter } from './aggregation';
import { InvalidQuarterError, UnsupportedAggregationError } from './performance.errors';

const d = (v: string | number): Decimal => new Exact(v);
const q = (...values: (string | null)[]): Quarterly<Decimal | null> =>
  values.map((v) => (v === null ? null : d(v))) as unknown as Quarterly<Decimal | null>;

const shown = (result: AggregatedCapaian): string =>
  result.computable ? toFixedHalfUp(result.value, 2) : `n/a ${result.reason}`;

/** A flow indicator: visits per quarter against 300 a quarter (annual 1,200). */
const flow = (
  realisations: Quarterly<Decimal | null>,
  aggregation: QuarterAggregation = 'CUMULATIVE_SUM',
): QuarterSeriesInput => ({
  polarity: 'HIGHER_IS_BETTER',
  aggregation,
  quarterTargets: q('300', '300', '300', '300'),
  annualTarget: d(1200),
  realisations,
});

describe('capaianToQuarter / capaianForYear (domain reference §5.2)', () => {
  // [label, aggregation, realisations, quarter (null = year), expected, quarters used]
  const rows: [string, QuarterAggregation, Quarterly<Decimal | null>, Quarter | null, string, Quarter[]][] = [
    ['SUM to TW I', 'CUMULATIVE_SUM', q('250', null, null, null), 1, '83.33', [1]],
    ['SUM to TW II', 'CUMULATIVE_SUM', q('250', '320', null, null), 2, '95.00', [1, 2]],
    [
      'SUM to TW IV while TW III, IV not in: window ends at TW II',
      'CUMULATIVE_SUM',
      q('250', '320', null, null),
      4,
      '95.00',
      [1, 2],
    ],
    [
      'SUM with a gap (TW II empty, TW III reported)',
      'CUMULATIVE_SUM',
      q('250', null, '280', null),
      3,
      'n/a MISSING_REALISATION',
      [1, 3],
    ],
    [
      'SUM year with TW IV missing',
      'CUMULATIVE_SUM',
      q('250', '320', '280', null),
      null,
      'n/a MISSING_REALISATION',
      [1, 2, 3],
    ],
    [
      'SUM year: zero quarter is a real value',
      'CUMULATIVE_SUM',
      q('300', '0', '300', '300'),
      null,
      '75.00',
      [1, 2, 3, 4],
    ],
    ['SUM nothing reported', 'CUMULATIVE_SUM', q(null, null, null, null), 2, 'n/a MISSING_REALISATION', []],
    ['SUM a negative quarter', 'CUMULATIVE_SUM', q('250', '-5', null, null), 2, 'n/a NEGATIVE_VALUE', [1, 2]],
    ['LAST to TW III', 'LAST_VALUE', q('250', '320', '280', null), 3, '93.33', [3]],
    ['LAST to TW III with TW III empty uses TW II', 'LAST_VALUE', q('250', '320', null, null), 3, '106.67', [2]],
    [
      'LAST year uses TW IV against the annual target',
      'LAST_VALUE',
      q('250', '320', '280', '1260'),
      null,
      '105.00',
      [4],
    ],
    [
      'LAST year without TW IV is not computable (§5.2: R(TW4))',
      'LAST_VALUE',
      q('250', '320', '280', null),
      null,
      'n/a MISSING_REALISATION',
      [1, 2, 3],
    ],
    ['LAST year with TW III empty but TW IV in', 'LAST_VALUE', q('250', '320', null, '1200'), null, '100.00', [4]],
    ['AVERAGE to TW II: mean of reported vs annual', 'AVERAGE', q('1000', '1100', null, null), 2, '87.50', [1, 2]],
    ['AVERAGE year skips unreported quarters', 'AVERAGE', q('1000', null, '1400', null), null, '100.00', [1, 3]],
    ['AVERAGE year, all four', 'AVERAGE', q('1000', '1100', '1300', '1400'), null, '100.00', [1, 2, 3, 4]],
    ['AVERAGE nothing reported', 'AVERAGE', q(null, null, null, null), null, 'n/a MISSING_REALISATION', []],
  ];

  it.each(rows)('%s', (_label, aggregation, realisations, quarter, expected, quarters) => {
    const input = flow(realisations, aggregation);
    const result = quarter === null ? capaianForYear(input) : capaianToQuarter({ ...input, quarter });
    expect(shown(result)).toBe(expected);
    expect(result.quarters).toEqual(quarters);
  });

  it('the same four numbers give different annual capaian under SUM, LAST and AVERAGE', () => {
    const realisations = q('250', '320', '280', '400');
    const byRule = (['CUMULATIVE_SUM', 'LAST_VALUE', 'AVERAGE'] as const).map((a) =>
      shown(capaianForYear(flow(realisations, a))),
    );
    // 1,250 / 1,200; 400 / 1,200; 312.5 / 1,200
    expect(byRule).toEqual(['104.17', '33.33', '26.04']);
  });

  it('reports what was compared (ΣR and ΣT)', () => {
    const result = capaianToQuarter({ ...flow(q('250', '320', null, null)), quarter: 2 });
    expect(result.computable && [result.realisation.toFixed(), (result.target as Decimal).toFixed()]).toEqual([
      '570',
      '600',
    ]);
  });

  describe('CUMULATIVE_SUM with cumulative (to-date) quarter targets', () => {
    const input = (mode?: QuarterlyTargetMode): QuarterSeriesInput => ({
      polarity: 'HIGHER_IS_BETTER',
      aggregation: 'CUMULATIVE_SUM',
      quarterlyTargetMode: mode,
      quarterTargets: q('300', '600', '900', '1200'),
      annualTarget: d(1200),
      realisations: q('250', '320', '280', '400'),
    });
    it('to TW III compares ΣR with the TW III target: 850 / 900', () =>
      expect(shown(capaianToQuarter({ ...input('CUMULATIVE'), quarter: 3 }))).toBe('94.44'));
    it('the year is still ΣR / annual', () => expect(shown(capaianForYear(input('CUMULATIVE')))).toBe('104.17'));
    it('without the mode the targets are read as increments (Σ = 1,800 to TW III)', () =>
      expect(shown(capaianToQuarter({ ...input(), quarter: 3 }))).toBe('47.22'));
  });

  describe('RANGE with CUMULATIVE_SUM: the band bounds the total to date, never added up per quarter', () => {
    const band = { lower: d(4), upper: d(8) };
    // The indicator's one band is every quarter's and the year's target.
    const input: QuarterSeriesInput = {
      polarity: 'RANGE',
      aggregation: 'CUMULATIVE_SUM',
      quarterTargets: [band, band, band, band],
      annualTarget: band,
      realisations: q('1.15', '1.15', '1.15', '1.15'),
    };
    it.each<[Quarter | null, string]>([
      [1, '28.75'], // ΣR 1.15 < 4 → 1.15 / 4
      [2, '57.50'], // 2.3 / 4
      [3, '86.25'], // 3.45 / 4
      [4, '100.00'], // 4.6 inside [4, 8]; before the fix: 4.6 against [16, 32] → 28.75
      [null, '100.00'], // the year, from the same four quarters
    ])('to TW %s → %s', (quarter, expected) => {
      const result = quarter === null ? capaianForYear(input) : capaianToQuarter({ ...input, quarter });
      expect(shown(result)).toBe(expected);
    });
  });

  describe('negative realisations', () => {
    // Visits with a −10 correction in TW II: ΣR(1..2) = 20 against ΣT = 600.
    const corrected = flow(q('30', '-10', '300', '280'));
    it('are NEGATIVE_VALUE (never silently dropped: entry refuses them) unless the indicator allows them', () => {
      expect(shown(capaianToQuarter({ ...corrected, quarter: 2 }))).toBe('n/a NEGATIVE_VALUE');
      expect(shown(capaianForYear(corrected))).toBe('n/a NEGATIVE_VALUE');
    });
    it.each<[Quarter | null, string]>([
      [1, '10.00'], // 30 / 300
      [2, '3.33'], // 20 / 600
      [3, '35.56'], // 320 / 900
      [4, '50.00'], // 600 / 1,200
      [null, '50.00'], // the year
    ])('enter the sum when allowed: to TW %s → %s', (quarter, expected) => {
      const input = { ...corrected, allowsNegative: true };
      const result = quarter === null ? capaianForYear(input) : capaianToQuarter({ ...input, quarter });
      expect(shown(result)).toBe(expected);
    });
    it('enter the mean when allowed: growth rates −2, 4, 6 against 3 → mean 8/3 → 88.89', () => {
      const input: QuarterSeriesInput = {
        polarity: 'HIGHER_IS_BETTER',
        aggregation: 'AVERAGE',
        quarterTargets: q('3', '3', '3', '3'),
        annualTarget: d(3),
        realisations: q('-2', '4', '6', null),
        allowsNegative: true,
      };
      expect(shown(capaianToQuarter({ ...input, quarter: 3 }))).toBe('88.89');
    });
  });

  describe('BINARY: a quarter whose target is "tidak" (false) is not applicable', () => {
    const input: QuarterSeriesInput = {
      polarity: 'BINARY',
      aggregation: 'LAST_VALUE',
      quarterTargets: [false, false, true, true],
      annualTarget: true,
      realisations: q('0', '0', '1', '1'),
    };
    it.each<[Quarter | null, string]>([
      [1, 'n/a NOT_APPLICABLE'], // before the fix: 0 against "ya" → 0.00 Sangat Rendah
      [2, 'n/a NOT_APPLICABLE'],
      [3, '100.00'],
      [null, '100.00'],
    ])('to TW %s → %s', (quarter, expected) => {
      const result = quarter === null ? capaianForYear(input) : capaianToQuarter({ ...input, quarter });
      expect(shown(result)).toBe(expected);
    });
    it('a year whose target is "tidak" is not applicable either', () => {
      expect(
        shown(capaianForYear({ ...input, quarterTargets: [false, false, false, false], annualTarget: false })),
      ).toBe('n/a NOT_APPLICABLE');
    });
  });

  it.each<[string, (QuarterTarget | null)[], string]>([
    ['a missing quarter target', [d(300), null, d(300), d(300)], 'n/a MISSING_TARGET'],
    ['a negative quarter target', [d(300), d(-1), d(300), d(300)], 'n/a NEGATIVE_VALUE'],
    ['quarter targets that sum to 0', [d(0), d(0), d(300), d(300)], 'n/a ZERO_TARGET'],
    ['numbers mixed with ranges', [d(300), { lower: d(1), upper: d(2) }, d(300), d(300)], 'n/a INVALID_TARGET'],
  ])('SUM to TW II with %s', (_label, targets, expected) => {
    const input = {
      ...flow(q('250', '320', null, null)),
      quarterTargets: targets as unknown as Quarterly<QuarterTarget>,
    };
    expect(shown(capaianToQuarter({ ...input, quarter: 2 }))).toBe(expected);
  });

  it('lower-is-better flows use the summed figures (variant A by default)', () => {
    const input: QuarterSeriesInput = {
      polarity: 'LOWER_IS_BETTER',
      aggregation: 'CUMULATIVE_SUM',
      quarterTargets: q('10', '10', '10', '10'),
      annualTarget: d(40),
      realisations: q('8', '14', '9', '13'),
    };
    expect(shown(capaianToQuarter({ ...input, quarter: 2 }))).toBe('90.00'); // (40 − 22) / 20
    expect(shown(capaianForYear({ ...input, lowerIsBetterFormula: 'INVERSE_RATIO' }))).toBe('90.91'); // 40 / 44
  });

  it('BINARY indicators take the last reported answer', () => {
    const input: QuarterSeriesInput = {
      polarity: 'BINARY',
      aggregation: 'LAST_VALUE',
      quarterTargets: ['Tersedia', 'Tersedia', 'Tersedia', 'Tersedia'],
      annualTarget: 'Tersedia',
      realisations: q('0', '0', '1', '1'),
    };
    expect(shown(capaianToQuarter({ ...input, quarter: 2 }))).toBe('0.00');
    expect(shown(capaianForYear(input))).toBe('100.00');
  });

  it.each(['CUMULATIVE_SUM', 'AVERAGE'] as const)('BINARY with %s is a configuration error', (aggregation) => {
    const input: QuarterSeriesInput = {
      polarity: 'BINARY',
      aggregation,
      quarterTargets: [true, true, true, true],
      annualTarget: true,
      realisations: q('1', null, null, null),
    };
    expect(() => capaianForYear(input)).toThrow(UnsupportedAggregationError);
  });

  it('an unknown aggregation throws UnsupportedAggregationError', () => {
    expect(() => capaianForYear(flow(q('1', null, null, null), 'MAX' as QuarterAggregation))).toThrow(
      UnsupportedAggregationError,
    );
  });

  it.each([0, 5, 2.5, '2'])('quarter %p is rejected (the quarter is a parameter, never the clock)', (quarter) => {
    expect(() => capaianToQuarter({ ...flow(q('1', null, null, null)), quarter: quarter as Quarter })).toThrow(
      InvalidQuarterError,
    );
  });
});
