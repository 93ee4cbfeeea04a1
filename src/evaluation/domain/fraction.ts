import Decimal from 'decimal.js';
import { Exact } from '../../common/decimal/exact';

const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;

const abs = (n: bigint): bigint => (n < 0n ? -n : n);

function gcd(a: bigint, b: bigint): bigint {
  let x = abs(a);
  let y = abs(b);
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function toBigInt(n: bigint | number): bigint {
  if (typeof n === 'bigint') return n;
  if (!Number.isSafeInteger(n)) throw new RangeError(`Fraction needs integers, got ${n}`);
  return BigInt(n);
}

/**
 * An exact rational number (BigInt numerator / denominator, always reduced, denominator > 0).
 *
 * LKE scores are sums of Σv × w / (100·n) with n = 3, 6, 7, 9, 11 …, i.e. repeating decimals. Summing them as
 * rounded decimals can move a total that is exactly on a band edge (e.g. 3 × 20/3 = 20) by one unit in the last
 * digit; as fractions the sums are exact, and each result is turned into a Decimal by a single correctly rounded
 * division at the very end.
 */
export class Fraction {
  private constructor(
    readonly numerator: bigint,
    readonly denominator: bigint,
  ) {}

  static readonly ZERO = new Fraction(0n, 1n);

  static of(numerator: bigint | number, denominator: bigint | number = 1n): Fraction {
    const n = toBigInt(numerator);
    const d = toBigInt(denominator);
    if (d === 0n) throw new RangeError('Fraction with a zero denominator');
    const sign = d < 0n ? -1n : 1n;
    const g = gcd(n, d) || 1n;
    return new Fraction((sign * n) / g, (sign * d) / g);
  }

  /** Parses a plain decimal string such as "4.5" or "-0.01" exactly (4.5 → 9/2). */
  static parse(text: string): Fraction {
    const m = DECIMAL_TEXT.exec(text.trim());
    if (!m) throw new RangeError(`Not a plain decimal: "${text}"`);
    const [, sign, int, frac = ''] = m;
    const digits = BigInt(`${int}${frac}`);
    return Fraction.of(sign === '-' ? -digits : digits, 10n ** BigInt(frac.length));
  }

  /** Parses what `toString` writes ("1333993/18480", "60", "-3/2") or a plain decimal ("72.1875"). */
  static parseRatio(text: string): Fraction {
    const m = /^\s*(-?\d+)\s*\/\s*(\d+)\s*$/.exec(text);
    return m ? Fraction.of(BigInt(m[1]), BigInt(m[2])) : Fraction.parse(text);
  }

  plus(other: Fraction): Fraction {
    return Fraction.of(
      this.numerator * other.denominator + other.numerator * this.denominator,
      this.denominator * other.denominator,
    );
  }

  times(other: Fraction): Fraction {
    return Fraction.of(this.numerator * other.numerator, this.denominator * other.denominator);
  }

  div(other: Fraction): Fraction {
    if (other.numerator === 0n) throw new RangeError('Division by zero');
    return Fraction.of(this.numerator * other.denominator, this.denominator * other.numerator);
  }

  /** -1, 0 or 1. */
  cmp(other: Fraction): number {
    const l = this.numerator * other.denominator;
    const r = other.numerator * this.denominator;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  eq(other: Fraction): boolean {
    return this.cmp(other) === 0;
  }

  /** The closest Decimal (40 significant digits, one half-up rounding step); exact when the value terminates. */
  toDecimal(): Decimal {
    return new Exact(this.numerator.toString()).div(this.denominator.toString());
  }

  /** Rounds half-up (half away from zero) to `places` decimals, exactly: 80.0030303… → "80.00", 72.185 → "72.19". */
  toFixedHalfUp(places = 2): string {
    if (!Number.isInteger(places) || places < 0) throw new RangeError(`Invalid number of places: ${places}`);
    const scaled = abs(this.numerator) * 10n ** BigInt(places);
    const rounded = (2n * scaled + this.denominator) / (2n * this.denominator); // floor(x + 1/2)
    const sign = this.numerator < 0n && rounded !== 0n ? '-' : '';
    const digits = rounded.toString().padStart(places + 1, '0');
    return places === 0 ? sign + digits : `${sign}${digits.slice(0, -places)}.${digits.slice(-places)}`;
  }

  /** "1333993/18480", or just "60" for an integer. */
  toString(): string {
    return this.denominator === 1n ? this.numerator.toString() : `${this.numerator}/${this.denominator}`;
  }

  static sum(values: readonly Fraction[]): Fraction {
    return values.reduce((acc, v) => acc.plus(v), Fraction.ZERO);
  }
}
