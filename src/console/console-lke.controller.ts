import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequirePermission } from '../common/auth/decorators';
import { DomainError, NotFoundError } from '../common/errors/domain-error';
import { SaveAnswersDto, VersionDto } from '../evaluation/dto/evaluation.dto';
import { EvaluationAnswersService } from '../evaluation/evaluation-answers.service';
import { EvaluationsService } from '../evaluation/evaluations.service';
import { ConsoleController } from './console-controller.decorator';
import { ConsoleDashboards } from './console-dashboards';
import { ConsoleLkePage, writingStageOf } from './console-lke-page';
import { type FieldMessages, serviceErrors, validateForm } from './console-forms';
import type { ConsoleRequest } from './console-session';
import { uuidParam } from './console-params';
import { ConsoleViews } from './console-views';
import { textOrNull } from './domain/form-input';
import type { Typed } from './domain/lke-sheet';

type Form = Record<string, string | undefined>;

/** What a redirect back to the page says (`?ok=1`, `?rekomendasi=baru|ubah`). */
const NOTICES: Record<string, string> = {
  '1': 'Tersimpan.',
  baru: 'Rekomendasi ditambahkan.',
  ubah: 'Rekomendasi diperbarui.',
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
    private readonly page: ConsoleLkePage,
  ) {}

  @RequirePermission('evaluation.read')
  @Get()
  async list(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    const year = await this.dashboards.evaluationYear(req.scope!, req.query.tahun);
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
    await this.render(req, res, id, {}, null, null, NOTICES[String(req.query.ok ?? req.query.rekomendasi)]);
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
    const stage = writingStageOf(scope, ev.status, ev.kind);
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

  private render(
    req: ConsoleRequest,
    res: Response,
    id: string,
    errors: FieldMessages,
    summary: string | null,
    typed: Typed | null,
    notice?: string,
    status = 200,
  ): Promise<void> {
    return this.page.render(req, res, id, { errors, summary, typed, notice, status });
  }
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
