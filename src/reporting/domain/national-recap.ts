import { Fraction } from '../../evaluation/domain/fraction';
import type { ResultSource } from '../../evaluation/evaluation-result';
import { rankSubjects } from './recap';

/**
 * Row data of the national recap (every region × SKPD for a year), one region at a time so the caller can stream
 * page by page. Pure: exact totals in, 2-dp half-up strings and ranks (decided on the exact totals) out.
 */

export interface NationalRegion {
  readonly code: string;
  readonly name: string;
}

export interface NationalSkpdResult {
  readonly code: string;
  readonly name: string;
  readonly total: Fraction;
  readonly predicate: string;
}

export interface NationalPemdaResult {
  readonly total: Fraction;
  readonly predicate: string | null;
  readonly source: ResultSource;
}

export interface NationalRow {
  readonly regionCode: string;
  readonly regionName: string;
  readonly skpdCode: string;
  readonly skpdName: string;
  readonly total: string;
  readonly predicate: string;
  /** Rank inside the region (competition ranking on the exact totals). */
  readonly rank: number;
}

export interface NationalRegionSummary {
  readonly regionCode: string;
  readonly regionName: string;
  readonly count: number;
  readonly average: string;
  readonly best: string;
  readonly worst: string;
  readonly pemdaTotal: string | null;
  readonly pemdaPredicate: string | null;
  /** Official KemenPAN-RB result or the Pemda's own sheet (evaluationResultOf). */
  readonly pemdaSource: ResultSource | null;
}

export interface NationalRegionBlock {
  readonly rows: readonly NationalRow[];
  readonly summary: NationalRegionSummary;
}

/** The rows of one region (ranked) and its summary line; null when it has no SKPD result. */
export function nationalRegionBlock(
  region: NationalRegion,
  results: readonly NationalSkpdResult[],
  pemda: NationalPemdaResult | null,
): NationalRegionBlock | null {
  if (results.length === 0) return null;
  const ranked = rankSubjects(results);
  const rows = ranked.map(({ subject: s, rank }) => ({
    regionCode: region.code,
    regionName: region.name,
    skpdCode: s.code,
    skpdName: s.name,
    total: s.total.toFixedHalfUp(2),
    predicate: s.predicate,
    rank,
  }));
  const mean = Fraction.sum(results.map((r) => r.total)).div(Fraction.of(results.length));
  return {
    rows,
    summary: {
      regionCode: region.code,
      regionName: region.name,
      count: results.length,
      average: mean.toFixedHalfUp(2),
      best: ranked[0].subject.total.toFixedHalfUp(2),
      worst: ranked[ranked.length - 1].subject.total.toFixedHalfUp(2),
      pemdaTotal: pemda ? pemda.total.toFixedHalfUp(2) : null,
      pemdaPredicate: pemda?.predicate ?? null,
      pemdaSource: pemda?.source ?? null,
    },
  };
}

export const nationalRecapFileName = (year: number): string => `Rekap-Predikat-SAKIP-Nasional-${year}.xlsx`;
