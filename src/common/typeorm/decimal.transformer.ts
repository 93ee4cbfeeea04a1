import Decimal from 'decimal.js';
import type { ValueTransformer } from 'typeorm';
import { Exact } from '../decimal/exact';

/**
 * DECIMAL columns read as Decimal on both drivers (mysql2 returns '72.1900', better-sqlite3 returns 72.19)
 * and are written as exact text, so no binary float sits between the database and the domain.
 */
export const decimalTransformer: ValueTransformer = {
  to: (v: Decimal | string | null | undefined) => (v == null ? v : new Exact(v).toFixed()),
  from: (v: string | number | null) => (v == null ? null : new Exact(v)),
};

/** Column options for an exact decimal: `@Column(decimalColumn())`. */
export const decimalColumn = (opts: { nullable?: boolean; precision?: number; scale?: number } = {}) => ({
  type: 'decimal' as const,
  precision: opts.precision ?? 18,
  scale: opts.scale ?? 4,
  nullable: opts.nullable ?? false,
  transformer: decimalTransformer,
});
