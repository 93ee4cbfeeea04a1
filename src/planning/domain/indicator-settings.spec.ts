import {
  DEFAULT_LOWER_IS_BETTER_FORMULA,
  DEFAULT_QUARTERLY_TARGET_MODE,
  LOWER_IS_BETTER_FORMULAS,
  POLARITIES,
  QUARTER_AGGREGATIONS,
  QUARTERLY_TARGET_MODES,
  QUARTERS,
  isQuarter,
  quarterLabel,
} from './indicator-settings';

describe('indicator settings (domain reference §4.4, issue 5 item 3)', () => {
  it('lists the polarities, aggregations, formulas and target modes that entities and DTOs accept', () => {
    expect(POLARITIES).toEqual(['HIGHER_IS_BETTER', 'LOWER_IS_BETTER', 'RANGE', 'BINARY']);
    expect(QUARTER_AGGREGATIONS).toEqual(['CUMULATIVE_SUM', 'LAST_VALUE', 'AVERAGE']);
    expect(LOWER_IS_BETTER_FORMULAS).toEqual(['INVERSE_DIFF', 'INVERSE_RATIO']);
    expect(QUARTERLY_TARGET_MODES).toEqual(['INCREMENTAL', 'CUMULATIVE']);
    expect(QUARTERS).toEqual([1, 2, 3, 4]);
  });

  it('defaults: (2T − R)/T for lower-is-better, incremental quarter targets', () => {
    expect(DEFAULT_LOWER_IS_BETTER_FORMULA).toBe('INVERSE_DIFF');
    expect(DEFAULT_QUARTERLY_TARGET_MODE).toBe('INCREMENTAL');
  });

  it.each([
    [1, 'TW I'],
    [2, 'TW II'],
    [3, 'TW III'],
    [4, 'TW IV'],
  ] as const)('quarterLabel(%p) = %p', (quarter, label) => expect(quarterLabel(quarter)).toBe(label));

  it.each([
    [1, true],
    [4, true],
    [0, false],
    [5, false],
    [1.5, false],
    ['1', false],
    [null, false],
    [undefined, false],
  ])('isQuarter(%p) = %p', (value, expected) => expect(isQuarter(value)).toBe(expected));
});
