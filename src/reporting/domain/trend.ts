import { Fraction } from '../../evaluation/domain/fraction';
import type { ResultSource } from '../../evaluation/evaluation-result';

/**
 * Row data of the multi-year trend: the Pemda's and each SKPD's total and predicate per year. Pure: exact totals in,
 * 2-dp half-up strings out; the change is computed on the exact values.
 */

export interface TrendResult {
  readonly year: number;
  readonly total: Fraction;
  readonly predicate: string | null;
  /** The Pemda's results: official KemenPAN-RB result or its own sheet (evaluationResultOf). */
  readonly source?: ResultSource;
}

export interface TrendSubject {
  /** SKPD id, or null for the Pemda. */
  readonly skpdId: string | null;
  readonly code: string;
  readonly name: string;
  readonly results: readonly TrendResult[];
}

export interface TrendCell {
  readonly total: string | null;
  readonly predicate: string | null;
  readonly source: ResultSource | null;
}

export interface TrendRow {
  readonly skpdId: string | null;
  readonly code: string;
  readonly name: string;
  /** One cell per year of `Trend.years`. */
  readonly cells: readonly TrendCell[];
  /** Last year with a result minus the first, 2 dp; null with fewer than two results. */
  readonly change: string | null;
}

export interface Trend {
  readonly years: readonly number[];
  readonly pemda: TrendRow | null;
  readonly skpds: readonly TrendRow[];
}

const MINUS_ONE = Fraction.of(-1);

function rowOf(subject: TrendSubject, years: readonly number[]): TrendRow {
  const byYear = new Map(subject.results.map((r) => [r.year, r]));
  const ordered = [...subject.results].sort((a, b) => a.year - b.year);
  const first = ordered[0];
  const last = ordered[ordered.length - 1];
  return {
    skpdId: subject.skpdId,
    code: subject.code,
    name: subject.name,
    cells: years.map((y) => {
      const r = byYear.get(y);
      return { total: r ? r.total.toFixedHalfUp(2) : null, predicate: r?.predicate ?? null, source: r?.source ?? null };
    }),
    change: ordered.length >= 2 ? last.total.plus(first.total.times(MINUS_ONE)).toFixedHalfUp(2) : null,
  };
}

/** Years ascending (every year any subject has a result); SKPDs by code. */
export function buildTrend(pemda: TrendSubject | null, skpds: readonly TrendSubject[]): Trend {
  const years = [...new Set([...(pemda?.results ?? []), ...skpds.flatMap((s) => s.results)].map((r) => r.year))].sort(
    (a, b) => a - b,
  );
  return {
    years,
    pemda: pemda && pemda.results.length ? rowOf(pemda, years) : null,
    skpds: [...skpds]
      .filter((s) => s.results.length)
      .sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }))
      .map((s) => rowOf(s, years)),
  };
}

export const trendFileName = (regionSlug: string, fromYear: number, toYear: number): string =>
  `Tren-Nilai-SAKIP-${regionSlug}-${fromYear}-${toYear}.xlsx`;
