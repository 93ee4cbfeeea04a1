import { Fraction } from './domain/fraction';
import type { Evaluation } from './entities/evaluation.entity';

/**
 * Where a result comes from: the official KemenPAN-RB result recorded for a Pemda evaluation, or the evaluation's own
 * FINAL worksheet (LKE). The two may differ (e.g. 68.63 official against 68.64 on the region's own sheet).
 */
export type ResultSource = 'OFFICIAL' | 'OWN_SHEET';

/** How workbooks name each source (Indonesian). */
export const RESULT_SOURCE_LABELS: Record<ResultSource, string> = {
  OFFICIAL: 'Hasil resmi KemenPAN-RB',
  OWN_SHEET: 'Lembar kerja evaluasi sendiri (FINAL)',
};

export interface EvaluationResult {
  readonly total: Fraction;
  readonly predicate: string;
  readonly source: ResultSource;
}

type ResultColumns = Pick<
  Evaluation,
  'status' | 'finalTotalExact' | 'finalPredicate' | 'officialTotalExact' | 'officialPredicate'
>;

/**
 * THE result of an evaluation (the region's result in a year, for the Pemda evaluation): the official KemenPAN-RB
 * result when recorded, else its own FINAL worksheet's total; null when it has neither. Every report, workbook and
 * progress view reads the result through this function.
 */
export function evaluationResultOf(ev: ResultColumns | undefined | null): EvaluationResult | null {
  if (ev?.officialTotalExact && ev.officialPredicate)
    return { total: Fraction.parseRatio(ev.officialTotalExact), predicate: ev.officialPredicate, source: 'OFFICIAL' };
  if (ev?.status === 'FINAL' && ev.finalTotalExact && ev.finalPredicate)
    return { total: Fraction.parseRatio(ev.finalTotalExact), predicate: ev.finalPredicate, source: 'OWN_SHEET' };
  return null;
}
