import Decimal from 'decimal.js';
import { Exact } from '../../common/decimal/exact';
import {
  LowerIsBetterFormula,
  Polarity,
  Quarter,
  QuarterAggregation,
  Quarterly,
  QuarterlyTargetMode,
  QUARTERS,
  isQuarter,
} from '../../planning/domain/indicator-settings';
import { CapaianTarget, NotComputableReason, ZeroTargetConvention, computeCapaian } from './capaian';
import { isUsableAmount, sumOrOffender } from './amounts';
import { InvalidQuarterError, UnsupportedAggregationError } from './performance.errors';

/**
 * Quarterly aggregation (domain reference §5.2): which realisation is compared with which target, to a quarter and
 * for the year. The reporting quarter is always a parameter — never the server clock (§11 pitfall 7) — and a null
 * realisation means "not reported", never 0 (§5.5 #14).
 *
 * | aggregation      | to quarter k                                         | year                                  |
 * |------------------|------------------------------------------------------|---------------------------------------|
 * | `CUMULATIVE_SUM` | ΣR(1..j) vs ΣT(1..j), j = last reported quarter ≤ k   | ΣR(1..4) vs annual T; all 4 required  |
 * |   + `CUMULATIVE` | ΣR(1..j) vs T(j) (the target to date)                 | ΣR(1..4) vs annual T; all 4 required  |
 * |   + `RANGE`      | ΣR(1..j) vs the band (the target to date)             | ΣR(1..4) vs the band; all 4 required  |
 * | `LAST_VALUE`     | R(j) vs T(j), j = last reported quarter ≤ k           | R(TW IV) vs annual T; TW IV required  |
 * | `AVERAGE`        | mean of reported R(1..k) vs annual T                  | mean of reported R(1..4) vs annual T  |
 *
 * The annual `LAST_VALUE` figure is R(TW IV) (§5.2): an earlier quarter's position against the annual target would
 * understate a rising target (§5.5 #13: 66 at TW III vs 100 for the year), so without TW IV it is MISSING_REALISATION;
 * the position so far is `capaianToQuarter(…, quarter: 4)`, which compares R(j) with T(j).
 *
 * `CUMULATIVE_SUM` treats quarter values as increments. A quarter left empty *between* reported quarters makes the
 * sum unknowable, so it is MISSING_REALISATION (not 0). Trailing empty quarters just end the window early ("s.d.
 * TW II" when TW III is not in yet); the result says which quarters were used. The annual sum needs all four
 * quarters, because ΣR(1..3) against the annual target is the classic understatement (§5.5 #11, 70.83).
 *
 * Reason precedence: no reported quarter (or a gap in a sum) → MISSING_REALISATION first, since no window exists;
 * then the rules of `computeCapaian` (target problems, then realisation problems, then the formula).
 *
 * A RANGE band cannot be split into quarterly shares: it bounds the total, so a summed RANGE indicator compares
 * ΣR to date with the band itself, like cumulative (to-date) targets — ΣT(1..4) must equal the annual target
 * (§5.2), and adding the band four times would make TW IV to date disagree with the year from the same quarters.
 *
 * Negative realisations enter sums and means only when the indicator allows them (`allowsNegative`); otherwise the
 * first one is reported as NEGATIVE_VALUE (entry refuses them, so only old data can reach this).
 *
 * BINARY indicators support only `LAST_VALUE` (realisations 1/0); summing or averaging yes/no answers is a
 * configuration error and throws `UnsupportedAggregationError`.
 */

/** A quarter or annual target: a Decimal, or `RangeBounds` for RANGE, or `true`/a code for BINARY. */
export type QuarterTarget = CapaianTarget;

export interface QuarterSeriesInput {
  polarity: Polarity;
  lowerIsBetterFormula?: LowerIsBetterFormula;
  aggregation: QuarterAggregation;
  /**
   * TW I..IV targets. For `CUMULATIVE_SUM` increments, or totals to date when `quarterlyTargetMode` is `CUMULATIVE`;
   * to-date positions for `LAST_VALUE`; unused by `AVERAGE`.
   */
  quarterTargets: Quarterly<QuarterTarget | null>;
  annualTarget: QuarterTarget | null;
  /** TW I..IV realisations; null = not reported. */
  realisations: Quarterly<Decimal | null>;
  /** Only read for `CUMULATIVE_SUM`; defaults to `INCREMENTAL` (see `QuarterlyTargetMode`). */
  quarterlyTargetMode?: QuarterlyTargetMode;
  /** See `CapaianInput.zeroTargetConvention`. */
  zeroTargetConvention?: ZeroTargetConvention;
  /** See `CapaianInput.allowsNegative`. */
  allowsNegative?: boolean;
}

export interface CapaianToQuarterInput extends QuarterSeriesInput {
  /** The reporting quarter k (1..4). */
  quarter: Quarter;
}

/**
 * The capaian plus what it compared, so reports can show "ΣR / ΣT" and "s.d. TW II".
 * `quarters` = the realisation quarters that entered the figure (empty when none was reported).
 */
export type AggregatedCapaian =
  | { computable: true; value: Decimal; realisation: Decimal; target: QuarterTarget; quarters: readonly Quarter[] }
  | { computable: false; reason: NotComputableReason; quarters: readonly Quarter[] };

/** Capaian to date at quarter k (cumulative up to k; see the table above). */
export function capaianToQuarter(input: CapaianToQuarterInput): AggregatedCapaian {
  if (!isQuarter(input.quarter)) throw new InvalidQuarterError(input.quarter);
  return aggregate(input, input.quarter, false);
}

/** Annual capaian against the annual target (see the table above). */
export function capaianForYear(input: QuarterSeriesInput): AggregatedCapaian {
  return aggregate(input, 4, true);
}

function aggregate(input: QuarterSeriesInput, upTo: Quarter, annual: boolean): AggregatedCapaian {
  if (input.polarity === 'BINARY' && input.aggregation !== 'LAST_VALUE') {
    throw new UnsupportedAggregationError(input.polarity, input.aggregation);
  }
  const reported = QUARTERS.filter((q) => q <= upTo && input.realisations[q - 1] !== null);
  if (reported.length === 0) return { computable: false, reason: 'MISSING_REALISATION', quarters: [] };
  const last = reported[reported.length - 1];

  switch (input.aggregation) {
    case 'CUMULATIVE_SUM': {
      const window = QUARTERS.filter((q) => q <= (annual ? 4 : last));
      if (window.length !== reported.length)
        return { computable: false, reason: 'MISSING_REALISATION', quarters: reported };
      const target = annual
        ? input.annualTarget
        : input.quarterlyTargetMode === 'CUMULATIVE' || input.polarity === 'RANGE'
          ? input.quarterTargets[last - 1]
          : sumTargets(window.map((q) => input.quarterTargets[q - 1]));
      const sum = sumOrOffender(
        window.map((q) => input.realisations[q - 1]),
        input.allowsNegative,
      );
      return compare(input, target, sum, window);
    }
    case 'LAST_VALUE': {
      if (annual && last !== 4) return { computable: false, reason: 'MISSING_REALISATION', quarters: reported };
      const target = annual ? input.annualTarget : input.quarterTargets[last - 1];
      return compare(input, target, input.realisations[last - 1], [last]);
    }
    case 'AVERAGE': {
      const values = reported.map((q) => input.realisations[q - 1]);
      const sum = sumOrOffender(values, input.allowsNegative);
      const mean = isUsableAmount(sum, input.allowsNegative) ? new Exact(sum).div(values.length) : sum;
      return compare(input, input.annualTarget, mean, reported);
    }
    default:
      throw new UnsupportedAggregationError(input.polarity, String(input.aggregation));
  }
}

function compare(
  input: QuarterSeriesInput,
  target: QuarterTarget | null,
  realisation: Decimal | null,
  quarters: readonly Quarter[],
): AggregatedCapaian {
  const result = computeCapaian({
    polarity: input.polarity,
    lowerIsBetterFormula: input.lowerIsBetterFormula,
    zeroTargetConvention: input.zeroTargetConvention,
    allowsNegative: input.allowsNegative,
    target,
    realisation,
  });
  if (!result.computable) return { ...result, quarters };
  // computeCapaian accepted both, so neither is null here.
  return {
    computable: true,
    value: result.value,
    realisation: realisation as Decimal,
    target: target as QuarterTarget,
    quarters,
  };
}

/**
 * ΣT for incremental targets. Anything but usable Decimals — a missing, unreadable or negative target, or a range
 * (a band is never summed, see above) — is returned as-is (the first offender) for `computeCapaian` to reject with
 * its reason.
 */
function sumTargets(targets: readonly (QuarterTarget | null)[]): QuarterTarget | null {
  const firstBad = targets.find((t) => !isUsableAmount(t));
  return firstBad !== undefined ? firstBad : sumOrOffender(targets as Decimal[]);
}
