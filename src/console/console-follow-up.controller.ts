import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequirePermission } from '../common/auth/decorators';
import { FollowUpDto } from '../evaluation/dto/recommendation.dto';
import { EvaluationsService } from '../evaluation/evaluations.service';
import { RecommendationsService } from '../evaluation/recommendations.service';
import { labelOf } from './console-labels';
import { ConsoleController } from './console-controller.decorator';
import { allPages } from './console-dashboards';
import { type FieldMessages, serviceErrors, validateForm } from './console-forms';
import { uuidParam } from './console-params';
import type { ConsoleRequest } from './console-session';
import { ConsoleViews } from './console-views';

type Form = Record<string, string | undefined>;

/** What a planner may set; only an evaluator marks a recommendation done. */
const PLANNER_STATUSES = ['OPEN', 'IN_PROGRESS'] as const;

interface Failed {
  id: string;
  values: { followUp: string; status: string };
  errors: FieldMessages;
}

/**
 * Tindak lanjut: every recommendation addressed to the planner's SKPD, newest evaluation first, each with its
 * follow-up form. RecommendationsService does the work, as behind PUT /evaluations/:id/recommendations/:rid/follow-up.
 */
@ConsoleController('tindak-lanjut')
export class ConsoleFollowUpController {
  constructor(
    private readonly views: ConsoleViews,
    private readonly evaluations: EvaluationsService,
    private readonly recommendations: RecommendationsService,
  ) {}

  @RequirePermission('evaluation.follow-up')
  @Get()
  async page(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    await this.render(req, res, null, undefined, req.query.ok === '1' ? 'Tindak lanjut disimpan.' : undefined);
  }

  @RequirePermission('evaluation.follow-up')
  @Post(':evaluationId/:id')
  async save(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('evaluationId', uuidParam) evaluationId: string,
    @Param('id', uuidParam) id: string,
    @Body() form: Form,
  ): Promise<void> {
    const values = { followUp: (form.followUp ?? '').trim(), status: form.status ?? '' };
    const checked = await validateForm(FollowUpDto, {
      version: Number(form.version),
      followUp: values.followUp,
      ...(values.status ? { status: values.status } : {}),
    });
    if (!checked.ok)
      return this.render(
        req,
        res,
        { id, values, errors: checked.errors },
        'Periksa kembali isian yang ditandai.',
        undefined,
        400,
      );
    try {
      await this.recommendations.followUp(req.scope!, evaluationId, id, checked.dto);
    } catch (err) {
      const shown = serviceErrors(err);
      if (!shown) throw err;
      return this.render(req, res, { id, values, errors: shown.errors }, shown.summary, undefined, 422);
    }
    res.redirect(303, `/konsol/tindak-lanjut?ok=1#r-${id}`);
  }

  private async render(
    req: ConsoleRequest,
    res: Response,
    failed: Failed | null,
    summary?: string,
    notice?: string,
    status = 200,
  ): Promise<void> {
    const scope = req.scope!;
    const evaluations = await allPages((page) =>
      this.evaluations.list(scope, { pageSize: 100, page, kind: 'SKPD', sort: '-year' }),
    );
    const groups = await Promise.all(
      evaluations.map(async (ev) => ({
        ev,
        items: (await this.recommendations.list(scope, ev.id)).map((r) => {
          const mine = failed?.id === r.id ? failed : null;
          const current = mine ? mine.values.status : r.status;
          return {
            ...r,
            statusLabel: labelOf('recommendation', r.status),
            done: r.status === 'DONE',
            followUpValue: mine ? mine.values.followUp : (r.followUp ?? ''),
            statuses: PLANNER_STATUSES.map((s) => ({
              value: s,
              label: labelOf('recommendation', s),
              selected: s === current,
            })),
            errors: mine?.errors ?? {},
          };
        }),
      })),
    );
    this.views.render(
      req,
      res,
      'tindak-lanjut',
      { title: 'Tindak lanjut rekomendasi', groups: groups.filter((g) => g.items.length), summary, notice },
      status,
    );
  }
}
