import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { roleHas } from '../auth/roles';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { criteriaOf, subComponentsOf } from '../evaluation/domain/rule-set';
import { RECOMMENDATION_STATUSES } from '../evaluation/entities/evaluation-recommendation.entity';
import { EvaluationAnswersService } from '../evaluation/evaluation-answers.service';
import { mayAdvance, nextStatus, writableStage, type WritableStage } from '../evaluation/evaluation-workflow';
import { EvaluationsService } from '../evaluation/evaluations.service';
import { RecommendationsService } from '../evaluation/recommendations.service';
import type { FieldMessages } from './console-forms';
import { labelOf } from './console-labels';
import type { ConsoleRequest } from './console-session';
import { ConsoleViews } from './console-views';
import { lkeSheet, type Typed } from './domain/lke-sheet';

const STAGE_LABELS: Record<WritableStage, string> = {
  self: 'Penilaian mandiri',
  evaluator: 'Evaluator',
  qa: 'Penjaminan mutu (QA)',
};
const STATUS_ACTIONS: Record<string, string> = {
  SELF_ASSESSMENT: 'Tutup penilaian mandiri, mulai evaluasi',
  EVALUATION: 'Serahkan ke penjaminan mutu (QA)',
  QA_REVIEW: 'Finalkan evaluasi',
};
/** The deadline that matters in each status (the evaluation's own stage schedule). */
const DEADLINE_OF: Record<string, 'selfDeadline' | 'evaluationDeadline' | 'qaDeadline'> = {
  SELF_ASSESSMENT: 'selfDeadline',
  EVALUATION: 'evaluationDeadline',
  QA_REVIEW: 'qaDeadline',
};

/** The answer set an evaluator writes in this status (QA in QA_REVIEW), or null when the page is read-only. */
export function writingStageOf(scope: TenantScope, status: string, kind: string): WritableStage | null {
  if (scope.role !== 'EVALUATOR') return null;
  const d = writableStage(status as never, kind as never, { role: 'EVALUATOR', isQa: scope.isQa });
  return d.ok ? d.stage : null;
}

/** What a recommendation form shows again after an error. */
export interface RecommendationForm {
  /** `baru` for the new-recommendation form, else the recommendation's id. */
  key: string;
  values: { text?: string; refId?: string; status?: string };
  errors: FieldMessages;
}

export interface LkePageState {
  errors?: FieldMessages;
  summary?: string | null;
  typed?: Typed | null;
  notice?: string;
  status?: number;
  recommendation?: RecommendationForm;
}

/**
 * The evaluation page (LKE sheet grouped by component, stage subtotals side by side, the stage action, the
 * recommendations), shared by the answer and the recommendation routes: EvaluationsService, EvaluationAnswersService
 * and RecommendationsService with the caller's scope, as behind /evaluations/:id, /answers, /score, /recommendations.
 */
@Injectable()
export class ConsoleLkePage {
  constructor(
    private readonly views: ConsoleViews,
    private readonly evaluations: EvaluationsService,
    private readonly answers: EvaluationAnswersService,
    private readonly recommendations: RecommendationsService,
  ) {}

  async render(req: ConsoleRequest, res: Response, id: string, state: LkePageState = {}): Promise<void> {
    const scope = req.scope!;
    const [ev, rows, ruleSet, score, recommendations] = await Promise.all([
      this.evaluations.get(scope, id),
      this.answers.list(scope, id),
      this.evaluations.ruleSet(scope, id),
      this.evaluations.score(scope, id),
      this.recommendations.list(scope, id),
    ]);
    const stage = writingStageOf(scope, ev.status, ev.kind);
    const canAdvance =
      scope.role === 'EVALUATOR' &&
      roleHas(scope.role, 'evaluation.score') &&
      mayAdvance(ev.status, { role: 'EVALUATOR', isQa: scope.isQa });
    const canRecommend = roleHas(scope.role, 'evaluation.recommend') && !ev.supersededAt;
    const preview = score.stages.final;
    const sheet = lkeSheet(ruleSet, rows, stage, score.stages, state.typed ?? null, state.errors ?? {});
    const form = state.recommendation;
    const refs = [
      ...ruleSet.components.map((c) => ({ id: c.id, label: `${c.id} ${c.name}` })),
      ...subComponentsOf(ruleSet).map((s) => ({ id: s.id, label: `${s.id} ${s.name}` })),
      ...criteriaOf(ruleSet).map((k) => ({ id: k.id, label: `${k.id} ${k.text.slice(0, 80)}` })),
    ].sort((a, b) => a.id.localeCompare(b.id, 'id', { numeric: true }));
    const deadlineField = DEADLINE_OF[ev.status];
    this.views.render(
      req,
      res,
      'lke',
      {
        title: `LKE ${ev.skpdName ?? 'Pemda'} ${ev.year}`,
        ev,
        isFinal: ev.status === 'FINAL',
        stage,
        stageLabel: stage ? STAGE_LABELS[stage] : null,
        sheet,
        deadlines: [
          { label: 'Penilaian mandiri', at: ev.selfDeadline, current: deadlineField === 'selfDeadline' },
          { label: 'Evaluasi', at: ev.evaluationDeadline, current: deadlineField === 'evaluationDeadline' },
          { label: 'Penjaminan mutu', at: ev.qaDeadline, current: deadlineField === 'qaDeadline' },
        ].filter((d) => d.at),
        canAdvance,
        advanceLabel: STATUS_ACTIONS[ev.status],
        finalising: nextStatus(ev.status) === 'FINAL',
        preview: {
          total: preview.totalDisplay,
          predicate: preview.predicate,
          missing: preview.missing,
          violations: preview.violations,
        },
        canRecommend,
        recommendations: recommendations.map((r, i) => {
          const mine = form?.key === r.id ? form : null;
          return {
            ...r,
            n: i + 1,
            statusLabel: labelOf('recommendation', r.status),
            done: r.status === 'DONE',
            text: mine?.values.text ?? r.text,
            errors: mine?.errors ?? {},
            statuses: RECOMMENDATION_STATUSES.map((code) => ({
              code,
              label: labelOf('recommendation', code),
              selected: code === (mine?.values.status ?? r.status),
            })),
          };
        }),
        newRecommendation: {
          text: form?.key === 'baru' ? (form.values.text ?? '') : '',
          errors: form?.key === 'baru' ? form.errors : {},
          refs: refs.map((r) => ({ ...r, selected: form?.key === 'baru' && r.id === form.values.refId })),
        },
        summary: state.summary ?? null,
        notice: state.notice,
      },
      state.status ?? 200,
    );
  }
}
