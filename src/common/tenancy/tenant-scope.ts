import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Role } from '../../auth/roles';
import { ForbiddenError, NotFoundError } from '../errors/domain-error';

/**
 * Who is calling, taken from the verified token only (never from a body or query).
 * It is the first argument of every service call; tenancy WHERE clauses are written only in this file.
 */
export interface TenantScope {
  userId: string;
  username: string;
  role: Role;
  /** Null only for SUPERADMIN, who administers the platform and sees no tenant data. */
  regionId: string | null;
  /** Set for PLANNER: the single SKPD they may read and write. Null = region-wide. */
  skpdId: string | null;
  isQa: boolean;
  correlationId: string;
}

/** The caller's region; a caller without one (SUPERADMIN) cannot touch region data. */
export function regionOf(scope: TenantScope): string {
  if (!scope.regionId) throw new ForbiddenError('This account is not attached to a region');
  return scope.regionId;
}

/** True when the caller may see rows of this SKPD (region-wide roles: every SKPD of their region). */
export const canSeeSkpd = (scope: TenantScope, skpdId: string | null): boolean =>
  scope.skpdId === null || scope.skpdId === skpdId;

/**
 * Asserts a loaded row belongs to the caller's tenant; another tenant's row is reported as missing (404),
 * so ids of other regions are never confirmed to exist.
 */
export function assertInScope<T extends { regionId: string | null; skpdId?: string | null }>(
  scope: TenantScope,
  row: T | null | undefined,
  entity: string,
): T {
  if (!row || row.regionId !== scope.regionId || (row.skpdId !== undefined && !canSeeSkpd(scope, row.skpdId)))
    throw new NotFoundError(entity);
  return row;
}

/** `find` criteria for the caller's tenant: `{ regionId }` plus `{ skpdId }` for SKPD-bound callers. */
export function scopeWhere(scope: TenantScope, opts: { skpdColumn?: string } = {}): Record<string, string> {
  const where: Record<string, string> = { regionId: regionOf(scope) };
  if (opts.skpdColumn && scope.skpdId) where[opts.skpdColumn] = scope.skpdId;
  return where;
}

/**
 * The tenant filter for a raw, parameterised read (`?` placeholders, as both drivers take them): `regionId = ?`, and
 * `<skpdColumn> = ?` for SKPD-bound callers, with their values in order. For hot paths where a query builder costs
 * more than the query.
 */
export function scopeSql(scope: TenantScope, opts: { skpdColumn?: string } = {}): { sql: string; params: string[] } {
  const where = scopeWhere(scope, opts);
  return {
    sql: Object.keys(where)
      .map((column) => `${column} = ?`)
      .join(' AND '),
    params: Object.values(where),
  };
}

/** Adds the tenant filter to a query builder (alias.regionId, and alias.<skpdColumn> for SKPD-bound callers). */
export function scoped<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  scope: TenantScope,
  opts: { skpdColumn?: string; alias?: string } = {},
): SelectQueryBuilder<T> {
  const alias = opts.alias ?? qb.alias;
  qb.andWhere(`${alias}.regionId = :scopeRegion`, { scopeRegion: regionOf(scope) });
  if (opts.skpdColumn && scope.skpdId)
    qb.andWhere(`${alias}.${opts.skpdColumn} = :scopeSkpd`, { scopeSkpd: scope.skpdId });
  return qb;
}

/** For writes a caller names an SKPD for: planners only their own; region-wide roles any SKPD of the region. */
export function assertSkpdWritable(scope: TenantScope, skpdId: string): void {
  if (!canSeeSkpd(scope, skpdId)) throw new NotFoundError('SKPD');
}
