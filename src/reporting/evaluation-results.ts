import { Fraction } from '../evaluation/domain/fraction';
import type { Evaluation } from '../evaluation/entities/evaluation.entity';
import type { PemdaResult } from './domain/recap';

/** The Pemda's result of a year: the official KemenPAN-RB result when recorded, else its own FINAL worksheet. */
export function pemdaResultOf(ev: Evaluation | undefined): PemdaResult | null {
  if (ev?.officialTotalExact)
    return { total: Fraction.parseRatio(ev.officialTotalExact), predicate: ev.officialPredicate, source: 'OFFICIAL' };
  if (ev?.status === 'FINAL' && ev.finalTotalExact)
    return { total: Fraction.parseRatio(ev.finalTotalExact), predicate: ev.finalPredicate, source: 'FINAL' };
  return null;
}

/** An SKPD evaluation that counts in recaps and trends: FINAL with a stored total and predicate. */
export const isFinalSkpdResult = (
  e: Evaluation,
): e is Evaluation & { skpdId: string; finalTotalExact: string; finalPredicate: string } =>
  e.kind === 'SKPD' && e.status === 'FINAL' && !!e.skpdId && !!e.finalTotalExact && !!e.finalPredicate;

/** Columns of an evaluation the recaps read (never the rule-set snapshot, which is large). */
export const RESULT_COLUMNS = [
  'id',
  'regionId',
  'kind',
  'skpdId',
  'year',
  'status',
  'finalTotalExact',
  'finalPredicate',
  'officialTotalExact',
  'officialPredicate',
] as const;
