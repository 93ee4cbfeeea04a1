import Decimal from 'decimal.js';
import { Exact } from '../../common/decimal/exact';
import { Polarity, QuarterAggregation, Quarterly, QuarterlyTargetMode } from './indicator-settings';
import { checkIndicatorSettings, checkQuarterTargets, checkRangeBounds } from './target-rules';

const d = (v: string | number): Decimal => new Exact(v);
const q = (...values: (string | null)[]): Quarterly<Decimal | null> =>
  values.map((v) => (v === null ? null : d(v))) as unknown as Quarterly<Decimal | null>;
const codes = (problems: { code: string; quarter: number | null }[]) =>
  problems.map((p) => `${p.code}@${p.quarter ?? '-'}`);

describe('checkQuarterTargets: quarterly targets against the aggregation (issue 5 item 4)', () => {
  it.each<
    [string, QuarterAggregation, QuarterlyTargetMode | undefined, string | null, Quarterly<Decimal | null>, string[]]
  >([
    // CUMULATIVE_SUM, incremental targets (default): Σ TW I..IV = annual (§5.5 #11)
    ['SUM incremental: 300 × 4 = 1,200', 'CUMULATIVE_SUM', undefined, '1200', q('300', '300', '300', '300'), []],
    [
      'SUM incremental: exact decimals 0.1 + 0.2 + 0.3 + 0.4 = 1',
      'CUMULATIVE_SUM',
      'INCREMENTAL',
      '1',
      q('0.1', '0.2', '0.3', '0.4'),
      [],
    ],
    [
      'SUM incremental: 99.99 is not 100',
      'CUMULATIVE_SUM',
      undefined,
      '100',
      q('25', '25', '25', '24.99'),
      ['QUARTER_SUM_MISMATCH@-'],
    ],
    [
      'SUM incremental: cumulative-looking targets do not add up',
      'CUMULATIVE_SUM',
      undefined,
      '1200',
      q('300', '600', '900', '1200'),
      ['QUARTER_SUM_MISMATCH@-'],
    ],
    // CUMULATIVE_SUM, cumulative (to-date) targets: TW IV = annual, never falling
    ['SUM cumulative: TW IV = annual', 'CUMULATIVE_SUM', 'CUMULATIVE', '1200', q('300', '600', '900', '1200'), []],
    [
      'SUM cumulative: TW IV ≠ annual',
      'CUMULATIVE_SUM',
      'CUMULATIVE',
      '1200',
      q('300', '600', '900', '1100'),
      ['LAST_QUARTER_MISMATCH@4'],
    ],
    [
      'SUM cumulative: a total to date falls',
      'CUMULATIVE_SUM',
      'CUMULATIVE',
      '1200',
      q('300', '600', '500', '1200'),
      ['QUARTER_TARGET_DECREASED@3'],
    ],
    [
      'SUM cumulative: flat quarters are fine',
      'CUMULATIVE_SUM',
      'CUMULATIVE',
      '1200',
      q('0', '600', '600', '1200'),
      [],
    ],
    // LAST_VALUE: positions to date, TW IV = annual (§5.5 #12, #13)
    ['LAST: cumulative % targets 20/45/70/100', 'LAST_VALUE', undefined, '100', q('20', '45', '70', '100'), []],
    ['LAST: index 85 every quarter', 'LAST_VALUE', undefined, '85', q('85', '85', '85', '85'), []],
    [
      'LAST: falling rate (lower is better) is fine',
      'LAST_VALUE',
      undefined,
      '9.5',
      q('10.5', '10.2', '9.8', '9.5'),
      [],
    ],
    ['LAST: TW IV ≠ annual', 'LAST_VALUE', undefined, '100', q('20', '45', '70', '95'), ['LAST_QUARTER_MISMATCH@4']],
    [
      'LAST: the mode is ignored',
      'LAST_VALUE',
      'INCREMENTAL',
      '100',
      q('25', '25', '25', '25'),
      ['LAST_QUARTER_MISMATCH@4'],
    ],
    // AVERAGE: mean of TW I..IV = annual
    ['AVERAGE: mean = annual', 'AVERAGE', undefined, '85', q('80', '84', '86', '90'), []],
    [
      'AVERAGE: repeating mean compared exactly',
      'AVERAGE',
      undefined,
      '1',
      q('1', '1', '1', '1.0000000001'),
      ['QUARTER_AVERAGE_MISMATCH@-'],
    ],
    // Missing / invalid values come first, all of them
    ['annual missing', 'CUMULATIVE_SUM', undefined, null, q('1', '1', '1', '1'), ['ANNUAL_TARGET_MISSING@-']],
    [
      'two quarters missing',
      'LAST_VALUE',
      undefined,
      '4',
      q('1', null, '3', null),
      ['QUARTER_TARGET_MISSING@2', 'QUARTER_TARGET_MISSING@4'],
    ],
    ['negative quarter', 'CUMULATIVE_SUM', undefined, '4', q('1', '-1', '3', '1'), ['NEGATIVE_TARGET@2']],
    ['NaN annual', 'AVERAGE', undefined, 'NaN', q('1', '1', '1', '1'), ['INVALID_TARGET@-']],
    ['zero targets everywhere are consistent', 'CUMULATIVE_SUM', undefined, '0', q('0', '0', '0', '0'), []],
  ])('%s', (_label, aggregation, quarterlyTargetMode, annual, quarters, expected) => {
    const problems = checkQuarterTargets({
      aggregation,
      quarterlyTargetMode,
      annual: annual === null ? null : d(annual),
      quarters,
    });
    expect(codes(problems)).toEqual(expected);
    for (const p of problems) expect(p.message).toMatch(/target/i);
  });

  it('messages are Indonesian, with Indonesian numbers', () => {
    const [sum] = checkQuarterTargets({
      aggregation: 'CUMULATIVE_SUM',
      annual: d(1200),
      quarters: q('300', '300', '300', '299.5'),
    });
    expect(sum.message).toContain('Jumlah target TW I–IV (1.199,5) harus sama dengan target tahunan (1.200)');
    const [last] = checkQuarterTargets({
      aggregation: 'LAST_VALUE',
      annual: d(100),
      quarters: q('20', '45', '70', '95'),
    });
    expect(last.message).toContain('Target TW IV (95) harus sama dengan target tahunan (100)');
    const [missing] = checkQuarterTargets({
      aggregation: 'LAST_VALUE',
      annual: d(100),
      quarters: q('20', null, '70', '100'),
    });
    expect(missing.message).toBe('Target TW II belum diisi.');
  });
});

describe('checkRangeBounds', () => {
  it.each<[string | null, string | null, string[]]>([
    ['2', '4', []],
    ['3', '3', []],
    ['0', '0', []],
    ['4', '2', ['RANGE_INVERTED@-']],
    [null, '4', ['RANGE_LOWER_MISSING@-']],
    [null, null, ['RANGE_LOWER_MISSING@-', 'RANGE_UPPER_MISSING@-']],
    ['-1', '4', ['NEGATIVE_TARGET@-']],
    ['2', 'Infinity', ['INVALID_TARGET@-']],
  ])('[%s, %s] → %j', (lower, upper, expected) => {
    expect(codes(checkRangeBounds(lower === null ? null : d(lower), upper === null ? null : d(upper)))).toEqual(
      expected,
    );
  });
});

describe('checkIndicatorSettings', () => {
  it.each<[Polarity, QuarterAggregation, string[]]>([
    ['BINARY', 'LAST_VALUE', []],
    ['BINARY', 'CUMULATIVE_SUM', ['AGGREGATION_NOT_ALLOWED@-']],
    ['BINARY', 'AVERAGE', ['AGGREGATION_NOT_ALLOWED@-']],
    ['HIGHER_IS_BETTER', 'CUMULATIVE_SUM', []],
    ['LOWER_IS_BETTER', 'AVERAGE', []],
    ['RANGE', 'LAST_VALUE', []],
  ])('%s with %s → %j', (polarity, aggregation, expected) => {
    expect(codes(checkIndicatorSettings({ polarity, aggregation }))).toEqual(expected);
  });
});
