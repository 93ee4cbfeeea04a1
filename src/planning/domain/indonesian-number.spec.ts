import { Exact } from '../../common/decimal/exact';
import { formatIndonesian } from './indonesian-number';

describe('formatIndonesian (display only)', () => {
  it.each<[string, number | undefined, string]>([
    ['0', undefined, '0'],
    ['1234.5', undefined, '1.234,5'],
    ['93.75', undefined, '93,75'],
    ['1234567.891', undefined, '1.234.567,891'],
    ['83.3333333', 2, '83,33'],
    ['104.165', 2, '104,17'],
    ['0.005', 2, '0,01'],
    ['1e21', undefined, '1.000.000.000.000.000.000.000'],
    ['-1234.5', undefined, '-1.234,5'],
    ['-0.001', 2, '0,00'],
    ['100', 2, '100,00'],
  ])('%s (places %p) → %s', (value, places, expected) =>
    expect(formatIndonesian(new Exact(value), places)).toBe(expected),
  );
});
