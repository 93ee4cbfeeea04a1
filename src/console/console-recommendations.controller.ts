import { Body, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequirePermission } from '../common/auth/decorators';
import { CreateRecommendationDto, UpdateRecommendationDto } from '../evaluation/dto/recommendation.dto';
import { RecommendationsService } from '../evaluation/recommendations.service';
import { ConsoleController } from './console-controller.decorator';
import { type FieldMessages, serviceErrors, validateForm } from './console-forms';
import { ConsoleLkePage, type RecommendationForm } from './console-lke-page';
import { uuidParam } from './console-params';
import type { ConsoleRequest } from './console-session';
import { textOrNull } from './domain/form-input';

type Form = Record<string, string | undefined>;

/**
 * Recommendations (rekomendasi) on the evaluation page: an evaluator creates, edits and marks them done through
 * RecommendationsService, as behind POST and PATCH /evaluations/:id/recommendations. Errors come back on the page.
 */
@ConsoleController('lke/:id/rekomendasi')
export class ConsoleRecommendationsController {
  constructor(
    private readonly recommendations: RecommendationsService,
    private readonly page: ConsoleLkePage,
  ) {}

  @RequirePermission('evaluation.recommend')
  @Post()
  async create(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('id', uuidParam) id: string,
    @Body() form: Form,
  ): Promise<void> {
    const values = { text: form.text ?? '', refId: form.refId ?? '' };
    const checked = await validateForm(CreateRecommendationDto, {
      text: values.text.trim(),
      refId: textOrNull(values.refId),
    });
    const again = (f: RecommendationForm, summary: string, status: number) =>
      this.page.render(req, res, id, { recommendation: f, summary, status });
    if (!checked.ok) return again({ key: 'baru', values, errors: checked.errors }, INVALID, 400);
    try {
      await this.recommendations.create(req.scope!, id, checked.dto);
    } catch (err) {
      const shown = serviceErrors(err);
      if (!shown) throw err;
      return again({ key: 'baru', values, errors: shown.errors }, shown.summary, 422);
    }
    res.redirect(303, `/konsol/lke/${id}?rekomendasi=baru#rekomendasi`);
  }

  /** Edits the text and status; the "Tandai selesai" button sends only `status=DONE` with the version shown. */
  @RequirePermission('evaluation.recommend')
  @Post(':recommendationId')
  async update(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('id', uuidParam) id: string,
    @Param('recommendationId', uuidParam) recommendationId: string,
    @Body() form: Form,
  ): Promise<void> {
    const values = { text: form.text, status: form.status };
    const checked = await validateForm(UpdateRecommendationDto, {
      version: Number(form.version),
      ...(form.text !== undefined ? { text: form.text.trim() } : {}),
      ...(form.status ? { status: form.status } : {}),
    });
    const again = (errors: FieldMessages, summary: string, status: number) =>
      this.page.render(req, res, id, { recommendation: { key: recommendationId, values, errors }, summary, status });
    if (!checked.ok) return again(checked.errors, INVALID, 400);
    try {
      await this.recommendations.update(req.scope!, id, recommendationId, checked.dto);
    } catch (err) {
      const shown = serviceErrors(err);
      if (!shown) throw err;
      return again(shown.errors, shown.summary, 422);
    }
    res.redirect(303, `/konsol/lke/${id}?rekomendasi=ubah#r-${recommendationId}`);
  }
}

const INVALID = 'Periksa kembali rekomendasi yang ditandai.';
