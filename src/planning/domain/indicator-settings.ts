/**
 * Indicator settings that drive target checks (planning) and capaian computation (performance).
 * Domain reference §4.4 and §5. String unions, so entity columns and DTOs can reuse them as-is.
 */

/** Which direction is good: selects the capaian formula (§5.1). */
export type Polarity = 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER' | 'RANGE' | 'BINARY';
export const POLARITIES: readonly Polarity[] = ['HIGHER_IS_BETTER', 'LOWER_IS_BETTER', 'RANGE', 'BINARY'];

/**
 * The two lower-is-better formulas in use (§5.1); must be explicit per tenant or indicator.
 * - `INVERSE_DIFF` (variant A): (2T − R) / T × 100, floored at 0. The default.
 * - `INVERSE_RATIO` (variant B): T / R × 100.
 */
export type LowerIsBetterFormula = 'INVERSE_DIFF' | 'INVERSE_RATIO';
export const LOWER_IS_BETTER_FORMULAS: readonly LowerIsBetterFormula[] = ['INVERSE_DIFF', 'INVERSE_RATIO'];
export const DEFAULT_LOWER_IS_BETTER_FORMULA: LowerIsBetterFormula = 'INVERSE_DIFF';

/**
 * How four quarterly numbers become a to-date or annual figure (§5.2).
 * - `CUMULATIVE_SUM`: flows (visits, revenue, cases). Quarter values and quarter targets are increments.
 * - `LAST_VALUE`: stocks and rates (%, index, ratio). Each quarter's value is the position at that quarter's end.
 * - `AVERAGE`: mean of the reported quarters (indices measured every quarter).
 */
export type QuarterAggregation = 'CUMULATIVE_SUM' | 'LAST_VALUE' | 'AVERAGE';
export const QUARTER_AGGREGATIONS: readonly QuarterAggregation[] = ['CUMULATIVE_SUM', 'LAST_VALUE', 'AVERAGE'];

/**
 * What a quarterly target of a `CUMULATIVE_SUM` indicator means (§4.4 quarterly_target_mode):
 * - `INCREMENTAL` (default): each TW target is that quarter's share, so ΣTW I..IV = annual and to date ΣR is compared
 *   with ΣT (§5.5 #11: 300/300/300/300 for 1,200);
 * - `CUMULATIVE`: each TW target is the total to date, so TW IV = annual and to date ΣR is compared with T(TW k)
 *   (300/600/900/1,200).
 * `LAST_VALUE` targets are always positions to date (TW IV = annual) and `AVERAGE` compares with the annual target, so
 * the mode changes nothing for them.
 */
export type QuarterlyTargetMode = 'INCREMENTAL' | 'CUMULATIVE';
export const QUARTERLY_TARGET_MODES: readonly QuarterlyTargetMode[] = ['INCREMENTAL', 'CUMULATIVE'];
export const DEFAULT_QUARTERLY_TARGET_MODE: QuarterlyTargetMode = 'INCREMENTAL';

/** A triwulan (TW) of the reporting year. */
export type Quarter = 1 | 2 | 3 | 4;
export const QUARTERS: readonly Quarter[] = [1, 2, 3, 4];

/** Exactly four values, TW I..IV, index 0..3. */
export type Quarterly<T> = readonly [T, T, T, T];

const ROMAN = ['I', 'II', 'III', 'IV'] as const;

/** "TW I" .. "TW IV", as Indonesian users write it. */
export const quarterLabel = (quarter: Quarter): string => `TW ${ROMAN[quarter - 1]}`;

/** True for the integers 1..4 (guards values coming from untyped input). */
export const isQuarter = (value: unknown): value is Quarter => value === 1 || value === 2 || value === 3 || value === 4;
