import Decimal from 'decimal.js';
import { Exact } from '../../common/decimal/exact';
import {
  DEFAULT_LOWER_IS_BETTER_FORMULA,
  LowerIsBetterFormula,
  Polarity,
} from '../../planning/domain/indicator-settings';

/**
 * Capaian (achievement) of one indicator for one period, in percent (domain reference §5.1 and §5.3).
 *
 * The value is returned uncapped and unrounded; caps apply only in aggregates (`cap.ts`, `rollup.ts`) and rounding
 * only for display (`toFixedHalfUp`). Bad or missing data never throws and never yields NaN/Infinity: it comes back
 * as `{ computable: false, reason }`, which is distinct from a real 0 %.
 */

export type NotComputableReason =
  /**
   * T = 0 where every formula divides by it: higher-is-better (0 % hides good results, 100 % is silent) and
   * lower-is-better unless the region chose the "zero cases" convention (`ZeroTargetConvention`).
   */
  | 'ZERO_TARGET'
  /** A yes/no indicator whose target for the period is "tidak" (0): nothing is to be achieved, so no capaian. */
  | 'NOT_APPLICABLE'
  /** No realisation reported (null). A reported 0 is a value, not a missing one. */
  | 'MISSING_REALISATION'
  /** No target, or a range with a missing bound. */
  | 'MISSING_TARGET'
  /** A negative target, or a negative realisation of an indicator that does not allow negative values. */
  | 'NEGATIVE_VALUE'
  /** A target that cannot be read under the polarity (not finite, wrong shape, inverted range, blank code). */
  | 'INVALID_TARGET'
  /** A realisation that cannot be read under the polarity (not finite, binary value other than 0/1). */
  | 'INVALID_REALISATION'
  /** An ordinal code that is not on the tenant's scale (`ordinal.ts`). */
  | 'UNKNOWN_CODE';

export type CapaianResult = { computable: true; value: Decimal } | { computable: false; reason: NotComputableReason };

/** Target of a RANGE indicator: achieved when lower ≤ R ≤ upper (both inclusive). */
export interface RangeBounds {
  lower: Decimal | null;
  upper: Decimal | null;
}

/**
 * Target of a BINARY indicator: `true` ("ya", stored as 1) or the code to reach, e.g. "Tersedia"; `false` ("tidak",
 * stored as 0) means nothing is to be achieved in that period (NOT_APPLICABLE).
 */
export type BinaryTarget = boolean | string;

/**
 * What a lower-is-better indicator with T = 0 scores (both formulas divide by T):
 * - `NOT_COMPUTABLE` (default): ZERO_TARGET, like higher-is-better;
 * - `ZERO_CASES`: the "zero cases" convention of domain reference §5.3 — R = 0 → 100, R > 0 → 0.
 */
export type ZeroTargetConvention = 'NOT_COMPUTABLE' | 'ZERO_CASES';
export const ZERO_TARGET_CONVENTIONS: readonly ZeroTargetConvention[] = ['NOT_COMPUTABLE', 'ZERO_CASES'];

/** Target as stored for any polarity: a number, a range, or a yes/no goal. */
export type CapaianTarget = Decimal | RangeBounds | BinaryTarget;

export interface CapaianInput {
  polarity: Polarity;
  /** HIGHER/LOWER_IS_BETTER: a Decimal. RANGE: `RangeBounds`. BINARY: `true` or a code such as "Tersedia". */
  target: CapaianTarget | null;
  /** A Decimal; for BINARY also `true`/`false` or 1/0 (achieved / not achieved). */
  realisation: Decimal | boolean | null;
  /** Only for LOWER_IS_BETTER; defaults to `INVERSE_DIFF` ((2T − R)/T). */
  lowerIsBetterFormula?: LowerIsBetterFormula;
  /** Only for LOWER_IS_BETTER with T = 0; defaults to `NOT_COMPUTABLE`. */
  zeroTargetConvention?: ZeroTargetConvention;
  /**
   * The indicator allows negative realisations (a growth rate, a correction in a series); otherwise a negative
   * realisation is NEGATIVE_VALUE. Targets are never negative. Not for BINARY.
   */
  allowsNegative?: boolean;
}

const HUNDRED = new Exact(100);
const ZERO = new Exact(0);

export const computable = (value: Decimal): CapaianResult => ({ computable: true, value });
export const notComputable = (reason: NotComputableReason): CapaianResult => ({ computable: false, reason });

/** The percentage of a computable result, or null. */
export const capaianValue = (result: CapaianResult): Decimal | null => (result.computable ? result.value : null);

/**
 * numerator × 100 / denominator with a single rounding (at 40 significant digits, in the division): multiplying
 * first means a value that is exactly a band edge (e.g. 91) is never nudged across it by an earlier rounding.
 */
const percentOf = (numerator: Decimal, denominator: Decimal): Decimal =>
  new Exact(numerator).times(HUNDRED).div(denominator);

type Amount = { ok: true; value: Decimal } | { ok: false; problem: 'missing' | 'invalid' | 'negative' };

/** Reads a quantity: null → missing; not a finite Decimal → invalid; below 0 → negative (unless allowed). */
function readAmount(raw: unknown, allowsNegative = false): Amount {
  if (raw === null || raw === undefined) return { ok: false, problem: 'missing' };
  if (!Decimal.isDecimal(raw) || !raw.isFinite()) return { ok: false, problem: 'invalid' };
  if (!allowsNegative && raw.isNegative() && !raw.isZero()) return { ok: false, problem: 'negative' };
  return { ok: true, value: new Exact(raw) };
}

/** A percentage never goes below 0 (§5.3 floors negative results): a negative realisation achieved nothing. */
const floorAtZero = (value: Decimal): Decimal => Exact.max(value, ZERO);

const targetProblem = (problem: 'missing' | 'invalid' | 'negative'): CapaianResult =>
  notComputable(problem === 'missing' ? 'MISSING_TARGET' : problem === 'invalid' ? 'INVALID_TARGET' : 'NEGATIVE_VALUE');

const realisationProblem = (problem: 'missing' | 'invalid' | 'negative'): CapaianResult =>
  notComputable(
    problem === 'missing' ? 'MISSING_REALISATION' : problem === 'invalid' ? 'INVALID_REALISATION' : 'NEGATIVE_VALUE',
  );

const isRangeBounds = (raw: unknown): raw is RangeBounds =>
  typeof raw === 'object' && raw !== null && !Decimal.isDecimal(raw) && 'lower' in raw && 'upper' in raw;

/**
 * Capaian of one indicator for one period.
 *
 * Checks run in a fixed order, so one input always gives one reason: (1) the target — missing, unreadable,
 * negative, or zero for higher-is-better; (2) the realisation — missing, unreadable, negative; (3) the formula.
 * Target problems come first because they are planning errors that no realisation can fix.
 */
export function computeCapaian(input: CapaianInput): CapaianResult {
  const negative = input.allowsNegative ?? false;
  switch (input.polarity) {
    case 'HIGHER_IS_BETTER':
      return higherIsBetter(input.target, input.realisation, negative);
    case 'LOWER_IS_BETTER':
      return lowerIsBetter(input.target, input.realisation, negative, {
        formula: input.lowerIsBetterFormula ?? DEFAULT_LOWER_IS_BETTER_FORMULA,
        zeroTarget: input.zeroTargetConvention ?? 'NOT_COMPUTABLE',
      });
    case 'RANGE':
      return withinRange(input.target, input.realisation, negative);
    case 'BINARY':
      return binary(input.target, input.realisation);
    default:
      // Unknown polarity from untyped data: no formula can read the target.
      return notComputable('INVALID_TARGET');
  }
}

/** C = R / T × 100, floored at 0 (only a negative R goes below). T = 0 → ZERO_TARGET (§5.3). */
function higherIsBetter(rawTarget: unknown, rawRealisation: unknown, allowsNegative: boolean): CapaianResult {
  const target = readAmount(rawTarget);
  if (!target.ok) return targetProblem(target.problem);
  if (target.value.isZero()) return notComputable('ZERO_TARGET');
  const realisation = readAmount(rawRealisation, allowsNegative);
  if (!realisation.ok) return realisationProblem(realisation.problem);
  return computable(floorAtZero(percentOf(realisation.value, target.value)));
}

/**
 * Lower is better (e.g. poverty rate, cases):
 * - T = 0: both formulas divide by zero, so ZERO_TARGET — unless the region chose the `ZERO_CASES` convention
 *   ("zero cases", §5.3): R ≤ 0 → 100, R > 0 → 0.
 * - `INVERSE_DIFF` (variant A): C = (2T − R) / T × 100, floored at 0 (it turns negative once R > 2T); a negative R
 *   (when allowed) gives more than 200.
 * - `INVERSE_RATIO` (variant B): C = T / R × 100. R = 0 with T > 0 is the best possible outcome, but the ratio
 *   divides by zero; by decision it yields 100 (target fully met), not a cap or infinity, and so does a negative R
 *   (when allowed; the ratio would turn negative). Note the jump: R = 0 gives 100 while a small R > 0 gives more;
 *   tenants who dislike that should use `INVERSE_DIFF` or cap in aggregates.
 */
function lowerIsBetter(
  rawTarget: unknown,
  rawRealisation: unknown,
  allowsNegative: boolean,
  rules: { formula: LowerIsBetterFormula; zeroTarget: ZeroTargetConvention },
): CapaianResult {
  const target = readAmount(rawTarget);
  if (!target.ok) return targetProblem(target.problem);
  if (rules.formula !== 'INVERSE_DIFF' && rules.formula !== 'INVERSE_RATIO') return notComputable('INVALID_TARGET');
  const t = target.value;
  if (t.isZero() && rules.zeroTarget !== 'ZERO_CASES') return notComputable('ZERO_TARGET');
  const realisation = readAmount(rawRealisation, allowsNegative);
  if (!realisation.ok) return realisationProblem(realisation.problem);
  const r = realisation.value;
  if (t.isZero()) return computable(r.gt(0) ? ZERO : HUNDRED);
  if (rules.formula === 'INVERSE_DIFF') return computable(floorAtZero(percentOf(t.times(2).minus(r), t)));
  return computable(r.gt(0) ? percentOf(t, r) : HUNDRED);
}

/**
 * Range target [L, U] (practice, not regulation; §5.1):
 * - L ≤ R ≤ U → 100 (both bounds inclusive);
 * - R > U → (2U − R) / U × 100, floored at 0 — the lower-is-better variant A measured from the upper bound;
 *   with U = 0 (then L = 0 too) any R > 0 gives 0, as for a lower-is-better zero target;
 * - R < L → R / L × 100 — the higher-is-better formula measured against the lower bound, floored at 0 (a negative
 *   R, when allowed, below L = 0 gives 0).
 * Missing bound → MISSING_TARGET; L > U → INVALID_TARGET. L = U is allowed (a point target).
 */
function withinRange(rawTarget: unknown, rawRealisation: unknown, allowsNegative: boolean): CapaianResult {
  if (rawTarget === null || rawTarget === undefined) return notComputable('MISSING_TARGET');
  if (!isRangeBounds(rawTarget)) return notComputable('INVALID_TARGET');
  const lower = readAmount(rawTarget.lower);
  const upper = readAmount(rawTarget.upper);
  for (const bound of [lower, upper])
    if (!bound.ok && bound.problem === 'missing') return notComputable('MISSING_TARGET');
  for (const bound of [lower, upper])
    if (!bound.ok && bound.problem === 'invalid') return notComputable('INVALID_TARGET');
  if (!lower.ok || !upper.ok) return notComputable('NEGATIVE_VALUE');
  const l = lower.value;
  const u = upper.value;
  if (l.gt(u)) return notComputable('INVALID_TARGET');
  const realisation = readAmount(rawRealisation, allowsNegative);
  if (!realisation.ok) return realisationProblem(realisation.problem);
  const r = realisation.value;
  if (r.gt(u)) return computable(u.isZero() ? ZERO : floorAtZero(percentOf(u.times(2).minus(r), u)));
  if (r.lt(l)) return computable(l.isZero() ? ZERO : floorAtZero(percentOf(r, l)));
  return computable(HUNDRED);
}

/**
 * Binary (ada/tidak): achieved → 100, else 0. The target is `true` or the code to reach ("Tersedia"); `false`
 * ("tidak": nothing to achieve in the period) is NOT_APPLICABLE; a blank code is INVALID_TARGET. The realisation is
 * `true`/`false` or the decimal 1/0; any other number is INVALID_REALISATION (negative: NEGATIVE_VALUE) — entry
 * refuses those (`checkRealisationValue`), so only old or imported data can reach this.
 */
function binary(rawTarget: unknown, rawRealisation: unknown): CapaianResult {
  if (rawTarget === null || rawTarget === undefined) return notComputable('MISSING_TARGET');
  if (rawTarget === false) return notComputable('NOT_APPLICABLE');
  const validTarget = rawTarget === true || (typeof rawTarget === 'string' && rawTarget.trim() !== '');
  if (!validTarget) return notComputable('INVALID_TARGET');
  if (typeof rawRealisation === 'boolean') return computable(rawRealisation ? HUNDRED : ZERO);
  const realisation = readAmount(rawRealisation);
  if (!realisation.ok) return realisationProblem(realisation.problem);
  if (realisation.value.eq(1)) return computable(HUNDRED);
  if (realisation.value.isZero()) return computable(ZERO);
  return notComputable('INVALID_REALISATION');
}
