import Decimal from 'decimal.js';
import { Exact } from '../../common/decimal/exact';
import { CapaianResult, computable } from './capaian';
import { InvalidCapError } from './performance.errors';

/**
 * Cap policy (§4.4, §5.3): some Pemda cap each indicator's capaian (at 100, 110 or 120) before averaging so that one
 * spectacular over-achievement cannot hide weak indicators. Capaian is stored uncapped; the cap applies only in
 * aggregates and rankings. `null`/`undefined` = no cap.
 */
export type CapPolicy = Decimal | null | undefined;

/** Throws `InvalidCapError` unless the cap is absent or a finite number above 0. */
export function assertValidCap(cap: CapPolicy): void {
  if (cap === null || cap === undefined) return;
  if (!Decimal.isDecimal(cap) || !cap.isFinite() || !cap.gt(0)) throw new InvalidCapError(String(cap));
}

/** min(value, cap); the value itself when there is no cap. */
export function applyCap(value: Decimal, cap: CapPolicy): Decimal {
  assertValidCap(cap);
  return cap !== null && cap !== undefined && value.gt(cap) ? new Exact(cap) : value;
}

/** The same result with its value capped; not-computable results pass through unchanged. */
export function capResult(result: CapaianResult, cap: CapPolicy): CapaianResult {
  return result.computable ? computable(applyCap(result.value, cap)) : result;
}
