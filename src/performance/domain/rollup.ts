import Decimal from 'decimal.js';
import { Exact } from '../../common/decimal/exact';
import { LowerIsBetterFormula } from '../../planning/domain/indicator-settings';
import { isUsableAmount, sumOrOffender } from './amounts';
import { CapaianResult, computeCapaian } from './capaian';
import { CapPolicy, applyCap, assertValidCap } from './cap';
import { InvalidCrosscuttingError, InvalidWeightError } from './performance.errors';

/**
 * Roll-ups of many indicators (domain reference §5.4). There is no national rule, so the common practice is the
 * default: arithmetic mean of the (optionally capped) indicator capaian, excluding not-computable indicators — which
 * are counted, never averaged in as 0. Weights and the cap are parameters.
 */

export interface CapaianSummary {
  /** The (weighted) mean, unrounded; null when nothing was computable. */
  mean: Decimal | null;
  /** Items that entered the mean. */
  computedCount: number;
  /** Items left out because they were not computable. */
  notComputableCount: number;
}

export interface RollupOptions {
  /** Applied to each item before averaging (100/110/120); none by default. */
  cap?: CapPolicy;
}

export interface WeightedCapaian {
  result: CapaianResult;
  /** ≥ 0; defaults to 1. */
  weight?: Decimal;
}

function readWeight(weight: Decimal | undefined): Decimal {
  if (weight === undefined) return new Exact(1);
  if (!Decimal.isDecimal(weight) || !weight.isFinite() || (weight.isNegative() && !weight.isZero())) {
    throw new InvalidWeightError(String(weight));
  }
  return new Exact(weight);
}

/**
 * Σ wᵢ·min(cᵢ, cap) / Σ wᵢ over the computable items. Weights default to 1 (plain mean). If the computable items
 * weigh 0 in total the mean is null. Throws `InvalidWeightError` / `InvalidCapError` on bad configuration.
 */
export function weightedMeanCapaian(items: readonly WeightedCapaian[], options: RollupOptions = {}): CapaianSummary {
  assertValidCap(options.cap);
  let weightedSum: Decimal = new Exact(0);
  let totalWeight: Decimal = new Exact(0);
  let computedCount = 0;
  let notComputableCount = 0;
  for (const item of items) {
    const weight = readWeight(item.weight);
    if (!item.result.computable) {
      notComputableCount++;
      continue;
    }
    computedCount++;
    // Exact first: a result built by a caller with a plain Decimal must not round at its 20 digits here.
    weightedSum = weightedSum.plus(new Exact(applyCap(item.result.value, options.cap)).times(weight));
    totalWeight = totalWeight.plus(weight);
  }
  return { mean: totalWeight.isZero() ? null : weightedSum.div(totalWeight), computedCount, notComputableCount };
}

/** Arithmetic mean of the computable results (optionally capped first). */
export function meanCapaian(items: readonly CapaianResult[], options: RollupOptions = {}): CapaianSummary {
  return weightedMeanCapaian(
    items.map((result) => ({ result })),
    options,
  );
}

export interface RollupItem extends WeightedCapaian {
  /** Group key, e.g. a sasaran id or an SKPD id. */
  key: string;
}

export interface RollupGroup extends CapaianSummary {
  key: string;
}

/** One summary per key, in order of first appearance. */
export function rollupByKey(items: readonly RollupItem[], options: RollupOptions = {}): RollupGroup[] {
  const groups = new Map<string, RollupItem[]>();
  for (const item of items) {
    const group = groups.get(item.key);
    if (group) group.push(item);
    else groups.set(item.key, [item]);
  }
  return [...groups].map(([key, members]) => ({ key, ...weightedMeanCapaian(members, options) }));
}

export interface NestedRollupItem extends WeightedCapaian {
  /** Outer key, e.g. the SKPD. */
  groupKey: string;
  /** Inner key, e.g. the sasaran within that SKPD. */
  subgroupKey: string;
}

export interface NestedRollupGroup {
  key: string;
  /** Plain mean of the subgroup means (each subgroup counts once, whatever its number of indicators). */
  mean: Decimal | null;
  /** Subgroups that have a mean. */
  computedCount: number;
  /** Subgroups without one (all their indicators not computable). */
  notComputableCount: number;
  /** Indicators of the group that entered a subgroup mean (Σ of the subgroups' `computedCount`). */
  computedIndicatorCount: number;
  /** Indicators of the group left out as not computable (Σ of the subgroups' `notComputableCount`), shown beside the mean. */
  notComputableIndicatorCount: number;
  subgroups: RollupGroup[];
}

/**
 * Two-level roll-up, the usual "mean per sasaran, then mean of the sasaran means per SKPD" (§5.4). The cap and
 * the weights apply at the indicator level only; the outer mean is unweighted over subgroups with a mean.
 */
export function rollupTwoLevel(items: readonly NestedRollupItem[], options: RollupOptions = {}): NestedRollupGroup[] {
  const outer = new Map<string, RollupItem[]>();
  for (const item of items) {
    const inner: RollupItem = { key: item.subgroupKey, result: item.result, weight: item.weight };
    const group = outer.get(item.groupKey);
    if (group) group.push(inner);
    else outer.set(item.groupKey, [inner]);
  }
  return [...outer].map(([key, members]) => {
    const subgroups = rollupByKey(members, options);
    const means = subgroups.map((s) => s.mean).filter((m): m is Decimal => m !== null);
    return {
      key,
      mean: means.length === 0 ? null : means.reduce((sum, m) => sum.plus(m), new Exact(0)).div(means.length),
      computedCount: means.length,
      notComputableCount: subgroups.length - means.length,
      computedIndicatorCount: subgroups.reduce((n, s) => n + s.computedCount, 0),
      notComputableIndicatorCount: subgroups.reduce((n, s) => n + s.notComputableCount, 0),
      subgroups,
    };
  });
}

/** One SKPD's part of a shared (crosscutting) Pemda target, measured by its own capaian and weighted by its share. */
export interface ShareContribution {
  skpdId: string;
  /** Relative weight ≥ 0 (e.g. 60 and 40, or 0.6 and 0.4); need not add up to anything. */
  share: Decimal;
  result: CapaianResult;
}

/** One SKPD's part of a shared Pemda target that adds up: its own sub-target and realisation in the same unit. */
export interface AdditiveContribution {
  skpdId: string;
  target: Decimal | null;
  realisation: Decimal | null;
}

export type CrosscuttingInput =
  | { method: 'SHARE_WEIGHTED'; contributions: readonly ShareContribution[]; cap?: CapPolicy }
  | {
      method: 'ADDITIVE';
      polarity: 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';
      lowerIsBetterFormula?: LowerIsBetterFormula;
      contributions: readonly AdditiveContribution[];
    };

export interface CrosscuttingCapaian {
  method: 'SHARE_WEIGHTED' | 'ADDITIVE';
  /** The combined capaian (uncapped for ADDITIVE; see below). */
  result: CapaianResult;
  /** ADDITIVE only, when computable: the sums that were compared. */
  totals: { target: Decimal; realisation: Decimal } | null;
  /** Contributions that entered the combination. */
  computedCount: number;
  /** Contributions that could not (not computable, or a missing/negative sub-target or realisation). */
  notComputableCount: number;
}

/**
 * Combined capaian of a crosscutting target carried by several SKPD.
 *
 * - `SHARE_WEIGHTED`: each SKPD is measured on its own indicator; combined = Σ shareᵢ·min(cᵢ, cap) / Σ shareᵢ.
 * - `ADDITIVE`: sub-targets and realisations are quantities of the same unit that add up to the Pemda figure
 *   (cases handled, km of road, visitors); combined = capaian of ΣR against ΣT under the indicator's polarity,
 *   exactly as if the Pemda had measured it itself, so it is uncapped like any single indicator (cap it when it
 *   enters a further aggregate). A sub-target of 0 is fine as long as ΣT is not 0.
 *
 * Unlike `meanCapaian`, a combined target needs every contributor: one not-computable contribution makes the whole
 * result not computable (with that contribution's reason), because claiming the Pemda figure from part of the
 * contributors would overstate or understate it silently. The counts show how many are missing.
 * Throws `InvalidCrosscuttingError` for no contributions or shares that are all 0, `InvalidWeightError` for a bad
 * share.
 */
export function crosscuttingCapaian(input: CrosscuttingInput): CrosscuttingCapaian {
  if (input.contributions.length === 0) throw new InvalidCrosscuttingError('A crosscutting target needs contributions');
  return input.method === 'SHARE_WEIGHTED' ? shareWeighted(input.contributions, input.cap) : additive(input);
}

function shareWeighted(contributions: readonly ShareContribution[], cap: CapPolicy): CrosscuttingCapaian {
  const shares = contributions.map((c) => readWeight(c.share));
  if (shares.every((s) => s.isZero())) throw new InvalidCrosscuttingError('Crosscutting shares are all 0');
  const missing = contributions.filter((c) => !c.result.computable);
  const counts = { computedCount: contributions.length - missing.length, notComputableCount: missing.length };
  if (missing.length > 0) return { method: 'SHARE_WEIGHTED', result: missing[0].result, totals: null, ...counts };
  const summary = weightedMeanCapaian(
    contributions.map((c, i) => ({ result: c.result, weight: shares[i] })),
    { cap },
  );
  // Shares are not all 0 and every contribution is computable, so the mean exists.
  return {
    method: 'SHARE_WEIGHTED',
    result: { computable: true, value: summary.mean as Decimal },
    totals: null,
    ...counts,
  };
}

function additive(input: Extract<CrosscuttingInput, { method: 'ADDITIVE' }>): CrosscuttingCapaian {
  const contributions = input.contributions;
  const target = sumOrOffender(contributions.map((c) => c.target));
  const realisation = sumOrOffender(contributions.map((c) => c.realisation));
  const incomplete = contributions.filter((c) => !isUsableAmount(c.target) || !isUsableAmount(c.realisation));
  const counts = { computedCount: contributions.length - incomplete.length, notComputableCount: incomplete.length };
  const result = computeCapaian({
    polarity: input.polarity,
    lowerIsBetterFormula: input.lowerIsBetterFormula,
    target,
    realisation,
  });
  // A missing or negative part reaches computeCapaian as itself (see sumOrOffender), so it is never computable here.
  if (!result.computable) return { method: 'ADDITIVE', result, totals: null, ...counts };
  return {
    method: 'ADDITIVE',
    result,
    totals: { target: target as Decimal, realisation: realisation as Decimal },
    ...counts,
  };
}
