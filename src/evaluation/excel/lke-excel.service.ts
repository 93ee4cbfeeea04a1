import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { previewToken, readXlsxUpload, type XlsxUpload } from '../../common/excel/read-xlsx';
import { ConflictError, UnprocessableError } from '../../common/errors/domain-error';
import type { TenantScope } from '../../common/tenancy/tenant-scope';
import { Skpd } from '../../organization/entities/skpd.entity';
import { readLkeSheet, type LkeAnswerChange, type StageCell, type WritableLkeStage } from '../domain/lke-excel';
import { scoreEvaluation } from '../domain/scoring';
import type { Evaluation } from '../entities/evaluation.entity';
import { answerField, findEvaluation, loadAnswers, noteField, snapshotOf } from '../evaluation-access';
import { EvaluationAnswersService, type SaveAnswersResult } from '../evaluation-answers.service';
import { finalAnswerOf, writableStage } from '../evaluation-workflow';
import { buildLkeWorkbook, readLkeWorkbook } from './lke-workbook';

export interface LkeExcelPreview {
  evaluationId: string;
  revision: number;
  stage: WritableLkeStage;
  changes: LkeAnswerChange[];
  /** The stage's sheet after these changes (for QA: QA-else-evaluator answers): total, predicate, what is missing. */
  after: { status: string; total: string | null; predicate: string | null; missing: string[] };
  violations: { ruleId: string; criterionId: string; referenceId: string; severity: string; message: string }[];
  /** Send back with the same file to commit; bound to the file's bytes and the evaluation's version. */
  previewToken: string;
}

export interface LkeExcelCommit {
  changed: number;
  result: SaveAnswersResult | null;
}

/**
 * Offline LKE worksheet round-trip (issue 7 item 6): download the sheet with the caller's stage columns open,
 * upload it for a dry-run preview of every change and problem, then commit the same file with the preview token;
 * the commit is one EvaluationAnswersService.save call, so the stage rules, audit and totals are the API's own and
 * all answers are written or none.
 */
@Injectable()
export class LkeExcelService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly answers: EvaluationAnswersService,
  ) {}

  async template(scope: TenantScope, id: string): Promise<{ fileName: string; content: Buffer }> {
    const ev = await findEvaluation(this.db.manager, scope, id);
    const rows = await loadAnswers(this.db.manager, ev);
    const subject = ev.skpdId
      ? await this.db.getRepository(Skpd).findOneBy({ id: ev.skpdId, regionId: ev.regionId })
      : null;
    const subjectName = subject?.name ?? 'Pemerintah Daerah';
    const content = await buildLkeWorkbook({
      ruleSet: await snapshotOf(this.db.manager, ev),
      evaluationId: ev.id,
      revision: ev.revision,
      subjectName,
      year: ev.year,
      stage: this.stageOf(scope, ev),
      answers: new Map(rows.map((r) => [r.criterionId, r])),
    });
    const slug = (subject?.shortName || subject?.code || 'Pemda').replace(/[^A-Za-z0-9.-]+/g, '-');
    return { fileName: `LKE-${slug}-${ev.year}-rev${ev.revision}.xlsx`, content };
  }

  /** Dry run: 422 LKE_EXCEL_INVALID lists every problem; else the changes, the resulting score and a token. Writes nothing. */
  async preview(scope: TenantScope, id: string, file: XlsxUpload | undefined): Promise<LkeExcelPreview> {
    const ev = await findEvaluation(this.db.manager, scope, id);
    const { workbook, sha256 } = await readXlsxUpload(file);
    const { stage, changes, current } = await this.analyse(scope, ev, readLkeWorkbook(workbook));
    const ruleSet = await snapshotOf(this.db.manager, ev);
    const merged = new Map([...current].map(([criterionId, c]) => [criterionId, c.answer] as const));
    for (const c of changes) if (c.answer) merged.set(c.criterionId, c.answer.to);
    const sheet =
      stage === 'qa'
        ? new Map(
            [...merged].map(([criterionId, qa]) => [
              criterionId,
              finalAnswerOf({ qaAnswer: qa, evaluatorAnswer: current.get(criterionId)?.evaluator ?? null }),
            ]),
          )
        : merged;
    const score = scoreEvaluation(ruleSet, sheet);
    return {
      evaluationId: ev.id,
      revision: ev.revision,
      stage,
      changes,
      after: {
        status: score.status,
        total: score.totalDisplay,
        predicate: score.predicate,
        missing: [...score.missing],
      },
      violations: score.violations.map((v) => ({ ...v })),
      previewToken: previewToken(ev.id, ev.version, sha256),
    };
  }

  /** Writes the previewed file's changes in one transaction (the API's own answer write); a stale token → 409 PREVIEW_STALE. */
  async commit(
    scope: TenantScope,
    id: string,
    file: XlsxUpload | undefined,
    token: string | undefined,
  ): Promise<LkeExcelCommit> {
    const ev = await findEvaluation(this.db.manager, scope, id);
    const { workbook, sha256 } = await readXlsxUpload(file);
    const { changes } = await this.analyse(scope, ev, readLkeWorkbook(workbook));
    if (!token || token !== previewToken(ev.id, ev.version, sha256))
      throw new ConflictError(
        'PREVIEW_STALE',
        'Preview this file again: the file differs from the previewed one, or the evaluation changed since the preview',
      );
    if (!changes.length) return { changed: 0, result: null };
    const result = await this.answers.save(
      scope,
      ev.id,
      {
        version: ev.version,
        answers: changes.map((c) => ({
          criterionId: c.criterionId,
          ...(c.answer ? { answer: c.answer.to } : {}),
          ...(c.note ? { note: c.note.to } : {}),
        })),
      },
      scope.role === 'PLANNER' ? 'self' : 'staff',
      { preview: true },
    );
    return { changed: changes.length, result };
  }

  /** The stage this caller writes in the evaluation's current status, or null (read-only sheet). */
  private stageOf(scope: TenantScope, ev: Evaluation): WritableLkeStage | null {
    if (ev.supersededAt || (scope.role !== 'PLANNER' && scope.role !== 'EVALUATOR')) return null;
    const decision = writableStage(ev.status, ev.kind, { role: scope.role, isQa: scope.isQa });
    return decision.ok ? decision.stage : null;
  }

  /** The caller's stage, its stored cells, and the sheet's changes against them; any problem → 422 LKE_EXCEL_INVALID. */
  private async analyse(scope: TenantScope, ev: Evaluation, sheet: ReturnType<typeof readLkeWorkbook>) {
    const stage = this.stageOf(scope, ev);
    if (!stage)
      throw new ConflictError('WRONG_STAGE', `You cannot write answers to this evaluation in status ${ev.status}`);
    const rows = await loadAnswers(this.db.manager, ev);
    const current = new Map<string, StageCell & { evaluator: string | null }>(
      rows.map((r) => [
        r.criterionId,
        { answer: r[answerField(stage)], note: r[noteField(stage)], evaluator: r.evaluatorAnswer },
      ]),
    );
    const { changes, problems } = readLkeSheet(sheet, {
      ruleSet: await snapshotOf(this.db.manager, ev),
      evaluationId: ev.id, stage, current });
    if (problems.length)
      throw new UnprocessableError(
        'LKE_EXCEL_INVALID',
        `The worksheet has ${problems.length} problem(s); nothing was written`,
        problems.slice(0, 1000).map((p) => ({ ...p })),
      );
    return { stage, changes, current };
  }
}
