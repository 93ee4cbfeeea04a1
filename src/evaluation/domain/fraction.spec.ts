import { Fraction } from './fraction';

describe('Fraction', () => {
  it.each([
    ['4.5', '9/2'],
    ['0.10', '1/10'],
    ['-0.01', '-1/100'],
    ['100', '100'],
    ['007.50', '15/2'],
  ])('parses %s exactly as %s', (text, expected) => expect(Fraction.parse(text).toString()).toBe(expected));

  it.each(['4,5', '1e2', '.5', '', 'NaN', '1.'])('refuses %j', (text) =>
    expect(() => Fraction.parse(text)).toThrow(RangeError),
  );

  it.each([
    ['1333993/18480', '1333993/18480'],
    ['-6/4', '-3/2'],
    ['60', '60'],
    ['72.1875', '1155/16'],
  ])('parseRatio round-trips toString: %s → %s', (text, expected) => {
    expect(Fraction.parseRatio(text).toString()).toBe(expected);
  });

  it('parseRatio refuses a zero denominator and junk', () => {
    expect(() => Fraction.parseRatio('1/0')).toThrow('zero denominator');
    expect(() => Fraction.parseRatio('1/2/3')).toThrow(RangeError);
  });

  it('keeps fractions reduced with a positive denominator', () => {
    expect(Fraction.of(6, -4).toString()).toBe('-3/2');
    expect(Fraction.of(0, 7).toString()).toBe('0');
    expect(() => Fraction.of(1, 0)).toThrow('zero denominator');
    expect(() => Fraction.of(0.5)).toThrow('needs integers');
  });

  it('adds thirds back to an exact integer (where 3 × 6.666667 would not)', () => {
    const third = Fraction.of(20, 3);
    expect(Fraction.sum([third, third, third]).toString()).toBe('20');
    expect(Fraction.parse('0.1').plus(Fraction.parse('0.2')).eq(Fraction.parse('0.3'))).toBe(true);
  });

  it('multiplies, divides and compares', () => {
    expect(Fraction.of(265, 3).times(Fraction.parse('6')).div(Fraction.of(100)).toString()).toBe('53/10');
    expect(Fraction.of(1, 3).cmp(Fraction.parse('0.3333333333'))).toBe(1);
    expect(Fraction.of(-1).cmp(Fraction.ZERO)).toBe(-1);
    expect(() => Fraction.of(1).div(Fraction.ZERO)).toThrow('Division by zero');
  });

  it.each([
    ['1333993/18480', 2, '72.19'],
    ['26401/330', 2, '80.00'],
    ['181/40', 2, '4.53'], // 4.525: half-up, not half-even
    ['-181/40', 2, '-4.53'], // half away from zero
    ['-1/1000', 2, '0.00'], // no "-0.00"
    ['2/3', 0, '1'],
    ['1/3', 6, '0.333333'],
    ['100', 2, '100.00'],
  ])('rounds %s half-up to %i places → %s', (f, places, expected) => {
    const [n, d = '1'] = f.split('/');
    expect(Fraction.of(BigInt(n), BigInt(d)).toFixedHalfUp(places)).toBe(expected);
  });

  it('converts to a 40-digit Decimal, exact when the value terminates', () => {
    expect(Fraction.parse('72.1875').toDecimal().toFixed()).toBe('72.1875');
    expect(Fraction.of(1, 3).toDecimal().toFixed()).toBe(`0.${'3'.repeat(40)}`);
  });
});
