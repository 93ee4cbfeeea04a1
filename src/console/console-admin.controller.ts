import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuditService } from '../audit/audit.service';
import { ROLES } from '../auth/roles';
import { CreateUserDto } from '../auth/dto/user.dto';
import { UsersService } from '../auth/users.service';
import { RequirePermission } from '../common/auth/decorators';
import { CreateSkpdDto } from '../organization/dto/skpd.dto';
import { SKPD_KINDS } from '../organization/entities/skpd.entity';
import { SkpdService } from '../organization/skpd.service';
import { PutWindowDto, ReopenWindowDto } from '../performance/dto/realisation.dto';
import { RealisationService } from '../performance/realisation.service';
import { CreatePeriodDto } from '../planning/dto/period.dto';
import { PkReasonDto } from '../planning/dto/pk.dto';
import { PeriodsService } from '../planning/periods.service';
import { PkService } from '../planning/pk.service';
import { ConsoleController } from './console-controller.decorator';
import { allPages } from './console-dashboards';
import { type FieldMessages, serviceErrors, validateForm } from './console-forms';
import { ROLE_LABELS } from './console-nav';
import { uuidParam } from './console-params';
import type { ConsoleRequest } from './console-session';
import { ConsoleViews } from './console-views';
import { QUARTER_LABELS, QUARTERS, yearOf } from './console-year';
import { localDateTimeInput, textOrNull } from './domain/form-input';

type Form = Record<string, string | undefined>;

/** What a POST handler hands to its page after an error: the typed values, the messages, the sentence on top. */
interface FormState {
  form: string;
  values: Form;
  errors: FieldMessages;
  summary: string;
}

/**
 * Region administration: SKPD, users, planning periods and realisation windows with reopenings, PK approvals and
 * the audit log. SkpdService, UsersService, PeriodsService, RealisationService, PkService and AuditService do the
 * work, as behind /skpd, /users, /planning/periods, /realisation-windows, /pk and /audit.
 */
@ConsoleController('admin')
export class ConsoleAdminController {
  constructor(
    private readonly views: ConsoleViews,
    private readonly skpd: SkpdService,
    private readonly users: UsersService,
    private readonly periods: PeriodsService,
    private readonly realisations: RealisationService,
    private readonly pk: PkService,
    private readonly audit: AuditService,
  ) {}

  /** Runs a form through the API's DTO and the service; on an error re-renders the page with what was typed. */
  private async submit<T extends object>(
    req: ConsoleRequest,
    res: Response,
    form: string,
    values: Form,
    dto: new () => T,
    plain: object,
    run: (dto: T) => Promise<unknown>,
    page: (state: FormState, status: number) => Promise<void>,
    done: string,
  ): Promise<void> {
    const checked = await validateForm(dto, plain);
    if (!checked.ok)
      return page({ form, values, errors: checked.errors, summary: 'Periksa kembali isian yang ditandai.' }, 400);
    try {
      await run(checked.dto);
    } catch (err) {
      const shown = serviceErrors(err);
      if (!shown) throw err;
      return page({ form, values, errors: shown.errors, summary: shown.summary }, 422);
    }
    res.redirect(303, done);
  }

  @RequirePermission('skpd.manage')
  @Get('skpd')
  skpdPage(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    return this.renderSkpd(req, res, null, 200);
  }

  @RequirePermission('skpd.manage')
  @Post('skpd')
  createSkpd(@Req() req: ConsoleRequest, @Res() res: Response, @Body() form: Form): Promise<void> {
    const plain = {
      code: textOrNull(form.code) ?? '',
      name: textOrNull(form.name) ?? '',
      shortName: textOrNull(form.shortName) ?? '',
      kind: form.kind ?? '',
    };
    return this.submit(
      req,
      res,
      'skpd',
      form,
      CreateSkpdDto,
      plain,
      (dto) => this.skpd.create(req.scope!, dto),
      (s, st) => this.renderSkpd(req, res, s, st),
      '/konsol/admin/skpd?ok=1',
    );
  }

  private async renderSkpd(req: ConsoleRequest, res: Response, state: FormState | null, status: number): Promise<void> {
    const items = await allPages((page) => this.skpd.list(req.scope!, { page, pageSize: 100 }));
    this.views.render(
      req,
      res,
      'admin-skpd',
      { title: 'SKPD', items, kinds: SKPD_KINDS, ...formModel(req, state) },
      status,
    );
  }

  @RequirePermission('user.manage')
  @Get('pengguna')
  usersPage(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    return this.renderUsers(req, res, null, 200);
  }

  @RequirePermission('user.manage')
  @Post('pengguna')
  createUser(@Req() req: ConsoleRequest, @Res() res: Response, @Body() form: Form): Promise<void> {
    const plain = {
      username: (form.username ?? '').trim().toLowerCase(),
      displayName: textOrNull(form.displayName) ?? '',
      role: form.role ?? '',
      password: form.password ?? '',
      ...(form.skpdId ? { skpdId: form.skpdId } : {}),
      isQa: form.isQa === 'ya',
    };
    const values = { ...form, password: '' };
    return this.submit(
      req,
      res,
      'user',
      values,
      CreateUserDto,
      plain,
      (dto) => this.users.create(req.scope!, dto),
      (s, st) => this.renderUsers(req, res, s, st),
      '/konsol/admin/pengguna?ok=1',
    );
  }

  private async renderUsers(
    req: ConsoleRequest,
    res: Response,
    state: FormState | null,
    status: number,
  ): Promise<void> {
    const scope = req.scope!;
    const [items, skpds] = await Promise.all([
      allPages((page) => this.users.list(scope, { page, pageSize: 100 })),
      // A platform operator has no region, hence no SKPD to offer.
      scope.regionId
        ? allPages((page) => this.skpd.list(scope, { page, pageSize: 100, active: 'true' }))
        : Promise.resolve([]),
    ]);
    const skpdName = new Map(skpds.map((s) => [s.id, s.name]));
    this.views.render(
      req,
      res,
      'admin-pengguna',
      {
        title: 'Pengguna',
        items: items.map((u) => ({
          ...u,
          roleLabel: ROLE_LABELS[u.role],
          skpdName: u.skpdId ? skpdName.get(u.skpdId) : null,
        })),
        roles: ROLES.filter((r) => r !== 'SUPERADMIN').map((r) => ({
          code: r,
          label: ROLE_LABELS[r],
          selected: state?.values.role === r,
        })),
        skpds: skpds.map((s) => ({ id: s.id, name: s.name, selected: state?.values.skpdId === s.id })),
        ...formModel(req, state),
      },
      status,
    );
  }

  @RequirePermission('realisation.reopen')
  @Get('jendela')
  windowsPage(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    return this.renderWindows(req, res, yearOf(req.query.tahun), null, 200);
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
    return this.submit(
      req,
      res,
      'period',
      form,
      CreatePeriodDto,
      plain,
      (dto) => this.periods.create(req.scope!, dto),
      (s, st) => this.renderWindows(req, res, year, s, st),
      `/konsol/admin/jendela?tahun=${year}&ok=1`,
    );
  }

  @RequirePermission('realisation.reopen')
  @Post('jendela')
  putWindow(@Req() req: ConsoleRequest, @Res() res: Response, @Body() form: Form): Promise<void> {
    const year = yearOf(form.tahun);
    const plain = { year, quarter: Number(form.quarter), deadline: localDateTimeInput(form.deadline) ?? '' };
    return this.submit(
      req,
      res,
      'window',
      form,
      PutWindowDto,
      plain,
      (dto) => this.realisations.putWindow(req.scope!, dto),
      (s, st) => this.renderWindows(req, res, year, s, st),
      `/konsol/admin/jendela?tahun=${year}&ok=1`,
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
    return this.submit(
      req,
      res,
      'reopen',
      form,
      ReopenWindowDto,
      plain,
      (dto) => this.realisations.reopen(req.scope!, dto),
      (s, st) => this.renderWindows(req, res, year, s, st),
      `/konsol/admin/jendela?tahun=${year}&ok=1`,
    );
  }

  private async renderWindows(
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

  @RequirePermission('planning.approve')
  @Get('pk')
  approvalsPage(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    return this.renderApprovals(req, res, null, 200);
  }

  @RequirePermission('planning.approve')
  @Post('pk/:id/setujui')
  async approve(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', uuidParam) id: string): Promise<void> {
    try {
      await this.pk.approve(req.scope!, id);
    } catch (err) {
      const shown = serviceErrors(err);
      if (!shown) throw err;
      return this.renderApprovals(req, res, { form: id, values: {}, errors: {}, summary: shown.summary }, 422);
    }
    res.redirect(303, '/konsol/admin/pk?ok=1');
  }

  @RequirePermission('planning.approve')
  @Post('pk/:id/kembalikan')
  returnPk(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('id', uuidParam) id: string,
    @Body() form: Form,
  ): Promise<void> {
    const plain = { reason: textOrNull(form.reason) ?? '' };
    return this.submit(
      req,
      res,
      id,
      form,
      PkReasonDto,
      plain,
      (dto) => this.pk.returnToDraft(req.scope!, id, dto.reason),
      (s, st) => this.renderApprovals(req, res, s, st),
      '/konsol/admin/pk?ok=1',
    );
  }

  private async renderApprovals(
    req: ConsoleRequest,
    res: Response,
    state: FormState | null,
    status: number,
  ): Promise<void> {
    const scope = req.scope!;
    const [submitted, skpds] = await Promise.all([
      allPages((page) => this.pk.list(scope, { page, pageSize: 100, status: 'SUBMITTED', latest: 'true' })),
      allPages((page) => this.skpd.list(scope, { page, pageSize: 100 })),
    ]);
    const skpdName = new Map(skpds.map((s) => [s.id, s.name]));
    this.views.render(
      req,
      res,
      'admin-pk',
      {
        title: 'Persetujuan PK',
        items: submitted.map((p) => ({
          ...p,
          skpdName: skpdName.get(p.skpdId) ?? p.skpdId,
          reason: state?.form === p.id ? state.values.reason : '',
          error: state?.form === p.id ? state.errors.reason : undefined,
        })),
        ...formModel(req, state),
      },
      status,
    );
  }

  @RequirePermission('audit.read')
  @Get('audit')
  async auditPage(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    const page = Math.max(1, Number(req.query.halaman) || 1);
    const result = await this.audit.list(req.scope!, { page, pageSize: 50 });
    const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
    this.views.render(req, res, 'admin-audit', {
      title: 'Log Audit',
      items: result.items,
      page,
      pages,
      previous: page > 1 ? page - 1 : null,
      next: page < pages ? page + 1 : null,
    });
  }
}

const quarterOptions = (state: FormState | null, form: string) =>
  QUARTERS.map((q) => ({
    q,
    label: QUARTER_LABELS[q - 1],
    selected: state?.form === form && state.values.quarter === String(q),
  }));

/** The form's typed values and messages for the template (only for the form that was sent), and the notices. */
function formModel(req: ConsoleRequest, state: FormState | null) {
  return {
    forms: state ? { [state.form]: { values: state.values, errors: state.errors } } : {},
    summary: state?.summary,
    notice: !state && req.query.ok === '1' ? 'Perubahan disimpan.' : undefined,
  };
}
