import Decimal from 'decimal.js';

/**
 * The one decimal type used for targets, realisations, capaian and scores.
 * 40 significant digits and half-up rounding: binary floats never enter a computation.
 */
export const Exact = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Exact = Decimal;

/** Rounds half-up to `places` decimals for display only; decisions use the unrounded value. */
export const toFixedHalfUp = (value: Decimal, places = 2): string =>
  value.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places);

/** Parses an exact decimal from a string or integer; returns null for anything that is not a finite decimal. */
export function parseExact(raw: string | number | null | undefined): Decimal | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number' && !Number.isFinite(raw)) return null;
  const text = String(raw).trim();
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  return new Exact(text);
}
