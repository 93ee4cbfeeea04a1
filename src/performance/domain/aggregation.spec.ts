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

  it('sums quarterly range targets bound by bound', () => {
    const range = (l: string, u: string) => ({ lower: d(l), upper: d(u) });
    const input: QuarterSeriesInput = {
      polarity: 'RANGE',
      aggregation: 'CUMULATIVE_SUM',
      quarterTargets: [range('1', '2'), range('1', '2'), range('1', '2'), range('1', '2')],
      annualTarget: range('4', '8'),
      realisations: q('2', '3', null, null),
    };
    // Σ range to TW II = [2, 4]; ΣR = 5 > 4 → (8 − 5) / 4 = 75
    expect(shown(capaianToQuarter({ ...input, quarter: 2 }))).toBe('75.00');
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
