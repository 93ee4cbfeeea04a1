import Decimal from 'decimal.js';
import { Exact } from '../../common/decimal/exact';
import { isUsableAmount, sumOrOffender } from './amounts';

const d = (v: string | number): Decimal => new Exact(v);

describe('amounts', () => {
  it.each<[unknown, boolean]>([
    [d(0), true],
    [d('-0'), true],
    [d('12.5'), true],
    [new Decimal(3), true],
    [d(-1), false],
    [d(NaN), false],
    [d(Infinity), false],
    [null, false],
    [undefined, false],
    [3, false],
    ['3', false],
  ])('isUsableAmount(%p) = %p', (value, expected) => expect(isUsableAmount(value)).toBe(expected));

  it('sums exactly (0.1 + 0.2 = 0.3)', () => expect(sumOrOffender([d('0.1'), d('0.2')])?.toFixed()).toBe('0.3'));
  it('an empty sum is 0', () => expect(sumOrOffender([])?.toFixed()).toBe('0'));
  it('returns the first missing or negative part itself, never reading it as 0', () => {
    expect(sumOrOffender([d(1), null, d(-1)])).toBeNull();
    expect(sumOrOffender([d(1), d(-1), null])?.toFixed()).toBe('-1');
  });
});
