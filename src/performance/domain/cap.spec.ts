import Decimal from 'decimal.js';
import { Exact } from '../../common/decimal/exact';
import { applyCap, assertValidCap, capResult } from './cap';
import { computable, notComputable } from './capaian';
import { InvalidCapError } from './performance.errors';

const d = (v: string | number): Decimal => new Exact(v);

describe('cap policy (§4.4, §5.3: store uncapped, cap in aggregates)', () => {
  it.each<[string, string | null | undefined, string]>([
    ['130', null, '130'],
    ['130', undefined, '130'],
    ['130', '120', '120'],
    ['130', '110', '110'],
    ['130', '100', '100'],
    ['120', '120', '120'],
    ['119.99', '120', '119.99'],
    ['0', '100', '0'],
  ])('%s with cap %s → %s', (value, cap, expected) => {
    const policy = cap === null || cap === undefined ? cap : d(cap);
    expect(applyCap(d(value), policy).toFixed()).toBe(d(expected).toFixed());
  });

  it('caps a computable result and passes a not-computable one through', () => {
    expect(capResult(computable(d(130)), d(120))).toEqual(computable(d(120)));
    expect(capResult(notComputable('MISSING_REALISATION'), d(120))).toEqual(notComputable('MISSING_REALISATION'));
  });

  it.each([d(0), d(-10), d(NaN), d(Infinity)])('rejects the cap %s', (cap) => {
    expect(() => assertValidCap(cap)).toThrow(InvalidCapError);
    expect(() => applyCap(d(1), cap)).toThrow(InvalidCapError);
  });
});
