import { decimalForInput, localDateTimeInput, parseDecimalInput, textOrNull } from './form-input';

describe('parseDecimalInput: Indonesian number input → API decimal text', () => {
  it.each([
    ['1250', '1250'],
    ['1.250', '1250'],
    ['1.250.000', '1250000'],
    ['12,5', '12.5'],
    ['1.250,75', '1250.75'],
    ['0,75', '0.75'],
    ['12.5', '12.5'],
    ['0.75', '0.75'],
    ['0.381', '0.381'],
    ['0.500', '0.500'],
    ['-0.125', '-0.125'],
    ['-3,25', '-3.25'],
    [' 42 ', '42'],
    ['1 250', '1250'],
  ])('%s → %s', (input, expected) => expect(parseDecimalInput(input)).toBe(expected));

  it.each(['', '   ', undefined, null])('blank %p → null', (input) => expect(parseDecimalInput(input)).toBeNull());

  it.each(['abc', '12,5,1', '1,2.3'])('leaves %s for the validator to refuse', (input) =>
    expect(parseDecimalInput(input)).toBe(input),
  );
});

describe('form helpers', () => {
  it('shows API decimals with a decimal comma and parses them back', () => {
    for (const v of ['1250', '12.5', '0.0001']) expect(parseDecimalInput(decimalForInput(v))).toBe(v);
    expect(decimalForInput(null)).toBe('');
  });
  it('trims text and turns blank into null', () => {
    expect(textOrNull('  ada  ')).toBe('ada');
    expect(textOrNull('  ')).toBeNull();
  });
  it('reads a local date-time in the region offset (WIB = +420)', () => {
    expect(localDateTimeInput('2026-04-15T23:59')).toBe('2026-04-15T23:59');
    expect(localDateTimeInput('15/04/2026')).toBeNull();
  });
});
