import { Body, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequirePermission } from '../common/auth/decorators';
import { SkpdService } from '../organization/skpd.service';
import { PutWindowDto, ReopenWindowDto } from '../performance/dto/realisation.dto';
import { RealisationService } from '../performance/realisation.service';
import { CreatePeriodDto } from '../planning/dto/period.dto';
import { PeriodsService } from '../planning/periods.service';
import { type Form, formModel, type FormState, submitForm } from './console-admin-form';
import { ConsoleController } from './console-controller.decorator';
import { allPages } from './console-dashboards';
import type { ConsoleRequest } from './console-session';
import { ConsoleViews } from './console-views';
import { QUARTER_LABELS, QUARTERS, yearOf } from './console-year';
import { localDateTimeInput, textOrNull } from './domain/form-input';

const quarterOptions = (state: FormState | null, form: string) =>
  QUARTERS.map((q) => ({
    q,
    label: QUARTER_LABELS[q - 1],
    selected: state?.form === form && state.values.quarter === String(q),
  }));

/**
 * Planning periods (RPJMD), realisation windows per quarter and reopenings for one SKPD, through PeriodsService and
 * RealisationService as behind /planning/periods and /realisation-windows.
 */
@ConsoleController('admin')
export class ConsoleAdminPeriodsController {
  constructor(
    private readonly views: ConsoleViews,
    private readonly skpd: SkpdService,
    private readonly periods: PeriodsService,
    private readonly realisations: RealisationService,
  ) {}

  @RequirePermission('realisation.reopen')
  @Get('jendela')
  windowsPage(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    return this.render(req, res, yearOf(req.query.tahun), null, 200);
  }

  @RequirePermission('period.manage')
  @Post('periode')
  createPeriod(@Req() req: ConsoleRequest, @Res() res: Response, @Body() form: Form): Promise<void> {
    const year = yearOf(form.tahun);
    const plain = {
      name: textOrNull(form.name) ?? '',
      startYear: Number(form.startYear),
      endYear: Number(form.endYear),
      ...(textOrNull(form.legalBasis) ? { legalBasis: textOrNull(form.legalBasis) } : {}),
    };
    return submitForm(
      res,
      {
        form: 'period',
        values: form,
        dto: CreatePeriodDto,
        plain,
        page: (s, st) => this.render(req, res, year, s, st),
        done: `/konsol/admin/jendela?tahun=${year}&ok=1`,
      },
      (dto) => this.periods.create(req.scope!, dto),
    );
  }

  @RequirePermission('realisation.reopen')
  @Post('jendela')
  putWindow(@Req() req: ConsoleRequest, @Res() res: Response, @Body() form: Form): Promise<void> {
    const year = yearOf(form.tahun);
    const plain = { year, quarter: Number(form.quarter), deadline: localDateTimeInput(form.deadline) ?? '' };
    return submitForm(
      res,
      {
        form: 'window',
        values: form,
        dto: PutWindowDto,
        plain,
        page: (s, st) => this.render(req, res, year, s, st),
        done: `/konsol/admin/jendela?tahun=${year}&ok=1`,
      },
      (dto) => this.realisations.putWindow(req.scope!, dto),
    );
  }

  @RequirePermission('realisation.reopen')
  @Post('pembukaan')
  reopen(@Req() req: ConsoleRequest, @Res() res: Response, @Body() form: Form): Promise<void> {
    const year = yearOf(form.tahun);
    const plain = {
      skpdId: form.skpdId ?? '',
      year,
      quarter: Number(form.quarter),
      reason: textOrNull(form.reason) ?? '',
      until: localDateTimeInput(form.until) ?? '',
    };
    return submitForm(
      res,
      {
        form: 'reopen',
        values: form,
        dto: ReopenWindowDto,
        plain,
        page: (s, st) => this.render(req, res, year, s, st),
        done: `/konsol/admin/jendela?tahun=${year}&ok=1`,
      },
      (dto) => this.realisations.reopen(req.scope!, dto),
    );
  }

  private async render(
    req: ConsoleRequest,
    res: Response,
    year: number,
    state: FormState | null,
    status: number,
  ): Promise<void> {
    const scope = req.scope!;
    const [periods, windows, skpds] = await Promise.all([
      allPages((page) => this.periods.list(scope, { page, pageSize: 100 })),
      this.realisations.listWindows(scope, year),
      allPages((page) => this.skpd.list(scope, { page, pageSize: 100, active: 'true' })),
    ]);
    this.views.render(
      req,
      res,
      'admin-jendela',
      {
        title: 'Periode & Jendela Realisasi',
        year,
        periods,
        windows: windows.map((w) => ({ ...w, label: QUARTER_LABELS[w.quarter - 1] })),
        windowQuarters: quarterOptions(state, 'window'),
        reopenQuarters: quarterOptions(state, 'reopen'),
        skpds: skpds.map((s) => ({ id: s.id, name: s.name, selected: state?.values.skpdId === s.id })),
        ...formModel(req, state),
      },
      status,
    );
  }
}
