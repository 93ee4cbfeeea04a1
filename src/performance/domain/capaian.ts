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
  /** Higher-is-better with T = 0: any percentage would be invented (0 % hides good results, 100 % is silent). */
  | 'ZERO_TARGET'
  /** No realisation reported (null). A reported 0 is a value, not a missing one. */
  | 'MISSING_REALISATION'
  /** No target, or a range with a missing bound. */
  | 'MISSING_TARGET'
  /** A negative target or realisation: the formulas assume non-negative quantities. */
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

/** Target of a BINARY indicator: `true` or the code to reach, e.g. "Tersedia". */
export type BinaryTarget = true | string;

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

/** Reads a quantity: null → missing; not a finite Decimal → invalid; below 0 → negative. */
function readAmount(raw: unknown): Amount {
  if (raw === null || raw === undefined) return { ok: false, problem: 'missing' };
  if (!Decimal.isDecimal(raw) || !raw.isFinite()) return { ok: false, problem: 'invalid' };
  if (raw.isNegative() && !raw.isZero()) return { ok: false, problem: 'negative' };
  return { ok: true, value: new Exact(raw) };
}

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
  switch (input.polarity) {
    case 'HIGHER_IS_BETTER':
      return higherIsBetter(input.target, input.realisation);
    case 'LOWER_IS_BETTER':
      return lowerIsBetter(
        input.target,
        input.realisation,
        input.lowerIsBetterFormula ?? DEFAULT_LOWER_IS_BETTER_FORMULA,
      );
    case 'RANGE':
      return withinRange(input.target, input.realisation);
    case 'BINARY':
      return binary(input.target, input.realisation);
    default:
      // Unknown polarity from untyped data: no formula can read the target.
      return notComputable('INVALID_TARGET');
  }
}

/** C = R / T × 100. T = 0 → ZERO_TARGET (§5.3). */
function higherIsBetter(rawTarget: unknown, rawRealisation: unknown): CapaianResult {
  const target = readAmount(rawTarget);
  if (!target.ok) return targetProblem(target.problem);
  if (target.value.isZero()) return notComputable('ZERO_TARGET');
  const realisation = readAmount(rawRealisation);
  if (!realisation.ok) return realisationProblem(realisation.problem);
  return computable(percentOf(realisation.value, target.value));
}

/**
 * Lower is better (e.g. poverty rate, cases):
 * - T = 0 ("zero cases"), either formula: R = 0 → 100, R > 0 → 0 (both formulas would divide by zero).
 * - `INVERSE_DIFF` (variant A): C = (2T − R) / T × 100, floored at 0 (it turns negative once R > 2T).
 * - `INVERSE_RATIO` (variant B): C = T / R × 100. R = 0 with T > 0 is the best possible outcome, but the ratio
 *   divides by zero; by decision it yields 100 (target fully met), not a cap or infinity. Note the jump: R = 0 gives
 *   100 while a small R > 0 gives more; tenants who dislike that should use `INVERSE_DIFF` or cap in aggregates.
 */
function lowerIsBetter(rawTarget: unknown, rawRealisation: unknown, formula: LowerIsBetterFormula): CapaianResult {
  const target = readAmount(rawTarget);
  if (!target.ok) return targetProblem(target.problem);
  if (formula !== 'INVERSE_DIFF' && formula !== 'INVERSE_RATIO') return notComputable('INVALID_TARGET');
  const realisation = readAmount(rawRealisation);
  if (!realisation.ok) return realisationProblem(realisation.problem);
  const t = target.value;
  const r = realisation.value;
  if (t.isZero()) return computable(r.isZero() ? HUNDRED : ZERO);
  if (formula === 'INVERSE_DIFF') return computable(Exact.max(percentOf(t.times(2).minus(r), t), ZERO));
  return computable(r.isZero() ? HUNDRED : percentOf(t, r));
}

/**
 * Range target [L, U] (practice, not regulation; §5.1):
 * - L ≤ R ≤ U → 100 (both bounds inclusive);
 * - R > U → (2U − R) / U × 100, floored at 0 — the lower-is-better variant A measured from the upper bound;
 *   with U = 0 (then L = 0 too) any R > 0 gives 0, as for a lower-is-better zero target;
 * - R < L → R / L × 100 — the higher-is-better formula measured against the lower bound (L > 0 here, since R ≥ 0).
 * Missing bound → MISSING_TARGET; L > U → INVALID_TARGET. L = U is allowed (a point target).
 */
function withinRange(rawTarget: unknown, rawRealisation: unknown): CapaianResult {
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
  const realisation = readAmount(rawRealisation);
  if (!realisation.ok) return realisationProblem(realisation.problem);
  const r = realisation.value;
  if (r.gt(u)) return computable(u.isZero() ? ZERO : Exact.max(percentOf(u.times(2).minus(r), u), ZERO));
  if (r.lt(l)) return computable(percentOf(r, l));
  return computable(HUNDRED);
}

/**
 * Binary (ada/tidak): achieved → 100, else 0. The target is `true` or the code to reach ("Tersedia");
 * `false` or a blank code is INVALID_TARGET. The realisation is `true`/`false` or the decimal 1/0;
 * any other number is INVALID_REALISATION (negative: NEGATIVE_VALUE).
 */
function binary(rawTarget: unknown, rawRealisation: unknown): CapaianResult {
  if (rawTarget === null || rawTarget === undefined) return notComputable('MISSING_TARGET');
  const validTarget = rawTarget === true || (typeof rawTarget === 'string' && rawTarget.trim() !== '');
  if (!validTarget) return notComputable('INVALID_TARGET');
  if (typeof rawRealisation === 'boolean') return computable(rawRealisation ? HUNDRED : ZERO);
  const realisation = readAmount(rawRealisation);
  if (!realisation.ok) return realisationProblem(realisation.problem);
  if (realisation.value.eq(1)) return computable(HUNDRED);
  if (realisation.value.isZero()) return computable(ZERO);
  return notComputable('INVALID_REALISATION');
}
