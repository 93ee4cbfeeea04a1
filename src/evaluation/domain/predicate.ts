import Decimal from 'decimal.js';
import { Exact } from '../../common/decimal/exact';
import { Fraction } from './fraction';
import { ScoreOutOfRangeError } from './lke.errors';
import { Band, Predicate } from './rule-set';

const ZERO = Fraction.ZERO;
const HUNDRED = Fraction.of(100);

/** Decimals are finite, so they convert to a fraction exactly. */
function toFraction(value: Decimal | Fraction): Fraction {
  if (value instanceof Fraction) return value;
  if (!value.isFinite()) throw new ScoreOutOfRangeError(value.toString());
  const [n, d] = new Exact(value).toFraction();
  return Fraction.of(BigInt(n.toFixed()), BigInt(d.toFixed()));
}

const show = (value: Decimal | Fraction): string =>
  value instanceof Fraction ? value.toDecimal().toFixed() : value.toFixed();

/** Each band's bounds as fractions, parsed once per band table (rule sets are immutable once loaded). */
const parsedBounds = new WeakMap<readonly Band[], { above: Fraction | null; upTo: Fraction }[]>();
function boundsOf(bands: readonly Band[]): { above: Fraction | null; upTo: Fraction }[] {
  let bounds = parsedBounds.get(bands);
  if (!bounds) {
    bounds = bands.map((b) => ({
      above: b.above === null ? null : Fraction.parse(b.above),
      upTo: Fraction.parse(b.upTo),
    }));
    parsedBounds.set(bands, bounds);
  }
  return bounds;
}

/**
 * The band a total falls in: lower bounds exclusive, upper bounds inclusive, the floor band (above = null) includes 0.
 * Works on the exact value it is given — pass the unrounded total unless the rule set says ROUNDED_2DP.
 */
export function bandFor(total: Decimal | Fraction, bands: readonly Band[]): Band {
  const t = toFraction(total);
  if (t.cmp(ZERO) < 0 || t.cmp(HUNDRED) > 0) throw new ScoreOutOfRangeError(show(total));
  const bounds = boundsOf(bands);
  const band = bands.find((b, i) => {
    const { above, upTo } = bounds[i];
    return (above === null || t.cmp(above) > 0) && t.cmp(upTo) <= 0;
  });
  // Validated band tables tile 0..100, so this only fires for a hand-built, unvalidated table.
  if (!band) throw new Error(`No band covers ${show(total)}; the band table has a gap`);
  return band;
}

/** The predicate (e.g. "BB") for a total in 0..100; throws ScoreOutOfRangeError (SCORE_OUT_OF_RANGE) otherwise. */
export function predicateFor(total: Decimal | Fraction, bands: readonly Band[]): Predicate {
  return bandFor(total, bands).predicate;
}
