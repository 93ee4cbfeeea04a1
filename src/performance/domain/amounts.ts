import Decimal from 'decimal.js';
import { Exact } from '../../common/decimal/exact';

/** A finite Decimal ≥ 0: the only kind of quantity the capaian formulas accept. */
export const isUsableAmount = (value: unknown): value is Decimal =>
  Decimal.isDecimal(value) && value.isFinite() && !(value.isNegative() && !value.isZero());

/**
 * Σ of the values, or — when one of them is missing, unreadable or negative — that first offending value itself, so
 * `computeCapaian` reports it with its usual reason and precedence (a negative part cannot hide inside a sum, and a
 * missing part is never read as 0).
 */
export function sumOrOffender(values: readonly (Decimal | null)[]): Decimal | null {
  const bad = values.find((v) => !isUsableAmount(v));
  if (bad !== undefined) return bad;
  return values.reduce<Decimal>((sum, v) => sum.plus(v as Decimal), new Exact(0));
}
