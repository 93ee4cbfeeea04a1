import type Decimal from 'decimal.js';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { parseExact } from '../common/decimal/exact';
import { ForbiddenError, NotFoundError } from '../common/errors/domain-error';
import { assertSkpdWritable, canSeeSkpd, scoped, type TenantScope } from '../common/tenancy/tenant-scope';

/**
 * Tenancy for planning rows that are either Pemda-level (skpdId null, readable by everyone in the region) or
 * SKPD-level (a planner sees only their own SKPD's). Built on the shared helpers in common/tenancy.
 */

/** Region filter plus, for SKPD-bound callers, "Pemda-level or own SKPD". */
export function scopedPlan<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  scope: TenantScope,
  alias = qb.alias,
): SelectQueryBuilder<T> {
  scoped(qb, scope, { alias });
  if (scope.skpdId) qb.andWhere(`(${alias}.skpdId IS NULL OR ${alias}.skpdId = :planSkpd)`, { planSkpd: scope.skpdId });
  return qb;
}

/** A loaded row the caller may read: own region, and Pemda-level or a visible SKPD; else 404. */
export function assertPlanVisible<T extends { regionId: string; skpdId: string | null }>(
  scope: TenantScope,
  row: T | null | undefined,
  entity: string,
): T {
  if (!row || row.regionId !== scope.regionId || (row.skpdId !== null && !canSeeSkpd(scope, row.skpdId)))
    throw new NotFoundError(entity);
  return row;
}

/** Pemda-level structure (skpdId null) is written by REGION_ADMIN only; SKPD-level by its planner or an admin. */
export function assertPlanWritable(scope: TenantScope, skpdId: string | null): void {
  if (skpdId === null) {
    if (scope.role !== 'REGION_ADMIN')
      throw new ForbiddenError('Only the region administrator writes Pemda-level planning data');
    return;
  }
  assertSkpdWritable(scope, skpdId);
}

/** Decimal pattern accepted in request bodies: canonical, up to 14 integer and 4 fractional digits. */
export const DECIMAL_PATTERN = /^-?\d{1,14}(\.\d{1,4})?$/;
export const DECIMAL_MESSAGE = 'must be a decimal string such as "1234.5" (up to 4 decimals)';

/** Exact decimal from a validated request string; null/undefined pass through as null. */
export function toDecimal(value: string | null | undefined): Decimal | null {
  if (value === null || value === undefined) return null;
  const parsed = parseExact(value);
  if (!parsed) throw new Error(`Not a decimal: ${value}`);
  return parsed;
}

/** Decimal to JSON text without trailing zeros ("72.19", not "72.1900" or 72.19). */
export const decimalText = (value: Decimal | null | undefined): string | null =>
  value == null ? null : value.toFixed();
