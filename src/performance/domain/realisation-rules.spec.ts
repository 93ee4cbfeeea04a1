import Decimal from 'decimal.js';
import { Exact } from '../../common/decimal/exact';
import type { Polarity } from '../../planning/domain/indicator-settings';
import { checkRealisationValue } from './realisation-rules';

const d = (v: string): Decimal => new Exact(v);

describe('checkRealisationValue (issue 16 items 12 and 21: refused at entry, never dropped later)', () => {
  it.each<[Polarity, boolean, string | null, string | null]>([
    ['BINARY', false, '1', null],
    ['BINARY', false, '0', null],
    ['BINARY', false, '1.0000', null],
    ['BINARY', false, '2', 'BINARY_REALISATION'],
    ['BINARY', false, '0.5', 'BINARY_REALISATION'],
    ['BINARY', false, '-1', 'BINARY_REALISATION'],
    ['BINARY', true, '-1', 'BINARY_REALISATION'],
    ['BINARY', false, null, null],
    ['HIGHER_IS_BETTER', false, '-2', 'NEGATIVE_REALISATION'],
    ['HIGHER_IS_BETTER', false, '-0', null],
    ['HIGHER_IS_BETTER', true, '-2', null],
    ['LOWER_IS_BETTER', false, '-0.0001', 'NEGATIVE_REALISATION'],
    ['RANGE', true, '-10', null],
    ['HIGHER_IS_BETTER', false, '0.5', null],
  ])('%s (allowsNegative %s), value %s → %s', (polarity, allowsNegative, value, expected) => {
    const problem = checkRealisationValue({ polarity, allowsNegative }, value === null ? null : d(value));
    expect(problem?.code ?? null).toBe(expected);
  });
});
