import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequirePermission } from '../common/auth/decorators';
import { PkReasonDto } from '../planning/dto/pk.dto';
import { PkService } from '../planning/pk.service';
import { labelOf } from './console-labels';
import { ConsoleController } from './console-controller.decorator';
import { type FieldMessages, serviceErrors, validateForm } from './console-forms';
import { uuidParam } from './console-params';
import type { ConsoleRequest } from './console-session';
import { ConsoleViews } from './console-views';

type Form = Record<string, string | undefined>;

/** Perubahan PK: a new draft revision of an agreed PK, with its reason (PkService.createRevision, as POST /pk/:id/revisions). */
@ConsoleController('pk')
export class ConsolePkRevisionController {
  constructor(
    private readonly views: ConsoleViews,
    private readonly pk: PkService,
  ) {}

  @RequirePermission('planning.write')
  @Get(':id/revisi')
  async form(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', uuidParam) id: string): Promise<void> {
    await this.render(req, res, id, '', {});
  }

  @RequirePermission('planning.write')
  @Post(':id/revisi')
  async revise(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('id', uuidParam) id: string,
    @Body() form: Form,
  ): Promise<void> {
    const reason = (form.reason ?? '').trim();
    const checked = await validateForm(PkReasonDto, { reason });
    if (!checked.ok)
      return this.render(req, res, id, reason, checked.errors, 'Periksa kembali isian yang ditandai.', 400);
    try {
      const revision = await this.pk.createRevision(req.scope!, id, checked.dto.reason);
      res.redirect(303, `/konsol/pk?tahun=${revision.year}&skpd=${revision.skpdId}&ok=1`);
    } catch (err) {
      const shown = serviceErrors(err);
      if (!shown) throw err;
      return this.render(req, res, id, reason, shown.errors, shown.summary, 422);
    }
  }

  private async render(
    req: ConsoleRequest,
    res: Response,
    id: string,
    reason: string,
    errors: FieldMessages,
    summary?: string,
    status = 200,
  ): Promise<void> {
    const pk = await this.pk.get(req.scope!, id);
    this.views.render(
      req,
      res,
      'pk-revisi',
      { title: `Perubahan PK ${pk.year}`, pk, statusLabel: labelOf('pk', pk.status), reason, errors, summary },
      status,
    );
  }
}
