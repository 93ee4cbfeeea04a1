import type Decimal from 'decimal.js';
import { Exact } from '../../common/decimal/exact';

/**
 * Quarterly SKPD performance index (issue 10): one number per SKPD and quarter so the region can act every quarter.
 *
 *   index = 70 % × capaian of the SKPD's PK to the quarter (mean, region cap applied, counted at most 100)
 *         + 30 % × progress of the SKPD's LKE evaluation of the year (0–100)
 *
 * Evaluation progress = ⅓ × share of criteria self-assessed + ⅓ × share scored by the evaluators (QA or evaluator
 * answer) + ⅓ once the evaluation is FINAL. No evaluation → 0; no computable capaian → 0 (and said so).
 */
export const CAPAIAN_WEIGHT = new Exact('0.7');
export const PROGRESS_WEIGHT = new Exact('0.3');
const HUNDRED = new Exact(100);

export interface ProgressInput {
  readonly status: string;
  readonly expected: number;
  readonly selfAnswered: number;
  readonly scored: number;
}

export function evaluationProgress(ev: ProgressInput | null): Decimal {
  if (!ev || ev.expected === 0) return new Exact(0);
  if (ev.status === 'FINAL') return HUNDRED;
  const share = (n: number) => new Exact(n).div(ev.expected).times(HUNDRED);
  return share(ev.selfAnswered).plus(share(ev.scored)).div(3);
}

export function performanceIndex(capaian: Decimal | null, progress: Decimal): Decimal {
  const c = capaian === null ? new Exact(0) : Exact.min(Exact.max(capaian, 0), HUNDRED);
  return CAPAIAN_WEIGHT.times(c).plus(PROGRESS_WEIGHT.times(progress));
}

export type Trend = 'NAIK' | 'TURUN' | 'TETAP' | 'BARU';

export const trendOf = (now: Decimal, previous: Decimal | null): Trend =>
  previous === null ? 'BARU' : now.cmp(previous) > 0 ? 'NAIK' : now.cmp(previous) < 0 ? 'TURUN' : 'TETAP';

/** The quarter before (year, quarter): Q1 → Q4 of the previous year. */
export const previousQuarter = (year: number, quarter: number): { year: number; quarter: number } =>
  quarter === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: quarter - 1 };

/** Competition ranking ("1224") by index, highest first; equal indexes share a rank, ties in code order. */
export function rankByIndex<T extends { index: Decimal; code: string }>(rows: readonly T[]): (T & { rank: number })[] {
  const ordered = [...rows].sort((a, b) => b.index.cmp(a.index) || a.code.localeCompare(b.code, 'en'));
  const out: (T & { rank: number })[] = [];
  ordered.forEach((r, i) => {
    const prev = out[i - 1];
    out.push({ ...r, rank: prev && prev.index.eq(r.index) ? prev.rank : i + 1 });
  });
  return out;
}
