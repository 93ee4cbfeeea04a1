/**
 * The evaluation workflow as pure functions (no Nest, no TypeORM): which stage a caller writes, where a stage
 * moves next, which deadline guards a write. The service enforces; these decide.
 */
import type { LkeStage } from './domain/scoring';
import type { EvaluationKind, EvaluationStatus } from './entities/evaluation.entity';

/** The stages whose answers callers write (final is derived at finalisation). */
export type WritableStage = Exclude<LkeStage, 'final'>;

export type Caller = { role: 'PLANNER' | 'EVALUATOR'; isQa: boolean };

export type StageDecision =
  { ok: true; stage: WritableStage } | { ok: false; reason: 'FORBIDDEN' | 'WRONG_STAGE'; message: string };

/**
 * The answer set a caller writes in the evaluation's current status:
 * SELF_ASSESSMENT → self (the SKPD's planner; for a Pemda evaluation, the inspectorate's evaluators),
 * EVALUATION → evaluator (evaluators), QA_REVIEW → qa (QA evaluators only). FINAL → nothing.
 */
export function writableStage(status: EvaluationStatus, kind: EvaluationKind, caller: Caller): StageDecision {
  const wrong = (message: string): StageDecision => ({ ok: false, reason: 'WRONG_STAGE', message });
  const forbidden = (message: string): StageDecision => ({ ok: false, reason: 'FORBIDDEN', message });
  switch (status) {
    case 'SELF_ASSESSMENT':
      if (caller.role === 'PLANNER') return { ok: true, stage: 'self' };
      if (kind === 'PEMDA') return { ok: true, stage: 'self' };
      return wrong('The SKPD is still doing its self-assessment; evaluator answers open in EVALUATION');
    case 'EVALUATION':
      if (caller.role === 'PLANNER')
        return wrong('The self-assessment is closed; the evaluation is with the evaluators');
      return { ok: true, stage: 'evaluator' };
    case 'QA_REVIEW':
      if (caller.role === 'PLANNER') return wrong('The self-assessment is closed; the evaluation is in QA review');
      if (!caller.isQa) return forbidden('Only a QA evaluator may write answers during QA review');
      return { ok: true, stage: 'qa' };
    case 'FINAL':
      return wrong('The evaluation is final');
  }
}

/** The status an `advance` moves to; null from FINAL. */
export function nextStatus(status: EvaluationStatus): EvaluationStatus | null {
  switch (status) {
    case 'SELF_ASSESSMENT':
      return 'EVALUATION';
    case 'EVALUATION':
      return 'QA_REVIEW';
    case 'QA_REVIEW':
      return 'FINAL';
    case 'FINAL':
      return null;
  }
}

/** Who may advance from a status: evaluators move self-assessment and evaluation on; only QA evaluators finalise. */
export function mayAdvance(status: EvaluationStatus, caller: Caller): boolean {
  if (caller.role !== 'EVALUATOR') return false;
  return status === 'QA_REVIEW' ? caller.isQa : status !== 'FINAL';
}

/** The deadline column that closes writes of a stage. */
export const DEADLINE_OF = {
  self: 'selfDeadline',
  evaluator: 'evaluationDeadline',
  qa: 'qaDeadline',
} as const satisfies Record<WritableStage, string>;

/** True when a stage's window has closed (no deadline = open). */
export const isPastDeadline = (deadline: Date | null, now: Date): boolean =>
  deadline !== null && now.getTime() > deadline.getTime();

/** The final answer of a criterion: the QA answer if QA gave one, otherwise the evaluator's. */
export const finalAnswerOf = (a: { evaluatorAnswer: string | null; qaAnswer: string | null }): string | null =>
  a.qaAnswer ?? a.evaluatorAnswer;
