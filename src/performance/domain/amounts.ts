import Decimal from 'decimal.js';
import { Exact } from '../../common/decimal/exact';

/**
 * A finite Decimal ≥ 0 — or any finite Decimal when the indicator allows negative values: the only kind of quantity
 * the capaian formulas accept.
 */
export const isUsableAmount = (value: unknown, allowsNegative = false): value is Decimal =>
  Decimal.isDecimal(value) && value.isFinite() && (allowsNegative || !(value.isNegative() && !value.isZero()));

/**
 * Σ of the values, or — when one of them is missing, unreadable or (not allowed and) negative — that first offending
 * value itself, so `computeCapaian` reports it with its usual reason and precedence (a negative part cannot hide
 * inside a sum, and a missing part is never read as 0).
 */
export function sumOrOffender(values: readonly (Decimal | null)[], allowsNegative = false): Decimal | null {
  const bad = values.find((v) => !isUsableAmount(v, allowsNegative));
  if (bad !== undefined) return bad;
  return values.reduce<Decimal>((sum, v) => sum.plus(v as Decimal), new Exact(0));
}
