import type { Evaluation } from '../evaluation/entities/evaluation.entity';

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
