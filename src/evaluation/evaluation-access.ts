import type { EntityManager } from 'typeorm';
import { DomainError, LockedError, NotFoundError } from '../common/errors/domain-error';
import { scoped, type TenantScope } from '../common/tenancy/tenant-scope';
import type { LkeStage } from './domain/scoring';
import { Evaluation } from './entities/evaluation.entity';
import { EvaluationAnswer } from './entities/evaluation-answer.entity';

/**
 * An evaluation the caller may see: their region, and for planners only their own SKPD's (never the Pemda's).
 * Anything else is a 404. `lock` takes a write lock (MySQL) so concurrent stage moves serialise; `columns` reads only
 * those (the row's other fields stay undefined).
 */
export async function findEvaluation(
  m: EntityManager,
  scope: TenantScope,
  id: string,
  opts: { lock?: boolean; columns?: readonly (keyof Evaluation)[] } = {},
): Promise<Evaluation> {
  const qb = scoped(m.createQueryBuilder(Evaluation, 'e'), scope, { skpdColumn: 'skpdId' }).andWhere('e.id = :id', {
    id,
  });
  if (opts.columns) qb.select(opts.columns.map((c) => `e.${c}`));
  if (opts.lock && m.connection.options.type === 'mysql') qb.setLock('pessimistic_write');
  const row = await qb.getOne();
  if (!row) throw new NotFoundError('Evaluation');
  return row;
}

/** Superseded revisions and FINAL evaluations take no more answers or stage moves: 409 LOCKED. */
export function assertNotLocked(ev: Evaluation): void {
  if (ev.supersededAt)
    throw new LockedError(`Evaluation revision ${ev.revision} was superseded by a reopen; it is read-only`);
  if (ev.status === 'FINAL')
    throw new LockedError('The evaluation is final and can no longer change; a region admin may reopen it');
}

export const superseded = (ev: Evaluation): void => {
  if (ev.supersededAt)
    throw new LockedError(`Evaluation revision ${ev.revision} was superseded by a reopen; it is read-only`);
};

export class PeriodClosedError extends DomainError {
  constructor(what: string, deadline: Date) {
    super('PERIOD_CLOSED', 'conflict', `The ${what} window closed at ${deadline.toISOString()}`);
  }
}

export { snapshotOf } from './rule-set-snapshot-store';

export const loadAnswers = (m: EntityManager, ev: Evaluation): Promise<EvaluationAnswer[]> =>
  m.find(EvaluationAnswer, { where: { evaluationId: ev.id, regionId: ev.regionId }, order: { criterionId: 'ASC' } });

const FIELD: Record<LkeStage, 'selfAnswer' | 'evaluatorAnswer' | 'qaAnswer' | 'finalAnswer'> = {
  self: 'selfAnswer',
  evaluator: 'evaluatorAnswer',
  qa: 'qaAnswer',
  final: 'finalAnswer',
};
export const answerField = (stage: LkeStage) => FIELD[stage];
export const noteField = (stage: Exclude<LkeStage, 'final'>) =>
  `${stage}Note` as 'selfNote' | 'evaluatorNote' | 'qaNote';

/** One stage's answers as the scoring engine takes them. */
export const stageAnswers = (rows: readonly EvaluationAnswer[], stage: LkeStage): Map<string, string | null> =>
  new Map(rows.map((r) => [r.criterionId, r[FIELD[stage]]]));
