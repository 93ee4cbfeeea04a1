import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequirePermission } from '../common/auth/decorators';
import { FollowUpDto } from '../evaluation/dto/recommendation.dto';
import { EvaluationsService } from '../evaluation/evaluations.service';
import { RecommendationsService } from '../evaluation/recommendations.service';
import { ConsoleController } from './console-controller.decorator';
import { allPages } from './console-dashboards';
import { type FailedFollowUp, type Form, followUpRow, submitFollowUp } from './console-follow-up-form';
import { uuidParam } from './console-params';
import type { ConsoleRequest } from './console-session';
import { ConsoleViews } from './console-views';

/** What a planner may set; only an evaluator marks a recommendation done. */
const PLANNER_STATUSES = ['OPEN', 'IN_PROGRESS'] as const;

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
    const saved = await submitFollowUp(
      id,
      form,
      FollowUpDto,
      (dto) => this.recommendations.followUp(req.scope!, evaluationId, id, dto),
      (failed, summary, status) => this.render(req, res, failed, summary, undefined, status),
    );
    if (saved) res.redirect(303, `/konsol/tindak-lanjut?ok=1#r-${id}`);
  }

  private async render(
    req: ConsoleRequest,
    res: Response,
    failed: FailedFollowUp | null,
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
        items: (await this.recommendations.list(scope, ev.id)).map((r) => ({
          ...followUpRow(r, PLANNER_STATUSES, failed),
          done: r.status === 'DONE',
        })),
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
