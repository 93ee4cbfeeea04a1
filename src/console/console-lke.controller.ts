import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { roleHas } from '../auth/roles';
import { RequirePermission } from '../common/auth/decorators';
import { DomainError, NotFoundError } from '../common/errors/domain-error';
import { answerScaleFor, type RuleSet } from '../evaluation/domain/rule-set';
import { SaveAnswersDto, VersionDto } from '../evaluation/dto/evaluation.dto';
import { EvaluationAnswersService, type AnswerRowDto } from '../evaluation/evaluation-answers.service';
import { mayAdvance, nextStatus, writableStage, type WritableStage } from '../evaluation/evaluation-workflow';
import { EvaluationsService } from '../evaluation/evaluations.service';
import { ConsoleController } from './console-controller.decorator';
import { ConsoleDashboards } from './console-dashboards';
import { type FieldMessages, serviceErrors, validateForm } from './console-forms';
import type { ConsoleRequest } from './console-session';
import { uuidParam } from './console-params';
import { ConsoleViews } from './console-views';
import { evaluationYearOf } from './console-year';
import { textOrNull } from './domain/form-input';

type Form = Record<string, string | undefined>;

const STAGE_LABELS: Record<WritableStage, string> = {
  self: 'Penilaian mandiri',
  evaluator: 'Evaluator',
  qa: 'Penjaminan mutu (QA)',
};
const STALE_ANSWERS =
  'Jawaban evaluasi ini baru saja diubah orang lain, sehingga isian Anda belum disimpan. Yang tampil sekarang adalah jawaban terbaru; periksa lalu isi dan simpan lagi.';
/** The list's orders (`?urut=`), the first is the default; the values are the API's `sort`. */
const LIST_ORDERS = [
  { value: 'skpdCode', label: 'Kode SKPD' },
  { value: 'name', label: 'Nama SKPD' },
  { value: '-total', label: 'Nilai tertinggi' },
  { value: 'total', label: 'Nilai terendah' },
];
const STATUS_ACTIONS: Record<string, string> = {
  SELF_ASSESSMENT: 'Tutup penilaian mandiri, mulai evaluasi',
  EVALUATION: 'Serahkan ke penjaminan mutu (QA)',
  QA_REVIEW: 'Finalkan evaluasi',
};

/**
 * The LKE worksheet of an evaluation, criterion by criterion, with the stage actions: EvaluationsService and
 * EvaluationAnswersService, as behind /evaluations/:id/answers, /advance and /score.
 */
@ConsoleController('lke')
export class ConsoleLkeController {
  constructor(
    private readonly views: ConsoleViews,
    private readonly evaluations: EvaluationsService,
    private readonly answers: EvaluationAnswersService,
    private readonly dashboards: ConsoleDashboards,
  ) {}

  @RequirePermission('evaluation.read')
  @Get()
  async list(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    const year = evaluationYearOf(req.query.tahun);
    const order = LIST_ORDERS.find((o) => o.value === req.query.urut) ?? LIST_ORDERS[0];
    this.views.render(req, res, 'lke-daftar', {
      title: `Evaluasi LKE ${year}`,
      year,
      orders: LIST_ORDERS.map((o) => ({ ...o, selected: o === order })),
      evaluations: await this.dashboards.evaluationsOf(req.scope!, year, order.value),
    });
  }

  @RequirePermission('evaluation.read')
  @Get(':id')
  async sheet(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', uuidParam) id: string): Promise<void> {
    await this.render(req, res, id, {}, null, null, req.query.ok === '1' ? 'Tersimpan.' : undefined);
  }

  @RequirePermission('evaluation.score')
  @Post(':id/jawaban')
  async save(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('id', uuidParam) id: string,
    @Body() form: Form,
  ): Promise<void> {
    const scope = req.scope!;
    const [ev, rows] = await Promise.all([this.evaluations.get(scope, id), this.answers.list(scope, id)]);
    const stage = this.stageOf(req, ev.status, ev.kind);
    if (!stage) throw new NotFoundError('Page');
    const typed = new Map(
      rows.map((r) => [
        r.criterionId,
        { answer: form[`answer_${r.criterionId}`] ?? '', note: form[`note_${r.criterionId}`] ?? '' },
      ]),
    );
    const changed = rows.filter((r) => {
      const t = typed.get(r.criterionId)!;
      return (
        (textOrNull(t.answer) ?? null) !== (r[`${stage}Answer`] ?? null) ||
        (textOrNull(t.note) ?? null) !== (r[`${stage}Note`] ?? null)
      );
    });
    const back = (errors: FieldMessages, summary: string, status: number) =>
      this.render(req, res, id, errors, summary, typed, undefined, status);
    if (!changed.length) return back({}, 'Tidak ada jawaban yang berubah.', 400);
    const body = {
      version: Number(form.version),
      answers: changed.map((r) => ({
        criterionId: r.criterionId,
        answer: textOrNull(typed.get(r.criterionId)!.answer),
        note: textOrNull(typed.get(r.criterionId)!.note),
      })),
    };
    const checked = await validateForm(SaveAnswersDto, body);
    if (!checked.ok)
      return back(byCriterion(checked.errors, body.answers), 'Periksa kembali isian yang ditandai.', 400);
    try {
      await this.answers.save(scope, id, checked.dto, 'staff');
    } catch (err) {
      // Someone else saved since this page was loaded: show their answers (nothing of this form was written).
      if (err instanceof DomainError && err.code === 'STALE_VERSION')
        return this.render(req, res, id, {}, STALE_ANSWERS, null, undefined, 409);
      const shown = serviceErrors(err);
      if (!shown) throw err;
      return back(byCriterion(shown.errors, body.answers), shown.summary, 422);
    }
    res.redirect(303, `/konsol/lke/${id}?ok=1`);
  }

  /** The next stage; finalising lists every missing answer and blocking consistency violation instead. */
  @RequirePermission('evaluation.score')
  @Post(':id/lanjut')
  async advance(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('id', uuidParam) id: string,
    @Body() form: Form,
  ): Promise<void> {
    const checked = await validateForm(VersionDto, { version: Number(form.version) });
    if (!checked.ok) throw new NotFoundError('Page');
    try {
      await this.answers.advance(req.scope!, id, checked.dto);
    } catch (err) {
      const shown = serviceErrors(err);
      if (!shown) throw err;
      return this.render(req, res, id, shown.errors, shown.summary, null, undefined, 422);
    }
    res.redirect(303, `/konsol/lke/${id}?ok=1`);
  }

  private stageOf(req: ConsoleRequest, status: string, kind: string): WritableStage | null {
    const scope = req.scope!;
    if (scope.role !== 'EVALUATOR') return null;
    const d = writableStage(status as never, kind as never, { role: 'EVALUATOR', isQa: scope.isQa });
    return d.ok ? d.stage : null;
  }

  private async render(
    req: ConsoleRequest,
    res: Response,
    id: string,
    errors: FieldMessages,
    summary: string | null,
    typed: Map<string, { answer: string; note: string }> | null,
    notice?: string,
    status = 200,
  ): Promise<void> {
    const scope = req.scope!;
    const [ev, rows, ruleSet, score] = await Promise.all([
      this.evaluations.get(scope, id),
      this.answers.list(scope, id),
      this.evaluations.ruleSet(scope, id),
      this.evaluations.score(scope, id),
    ]);
    const stage = this.stageOf(req, ev.status, ev.kind);
    const canAdvance =
      scope.role === 'EVALUATOR' &&
      roleHas(scope.role, 'evaluation.score') &&
      mayAdvance(ev.status, { role: 'EVALUATOR', isQa: scope.isQa });
    const preview = score.stages.final;
    this.views.render(
      req,
      res,
      'lke',
      {
        title: `LKE ${ev.skpdName ?? 'Pemda'} ${ev.year}`,
        ev,
        stage,
        stageLabel: stage ? STAGE_LABELS[stage] : null,
        groups: worksheet(ruleSet, rows, stage, typed, errors),
        canAdvance,
        advanceLabel: STATUS_ACTIONS[ev.status],
        finalising: nextStatus(ev.status) === 'FINAL',
        preview: {
          total: preview.totalDisplay,
          predicate: preview.predicate,
          missing: preview.missing,
          violations: preview.violations,
        },
        summary,
        notice,
      },
      status,
    );
  }
}

/** The rule set's sub-components with their criteria, options and the answers shown (typed ones after an error). */
function worksheet(
  ruleSet: RuleSet,
  rows: AnswerRowDto[],
  stage: WritableStage | null,
  typed: Map<string, { answer: string; note: string }> | null,
  errors: FieldMessages,
) {
  const byId = new Map(rows.map((r) => [r.criterionId, r]));
  return ruleSet.components.flatMap((c) =>
    c.subComponents.map((sub) => ({
      id: sub.id,
      name: `${c.name} — ${sub.name}`,
      criteria: (ruleSet.aggregationMode === 'SUBCOMPONENT_GRADE'
        ? [{ id: sub.id, text: sub.name, guidance: '', scale: answerScaleFor(ruleSet, sub) }]
        : sub.criteria.map((k) => ({ ...k, scale: answerScaleFor(ruleSet, sub, k) }))
      ).map((k) => {
        const row = byId.get(k.id);
        const answer = typed?.get(k.id)?.answer ?? (stage ? row?.[`${stage}Answer`] : row?.finalAnswer) ?? '';
        const note = typed?.get(k.id)?.note ?? (stage ? row?.[`${stage}Note`] : row?.evaluatorNote) ?? '';
        return {
          id: k.id,
          text: k.text,
          guidance: k.guidance,
          answer,
          note,
          self: row?.selfAnswer ?? null,
          evaluator: row?.evaluatorAnswer ?? null,
          evidence: (row?.evidenceIds ?? []).map((id, n) => ({ id, n: n + 1 })),
          options: k.scale.options.map((o) => ({ code: o.code, label: o.label, selected: o.code === answer })),
          error: errors[k.id],
        };
      }),
    })),
  );
}

/** Service and DTO errors name `answers.<i>.<field>` or a criterion id; both end up next to the criterion. */
export function byCriterion(errors: FieldMessages, answers: { criterionId: string }[]): FieldMessages {
  const out: FieldMessages = {};
  for (const [field, message] of Object.entries(errors)) {
    const m = /^answers\.(\d+)/.exec(field);
    const key = m ? answers[Number(m[1])]?.criterionId : field;
    if (key && !out[key]) out[key] = message;
  }
  return out;
}
