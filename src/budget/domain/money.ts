import type Decimal from 'decimal.js';
import { Exact } from '../../common/decimal/exact';

/**
 * Money is whole Rupiah, kept as exact decimals (never binary floats). 15 digits at most (999 triliun): exact on
 * both databases, including SQLite's 64-bit integers read back through JavaScript numbers.
 */
export const RUPIAH_PATTERN = /^\d{1,15}$/;
export const MAX_RUPIAH_DIGITS = 15;

export const ZERO = new Exact(0);

export const sum = (values: readonly (Decimal | null)[]): Decimal =>
  values.reduce<Decimal>((s, v) => (v === null ? s : s.plus(v)), ZERO);

/** realisation / pagu × 100, or null when the pagu is zero. */
export const percentOf = (part: Decimal, whole: Decimal): Decimal | null =>
  whole.isZero() ? null : part.times(100).div(whole);
