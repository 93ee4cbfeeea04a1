import { Fraction } from '../../evaluation/domain/fraction';
import { bandFor } from '../../evaluation/domain/predicate';
import type { Band } from '../../evaluation/domain/rule-set';

/**
 * Distances between a total and the predicate bands of a rule set. Lower bounds are exclusive, so "points to a band"
 * is how far the band's lower bound lies above the total: the total must rise by MORE than that to enter the band.
 */

/** Bands best first (by upper bound, descending). */
export const bandsBestFirst = (bands: readonly Band[]): Band[] =>
  [...bands].sort((a, b) => Fraction.parse(b.upTo).cmp(Fraction.parse(a.upTo)));

/** The band directly above a predicate's band; null at the top band (or for an unknown predicate). */
export function nextBandAbove(bands: readonly Band[], predicate: string): Band | null {
  const ordered = bandsBestFirst(bands);
  const i = ordered.findIndex((b) => b.predicate === predicate);
  return i > 0 ? ordered[i - 1] : null;
}

/** True when predicate `a` is the same band as `b` or better. Unknown predicates are never "at least". */
export function atLeast(bands: readonly Band[], a: string, b: string): boolean {
  const ordered = bandsBestFirst(bands).map((x) => x.predicate);
  const ia = ordered.indexOf(a);
  const ib = ordered.indexOf(b);
  return ia >= 0 && ib >= 0 && ia <= ib;
}

/** Points from `total` to the lower bound of `predicate`'s band; 0 when the total already is in that band or above. */
export function pointsTo(total: Fraction, bands: readonly Band[], predicate: string): Fraction | null {
  const band = bands.find((b) => b.predicate === predicate);
  if (!band) return null;
  if (band.above === null) return Fraction.ZERO;
  const above = Fraction.parse(band.above);
  return total.cmp(above) > 0 ? Fraction.ZERO : above.plus(total.times(Fraction.of(-1)));
}

export interface BandGap {
  readonly predicate: string;
  /** The band's exclusive lower bound the total has to exceed. */
  readonly above: string;
  /** Exact distance (the total must rise by more than this); 0 once inside the band. */
  readonly points: Fraction;
}

export interface Gap {
  /** The next band up; null at the top band. */
  readonly next: BandGap | null;
  /** The region's target band; null without a target. `reached` when the predicate is the target or better. */
  readonly target: (BandGap & { readonly reached: boolean; readonly byYear: number }) | null;
}

/** The gap shown beside every current predicate: to the next band and to the region's target band. */
export function gapOf(
  total: Fraction,
  predicate: string,
  bands: readonly Band[],
  target: { predicate: string; year: number } | null,
): Gap {
  const nextBand = nextBandAbove(bands, predicate);
  const next =
    nextBand && nextBand.above !== null
      ? { predicate: nextBand.predicate, above: nextBand.above, points: pointsTo(total, bands, nextBand.predicate)! }
      : null;
  const targetBand = target ? bands.find((b) => b.predicate === target.predicate) : undefined;
  const targetGap =
    target && targetBand
      ? {
          predicate: targetBand.predicate,
          above: targetBand.above ?? '0',
          points: pointsTo(total, bands, targetBand.predicate)!,
          reached: atLeast(bands, predicate, targetBand.predicate),
          byYear: target.year,
        }
      : null;
  return { next, target: targetGap };
}

/** The predicate of a total under a rule set's bands (exact total). */
export const predicateOfTotal = (total: Fraction, bands: readonly Band[]): string => bandFor(total, bands).predicate;

/** JSON form: exact distances as 2-dp (half-up) and 6-dp strings. */
export function gapJson(gap: Gap) {
  const pts = (f: Fraction) => ({ points: f.toFixedHalfUp(2), pointsExact: f.toFixedHalfUp(6) });
  return {
    next: gap.next ? { predicate: gap.next.predicate, above: gap.next.above, ...pts(gap.next.points) } : null,
    target: gap.target
      ? {
          predicate: gap.target.predicate,
          byYear: gap.target.byYear,
          above: gap.target.above,
          reached: gap.target.reached,
          ...pts(gap.target.points),
        }
      : null,
  };
}
export type GapJson = ReturnType<typeof gapJson>;
