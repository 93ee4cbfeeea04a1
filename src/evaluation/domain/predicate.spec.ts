import Decimal from 'decimal.js';
import { Exact } from '../../common/decimal/exact';
import { Fraction } from './fraction';
import { ScoreOutOfRangeError } from './lke.errors';
import { bandFor, predicateFor } from './predicate';
import { Band } from './rule-set';

const band = (predicate: string, above: string | null, upTo: string): Band => ({
  predicate,
  label: predicate,
  above,
  upTo,
  interpretation: predicate,
});

/** Band edges of the real templates are tested in lke-rule-sets.spec.ts; these tables only exercise the lookup. */
const BANDS_88: Band[] = [
  band('AA', '90', '100'),
  band('A', '80', '90'),
  band('BB', '70', '80'),
  band('B', '60', '70'),
  band('CC', '50', '60'),
  band('C', '30', '50'),
  band('D', null, '30'),
];

/** The probable pre-2015 bands (domain reference §7.3, uncertain) — bands are data, any table works. */
const BANDS_PRE_2015: Band[] = [
  band('C', null, '30'), // order in the table does not matter
  band('CC', '30', '50'),
  band('B', '50', '65'),
  band('BB', '65', '75'),
  band('A', '75', '85'),
  band('AA', '85', '100'),
];

describe('predicateFor', () => {
  it.each([
    ['0', 'D'],
    ['30', 'D'],
    ['30.01', 'C'],
    ['60', 'CC'],
    ['60.00000000000001', 'B'],
    ['80', 'BB'],
    ['80.0030303', 'A'],
    ['90', 'A'],
    ['90.01', 'AA'],
    ['100', 'AA'],
  ])('takes a Decimal: %s → %s', (score, expected) => {
    expect(predicateFor(new Exact(score), BANDS_88)).toBe(expected);
    expect(predicateFor(new Decimal(score), BANDS_88)).toBe(expected);
  });

  it('takes an exact fraction just above an edge that no finite decimal string shows', () => {
    expect(predicateFor(Fraction.of(26401, 330), BANDS_88)).toBe('A'); // 80.00303…
    expect(predicateFor(Fraction.of(8000, 100), BANDS_88)).toBe('BB');
  });

  it.each([
    ['65.41', 'BB'], // reported as BB in 2015
    ['65', 'B'],
    ['85', 'A'],
    ['85.01', 'AA'],
    ['30', 'C'],
  ])('works with any band table (pre-2015): %s → %s', (score, expected) => {
    expect(predicateFor(new Exact(score), BANDS_PRE_2015)).toBe(expected);
  });

  it.each(['-0.01', '-1e-30', '100.01', '100.000000000000000000001'])('rejects %s (never clamps)', (score) => {
    expect(() => predicateFor(new Exact(score), BANDS_88)).toThrow(ScoreOutOfRangeError);
    expect(() => predicateFor(new Exact(score), BANDS_88)).toThrow(
      expect.objectContaining({ code: 'SCORE_OUT_OF_RANGE' }),
    );
  });

  it('rejects NaN and infinities', () => {
    expect(() => predicateFor(new Exact(NaN), BANDS_88)).toThrow(ScoreOutOfRangeError);
    expect(() => predicateFor(new Exact(Infinity), BANDS_88)).toThrow(ScoreOutOfRangeError);
  });

  it('returns the whole band for labels and interpretation', () => {
    expect(bandFor(new Exact('72.19'), BANDS_88)).toBe(BANDS_88[2]);
  });

  it('fails loudly on an unvalidated table with a gap', () => {
    expect(() => predicateFor(new Exact('75'), [band('A', '80', '100'), band('D', null, '70')])).toThrow('has a gap');
  });
});
