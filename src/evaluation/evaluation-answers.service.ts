import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import {
  ConflictError,
  ForbiddenError,
  type FieldError,
  InvalidStateError,
  StaleVersionError,
  UnprocessableError,
} from '../common/errors/domain-error';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { updateWithVersion } from '../common/typeorm/versioned-update';
import { EvidenceLinkService } from '../evidence/evidence-links.service';
import { subComponentsOf } from './domain/rule-set';
import { type EvaluationScore, scoreEvaluation } from './domain/scoring';
import type { SaveAnswersDto, VersionDto } from './dto/evaluation.dto';
import { type EvaluationResponseDto, toEvaluationResponse } from './dto/evaluation-response.dto';
import { EvaluationAnswer } from './entities/evaluation-answer.entity';
import { Evaluation } from './entities/evaluation.entity';
import {
  answerField,
  assertNotLocked,
  findEvaluation,
  loadAnswers,
  noteField,
  PeriodClosedError,
  snapshotOf,
  stageAnswers,
} from './evaluation-access';
import {
  DEADLINE_OF,
  finalAnswerOf,
  isPastDeadline,
  mayAdvance,
  nextStatus,
  type WritableStage,
  writableStage,
} from './evaluation-workflow';
import { applyTotals } from './evaluations.service';
import { storeStageScores } from './stage-scores';

export interface AnswerRowDto {
  criterionId: string;
  subComponentId: string;
  text: string;
  selfAnswer: string | null;
  selfNote: string | null;
  evaluatorAnswer: string | null;
  evaluatorNote: string | null;
  qaAnswer: string | null;
  qaNote: string | null;
  finalAnswer: string | null;
  evidenceIds: string[];
}

/** After a write: completeness and consistency of the sheet the stage produces (for QA: QA-else-evaluator answers). */
export interface SaveAnswersResult {
  stage: WritableStage;
  evaluation: EvaluationResponseDto;
  status: 'COMPLETE' | 'INCOMPLETE';
  missing: string[];
  violations: { ruleId: string; criterionId: string; referenceId: string; severity: string; message: string }[];
}

const STAGE_LABEL: Record<WritableStage, string> = {
  self: 'self-assessment',
  evaluator: 'evaluation',
  qa: 'QA review',
};

@Injectable()
export class EvaluationAnswersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly evidence: EvidenceLinkService,
  ) {}

  /** Every slot of the worksheet (criteria, or sub-components in SUBCOMPONENT_GRADE mode) with the answers of each stage. */
  async list(scope: TenantScope, id: string): Promise<AnswerRowDto[]> {
    const m = this.db.manager;
    const ev = await findEvaluation(m, scope, id);
    const ruleSet = await snapshotOf(m, ev);
    const rows = new Map((await loadAnswers(m, ev)).map((r) => [r.criterionId, r]));
    const links = await this.evidence.linkedIds(
      m,
      scope,
      'EVALUATION_ANSWER',
      [...rows.values()].map((r) => r.id),
    );
    const slots =
      ruleSet.aggregationMode === 'SUBCOMPONENT_GRADE'
        ? subComponentsOf(ruleSet).map((s) => ({ id: s.id, sub: s.id, text: s.name }))
        : subComponentsOf(ruleSet).flatMap((s) => s.criteria.map((k) => ({ id: k.id, sub: s.id, text: k.text })));
    return slots.map((slot) => {
      const r = rows.get(slot.id);
      return {
        criterionId: slot.id,
        subComponentId: slot.sub,
        text: slot.text,
        selfAnswer: r?.selfAnswer ?? null,
        selfNote: r?.selfNote ?? null,
        evaluatorAnswer: r?.evaluatorAnswer ?? null,
        evaluatorNote: r?.evaluatorNote ?? null,
        qaAnswer: r?.qaAnswer ?? null,
        qaNote: r?.qaNote ?? null,
        finalAnswer: r?.finalAnswer ?? null,
        evidenceIds: r ? (links.get(r.id) ?? []) : [],
      };
    });
  }

  /**
   * Writes a batch of answers for the caller's stage (see writableStage): all-or-nothing, validated against the
   * evaluation's rule-set snapshot, audited, and the stage's stored total/predicate recomputed.
   * `route` = 'self' for the planners' self-assessment route, 'staff' for the evaluators' route.
   * Every write needs the evaluation's `version` as read and moves it (409 STALE_VERSION if it changed meanwhile), so
   * concurrent writers cannot overwrite each other; `preview` (the Excel import, whose token binds the version) says
   * 409 PREVIEW_STALE instead.
   */
  async save(
    scope: TenantScope,
    id: string,
    dto: SaveAnswersDto,
    route: 'self' | 'staff',
    opts: { preview?: boolean } = {},
  ): Promise<SaveAnswersResult> {
    return this.db.transaction(async (m) => {
      const ev = await findEvaluation(m, scope, id, { lock: true });
      assertNotLocked(ev);
      if (ev.version !== dto.version) throw staleError(opts);
      const decision = writableStage(ev.status, ev.kind, {
        role: route === 'self' ? 'PLANNER' : 'EVALUATOR',
        isQa: scope.isQa,
      });
      if (!decision.ok) {
        if (decision.reason === 'FORBIDDEN') throw new ForbiddenError(decision.message);
        throw new InvalidStateError('WRONG_STAGE', `${decision.message} (status ${ev.status})`);
      }
      const stage = decision.stage;
      const deadline = ev[DEADLINE_OF[stage]];
      if (isPastDeadline(deadline, new Date())) throw new PeriodClosedError(STAGE_LABEL[stage], deadline!);

      const ruleSet = await snapshotOf(m, ev);
      const errors: FieldError[] = [];
      const seen = new Set<string>();
      dto.answers.forEach((a, i) => {
        if (seen.has(a.criterionId))
          errors.push({
            field: `answers.${i}.criterionId`,
            messages: [`"${a.criterionId}" appears twice in this batch`],
          });
        seen.add(a.criterionId);
        if (a.evidenceIds && stage !== 'self')
          errors.push({
            field: `answers.${i}.evidenceIds`,
            messages: ['evidence is linked during the self-assessment'],
          });
      });
      if (errors.length) throw new UnprocessableError('INVALID_ANSWER', 'Invalid LKE answers', errors);

      const existing = await m.find(EvaluationAnswer, { where: { evaluationId: ev.id, regionId: ev.regionId } });
      const byId = new Map(existing.map((r) => [r.criterionId, r]));
      const aField = answerField(stage);
      const nField = noteField(stage);
      const merged = stageAnswers(existing, stage);
      for (const a of dto.answers) if (a.answer !== undefined) merged.set(a.criterionId, a.answer);
      // The engine checks every id and code against the snapshot and lists every problem (422 INVALID_ANSWER).
      const score = scoreEvaluation(ruleSet, merged);
      await moveVersion(m, ev, dto.version, stage, score, opts);

      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const a of dto.answers) {
        let row = byId.get(a.criterionId);
        if (!row)
          row = m.create(EvaluationAnswer, { regionId: ev.regionId, evaluationId: ev.id, criterionId: a.criterionId });
        if (a.answer !== undefined) {
          before[a.criterionId] = row[aField] ?? null;
          after[a.criterionId] = a.answer;
          row[aField] = a.answer;
        }
        if (a.note !== undefined) {
          before[`${a.criterionId}.note`] = row[nField] ?? null;
          after[`${a.criterionId}.note`] = a.note;
          row[nField] = a.note;
        }
        await m.save(row);
        byId.set(a.criterionId, row);
        if (a.evidenceIds)
          await this.evidence.replace(
            m,
            scope,
            { type: 'EVALUATION_ANSWER', id: row.id, skpdId: ev.skpdId },
            a.evidenceIds,
          );
      }
      await storeStageScores(m, ev, ruleSet, [...byId.values()]);
      // QA prepares the final sheet: report completeness and violations of QA-else-evaluator answers.
      const sheet =
        stage === 'qa'
          ? scoreEvaluation(ruleSet, new Map([...byId.values()].map((r) => [r.criterionId, finalAnswerOf(r)] as const)))
          : score;
      await this.audit.record(m, scope, {
        action: `ANSWER_${stage.toUpperCase()}`,
        entity: 'Evaluation',
        entityId: ev.id,
        regionId: ev.regionId,
        before,
        after,
      });
      return {
        stage,
        evaluation: toEvaluationResponse(ev),
        status: sheet.status,
        missing: [...sheet.missing],
        violations: sheet.violations.map((v) => ({ ...v })),
      };
    });
  }

  /** The SKPD's planner hands the self-assessment to the evaluators (SELF_ASSESSMENT → EVALUATION). */
  async submit(scope: TenantScope, id: string, dto: VersionDto): Promise<EvaluationResponseDto> {
    return this.db.transaction(async (m) => {
      const ev = await findEvaluation(m, scope, id, { lock: true });
      assertNotLocked(ev);
      if (ev.status !== 'SELF_ASSESSMENT')
        throw new InvalidStateError('WRONG_STAGE', `The self-assessment was already submitted (status ${ev.status})`);
      return this.move(m, scope, ev, dto.version, 'EVALUATION', {});
    });
  }

  /**
   * Moves the evaluation to its next stage. Evaluators move SELF_ASSESSMENT → EVALUATION → QA_REVIEW; only a QA
   * evaluator finalises, which needs every final answer (QA else evaluator) given and no ERROR consistency violation.
   */
  async advance(scope: TenantScope, id: string, dto: VersionDto): Promise<EvaluationResponseDto> {
    return this.db.transaction(async (m) => {
      const ev = await findEvaluation(m, scope, id, { lock: true });
      assertNotLocked(ev);
      if (!mayAdvance(ev.status, { role: 'EVALUATOR', isQa: scope.isQa }))
        throw new ForbiddenError('Only a QA evaluator may finalise an evaluation');
      const next = nextStatus(ev.status)!;
      if (next !== 'FINAL') return this.move(m, scope, ev, dto.version, next, {});

      const rows = await loadAnswers(m, ev);
      const finals = new Map(rows.map((r) => [r.criterionId, finalAnswerOf(r)] as const));
      const ruleSet = await snapshotOf(m, ev);
      const score = scoreEvaluation(ruleSet, finals);
      if (score.status === 'INCOMPLETE')
        throw new UnprocessableError(
          'EVALUATION_INCOMPLETE',
          `${score.missing.length} criteria have no evaluator or QA answer`,
          score.missing.map((c) => ({ field: c, messages: ['belum dijawab'] })),
        );
      const blocking = score.violations.filter((v) => v.severity === 'ERROR');
      if (blocking.length)
        throw new UnprocessableError(
          'CONSISTENCY_VIOLATION',
          `${blocking.length} consistency rule violation(s) block finalisation`,
          blocking.map((v) => ({
            field: v.criterionId,
            messages: [v.message],
            ruleId: v.ruleId,
            referenceId: v.referenceId,
          })),
        );
      for (const r of rows) {
        r.finalAnswer = finalAnswerOf(r);
        await m.update(EvaluationAnswer, { id: r.id }, { finalAnswer: r.finalAnswer });
      }
      await storeStageScores(m, { ...ev, status: 'FINAL' }, ruleSet, rows);
      const changes: Partial<Evaluation> = { finalizedAt: new Date(), finalizedBy: scope.userId };
      applyTotals(changes as Evaluation, 'final', score.totalExact, score.predicate);
      return this.move(m, scope, ev, dto.version, 'FINAL', changes);
    });
  }

  private async move(
    m: EntityManager,
    scope: TenantScope,
    ev: Evaluation,
    version: number,
    status: Evaluation['status'],
    changes: Partial<Evaluation>,
  ): Promise<EvaluationResponseDto> {
    const from = ev.status;
    const saved = await updateWithVersion(m, Evaluation, ev, version, { ...changes, status }, 'Evaluation');
    const after = toEvaluationResponse(saved);
    await this.audit.record(m, scope, {
      action: status === 'FINAL' ? 'FINALIZE' : 'ADVANCE',
      entity: 'Evaluation',
      entityId: ev.id,
      regionId: ev.regionId,
      before: { status: from },
      after: { status, total: after.final.total, predicate: after.final.predicate },
    });
    return after;
  }
}

const staleError = (opts: { preview?: boolean }) =>
  opts.preview
    ? new ConflictError('PREVIEW_STALE', 'The evaluation changed since the preview; preview the file again')
    : new StaleVersionError('Evaluation');

/** Stores the stage's new total and moves the evaluation's version (also when the total stays): the answer write's lock. */
async function moveVersion(
  m: EntityManager,
  ev: Evaluation,
  version: number,
  stage: WritableStage,
  score: EvaluationScore,
  opts: { preview?: boolean },
): Promise<void> {
  const totals: Partial<Evaluation> = {};
  applyTotals(totals as Evaluation, stage, score.totalExact, score.predicate);
  try {
    await updateWithVersion(m, Evaluation, ev, version, totals, 'Evaluation');
  } catch (err) {
    throw err instanceof StaleVersionError ? staleError(opts) : err;
  }
}
