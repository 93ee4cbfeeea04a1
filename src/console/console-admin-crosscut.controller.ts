import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequirePermission } from '../common/auth/decorators';
import { SkpdService } from '../organization/skpd.service';
import { CrosscutService } from '../planning/crosscut.service';
import { PutCrosscutDto } from '../planning/dto/crosscut.dto';
import { IndicatorsService } from '../planning/indicators.service';
import { type Form, formModel, type FormState, submitForm } from './console-admin-form';
import { ConsoleController } from './console-controller.decorator';
import { allPages } from './console-dashboards';
import { indicatorHref } from './console-links';
import { uuidParam } from './console-params';
import type { ConsoleRequest } from './console-session';
import { ConsoleViews } from './console-views';
import { yearOf } from './console-year';
import { parseDecimalInput, textOrNull } from './domain/form-input';

const PATH = '/konsol/admin/keroyokan';
const STATUS_LABELS: Record<string, string> = {
  NO_CONTRIBUTIONS: 'Belum ada porsi SKPD',
  NO_PEMDA_TARGET: 'Target Pemda belum ada',
  BALANCED: 'Sesuai target Pemda',
  UNDER: 'Kurang dari target Pemda',
  OVER: 'Melebihi target Pemda',
};

/**
 * Crosscutting (keroyokan) targets: each Pemda indicator's target for a year shared among SKPD (percent or own
 * sub-target) and its roll-up — CrosscutService as behind /planning/indicators/:id/crosscut.
 */
@ConsoleController('admin/keroyokan')
export class ConsoleAdminCrosscutController {
  constructor(
    private readonly views: ConsoleViews,
    private readonly skpd: SkpdService,
    private readonly indicators: IndicatorsService,
    private readonly crosscut: CrosscutService,
  ) {}

  @RequirePermission('planning.approve')
  @Get()
  async listPage(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    const scope = req.scope!;
    const year = yearOf(req.query.tahun);
    const pemda = await allPages((page) => this.indicators.list(scope, { page, pageSize: 100, level: 'PEMDA' }));
    const rollups = await Promise.all(pemda.map((i) => this.crosscut.rollups(scope, i.id, year).then((r) => r[0])));
    this.views.render(req, res, 'admin-keroyokan', {
      title: `Target Keroyokan ${year}`,
      year,
      items: rollups.map((r) => ({
        ...r,
        statusLabel: STATUS_LABELS[r.status] ?? r.status,
        href: `${PATH}/${r.indicatorId}?tahun=${year}`,
        treeHref: indicatorHref({ id: r.indicatorId, skpdId: null }),
      })),
    });
  }

  @RequirePermission('planning.approve')
  @Get(':id')
  editPage(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', uuidParam) id: string): Promise<void> {
    return this.renderEdit(req, res, id, yearOf(req.query.tahun), null, 200);
  }

  @RequirePermission('planning.approve')
  @Post(':id')
  async save(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('id', uuidParam) id: string,
    @Body() form: Form,
  ): Promise<void> {
    const year = yearOf(form.tahun);
    const skpds = await this.activeSkpd(req);
    const given = skpds.filter((s) => [form[`share_${s.id}`], form[`sub_${s.id}`]].some((v) => textOrNull(v)));
    const plain = {
      year,
      contributions: given.map((s) => ({
        skpdId: s.id,
        ...(textOrNull(form[`share_${s.id}`]) ? { sharePercent: parseDecimalInput(form[`share_${s.id}`]) } : {}),
        ...(textOrNull(form[`sub_${s.id}`]) ? { subTarget: parseDecimalInput(form[`sub_${s.id}`]) } : {}),
        note: textOrNull(form[`note_${s.id}`]),
      })),
    };
    // The DTO names fields by position ("contributions.0.sharePercent"): shown at that SKPD's field.
    const fieldOf = (key: string) =>
      key.replace(/^contributions\.(\d+)\.(\w+)$/, (_m, i: string, f: string) => {
        const skpdId = given[Number(i)]?.id;
        return f === 'subTarget' ? `sub_${skpdId}` : f === 'note' ? `note_${skpdId}` : `share_${skpdId}`;
      });
    return submitForm(
      res,
      {
        form: 'crosscut',
        values: form,
        dto: PutCrosscutDto,
        plain,
        page: (s, st) =>
          this.renderEdit(
            req,
            res,
            id,
            year,
            { ...s, errors: Object.fromEntries(Object.entries(s.errors).map(([k, v]) => [fieldOf(k), v])) },
            st,
          ),
        done: `${PATH}/${id}?tahun=${year}&ok=1`,
      },
      (dto) => this.crosscut.put(req.scope!, id, dto),
    );
  }

  private activeSkpd(req: ConsoleRequest) {
    return allPages((page) => this.skpd.list(req.scope!, { page, pageSize: 100, active: 'true' }));
  }

  private async renderEdit(
    req: ConsoleRequest,
    res: Response,
    id: string,
    year: number,
    state: FormState | null,
    status: number,
  ): Promise<void> {
    const [[rollup], skpds] = await Promise.all([this.crosscut.rollups(req.scope!, id, year), this.activeSkpd(req)]);
    const current = new Map(rollup.contributions.map((c) => [c.skpdId, c]));
    const value = (key: string, saved: string | null | undefined) =>
      state ? (state.values[key] ?? '') : (saved ?? '');
    this.views.render(
      req,
      res,
      'admin-keroyokan-ubah',
      {
        title: `Keroyokan ${rollup.indicatorCode} ${year}`,
        year,
        rollup: { ...rollup, statusLabel: STATUS_LABELS[rollup.status] ?? rollup.status },
        rows: skpds.map((s) => {
          const c = current.get(s.id);
          return {
            id: s.id,
            code: s.code,
            name: s.name,
            share: value(`share_${s.id}`, c?.sharePercent?.replace('.', ',')),
            sub: value(`sub_${s.id}`, c?.subTarget?.replace('.', ',')),
            note: value(`note_${s.id}`, c?.note),
            effective: c?.effectiveTarget ?? null,
            shareError: state?.errors[`share_${s.id}`],
            subError: state?.errors[`sub_${s.id}`],
            noteError: state?.errors[`note_${s.id}`],
          };
        }),
        ...formModel(req, state),
      },
      status,
    );
  }
}
