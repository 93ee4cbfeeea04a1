import { Body, Get, Param, Post, Req, Res, UploadedFiles } from '@nestjs/common';
import { AnyFilesInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import { RequirePermission } from '../common/auth/decorators';
import { EvidenceService } from '../evidence/evidence.service';
import { CapaianService } from '../performance/capaian.service';
import { PutRealisationsDto } from '../performance/dto/realisation.dto';
import { RealisationService } from '../performance/realisation.service';
import { PutPkIndicatorsDto, type PkResponseDto } from '../planning/dto/pk.dto';
import { IndicatorsService } from '../planning/indicators.service';
import { PkService } from '../planning/pk.service';
import { SkpdService } from '../organization/skpd.service';
import { roleHas } from '../auth/roles';
import { labelOf } from './console-labels';
import { ConsoleController } from './console-controller.decorator';
import { ConsoleUpload } from './console-upload';
import { allPages } from './console-dashboards';
import { type FieldMessages, serviceErrors, validateForm } from './console-forms';
import type { ConsoleRequest } from './console-session';
import { skpdOf, uuidParam } from './console-params';
import { ConsoleViews } from './console-views';
import { QUARTER_LABELS, QUARTERS, yearOf } from './console-year';
import { decimalForInput, parseDecimalInput, textOrNull } from './domain/form-input';
import { quarterWindowState } from './domain/quarter-window';

type Form = Record<string, string | undefined>;
const TARGET_FIELDS = ['annualTarget', 'q1Target', 'q2Target', 'q3Target', 'q4Target'] as const;
const TARGET_LABELS = ['Tahunan', ...QUARTER_LABELS];

interface UploadedFile {
  fieldname: string;
  originalname: string;
  buffer: Buffer;
  size: number;
}

const quarterOf = (raw: unknown): 1 | 2 | 3 | 4 =>
  ['1', '2', '3', '4'].includes(String(raw)) ? (Number(raw) as 1 | 2 | 3 | 4) : 1;

/**
 * Planner pages: the SKPD's PK with quarterly targets, quarterly realisation with evidence, capaian. PkService,
 * RealisationService, EvidenceService and CapaianService do the work, as behind /pk, /realisations, /evidence, /capaian.
 */
@ConsoleController()
export class ConsolePlannerController {
  constructor(
    private readonly views: ConsoleViews,
    private readonly pk: PkService,
    private readonly skpd: SkpdService,
    private readonly indicators: IndicatorsService,
    private readonly realisations: RealisationService,
    private readonly capaian: CapaianService,
    private readonly evidence: EvidenceService,
  ) {}

  @RequirePermission('planning.read')
  @Get('pk')
  async pkPage(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    const scope = req.scope!;
    const year = yearOf(req.query.tahun);
    const skpdId = skpdOf(scope, req.query.skpd);
    const skpd = await this.skpd.get(scope, skpdId);
    const latest = (await this.pk.list(scope, { page: 1, pageSize: 1, skpdId, year, latest: 'true' })).items[0];
    const pk = latest ? await this.pk.get(scope, latest.id) : null;
    const mayWrite = roleHas(scope.role, 'planning.write');
    this.views.render(req, res, 'pk', {
      title: `PK ${skpd.name} ${year}`,
      year,
      skpd,
      pk,
      statusLabel: pk ? labelOf('pk', pk.status) : null,
      returned: pk?.status === 'DRAFT' ? await this.pk.lastReturn(scope, pk.id) : null,
      mayRevise: Boolean(pk?.effective && mayWrite),
      editable: Boolean(pk && pk.status === 'DRAFT' && mayWrite),
      mayCreate: !pk && mayWrite,
      maySubmit: Boolean(pk && pk.status === 'DRAFT' && mayWrite && (pk.indicators?.length ?? 0) > 0),
      notice: req.query.ok === '1' ? 'Perubahan disimpan.' : undefined,
    });
  }

  @RequirePermission('planning.write')
  @Post('pk')
  async createPk(@Req() req: ConsoleRequest, @Res() res: Response, @Body() form: Form): Promise<void> {
    const scope = req.scope!;
    const year = yearOf(form.tahun);
    const skpdId = skpdOf(scope, form.skpd);
    await this.pk.create(scope, { skpdId, year });
    res.redirect(303, `/konsol/pk?tahun=${year}&skpd=${skpdId}&ok=1`);
  }

  @RequirePermission('planning.write')
  @Post('pk/:id/ajukan')
  async submitPk(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', uuidParam) id: string): Promise<void> {
    const pk = await this.pk.submit(req.scope!, id);
    res.redirect(303, `/konsol/pk?tahun=${pk.year}&skpd=${pk.skpdId}&ok=1`);
  }

  @RequirePermission('planning.write')
  @Get('pk/:id/target')
  async targetsPage(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('id', uuidParam) id: string,
  ): Promise<void> {
    const pk = await this.pk.get(req.scope!, id);
    const rows = (pk.indicators ?? []).map((i) => ({
      indicatorId: i.indicatorId,
      values: [i.annualTarget, i.q1Target, i.q2Target, i.q3Target, i.q4Target].map(decimalForInput),
    }));
    await this.renderTargets(req, res, pk, rows, {});
  }

  @RequirePermission('planning.write')
  @Post('pk/:id/target')
  async saveTargets(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('id', uuidParam) id: string,
    @Body() form: Form,
  ): Promise<void> {
    const scope = req.scope!;
    const pk = await this.pk.get(scope, id);
    const count = Math.min(Number(form.jumlah) || 0, 500);
    const rows = Array.from({ length: count }, (_, i) => ({
      indicatorId: form[`indicator_${i}`] ?? '',
      values: TARGET_FIELDS.map((f) => form[`${f}_${i}`] ?? ''),
    })).filter((r) => r.indicatorId);
    const items = rows
      .filter((r) => r.values.some((v) => v.trim() !== ''))
      .map((r) => ({
        indicatorId: r.indicatorId,
        ...Object.fromEntries(TARGET_FIELDS.map((f, k) => [f, parseDecimalInput(r.values[k])])),
      }));
    const checked = await validateForm(PutPkIndicatorsDto, { version: Number(form.version), items });
    const keyed = (errors: FieldMessages) =>
      byIndicator(
        errors,
        items.map((i) => i.indicatorId),
      );
    if (!checked.ok)
      return this.renderTargets(req, res, pk, rows, keyed(checked.errors), 'Periksa kembali isian yang ditandai.', 400);
    try {
      await this.pk.putIndicators(scope, id, checked.dto);
    } catch (err) {
      const shown = serviceErrors(err);
      if (!shown) throw err;
      return this.renderTargets(req, res, pk, rows, keyed(shown.errors), shown.summary, 422);
    }
    res.redirect(303, `/konsol/pk?tahun=${pk.year}&skpd=${pk.skpdId}&ok=1`);
  }

  /**
   * The target form: the PK's indicators plus the SKPD's other active indicators of the period (blank = not in the
   * PK); a deactivated indicator stays only where the PK already carries it.
   */
  private async renderTargets(
    req: ConsoleRequest,
    res: Response,
    pk: PkResponseDto,
    rows: { indicatorId: string; values: string[] }[],
    errors: Record<string, Record<string, string>>,
    summary?: string,
    status = 200,
  ): Promise<void> {
    const scope = req.scope!;
    const all = await allPages((page) =>
      this.indicators.list(scope, { page, pageSize: 100, skpdId: pk.skpdId, periodId: pk.periodId }),
    );
    const byId = new Map(all.map((i) => [i.id, i]));
    const inForm = new Set(rows.map((r) => r.indicatorId));
    const merged = [
      ...rows,
      ...all
        .filter((i) => !inForm.has(i.id) && i.active)
        .map((i) => ({ indicatorId: i.id, values: ['', '', '', '', ''] })),
    ];
    const view = merged.map((r, i) => {
      const ind = byId.get(r.indicatorId);
      return {
        index: i,
        indicatorId: r.indicatorId,
        code: ind?.code ?? '',
        name: ind?.name ?? r.indicatorId,
        satuan: ind?.satuan ?? '',
        rowError: errors[r.indicatorId]?.indicatorId ?? errors[r.indicatorId]?.quarters,
        cells: TARGET_FIELDS.map((f, k) => ({
          name: `${f}_${i}`,
          label: `${TARGET_LABELS[k]} — ${ind?.name ?? ''}`,
          value: r.values[k],
          error: errors[r.indicatorId]?.[f],
        })),
      };
    });
    const skpd = await this.skpd.get(scope, pk.skpdId);
    this.views.render(
      req,
      res,
      'pk-target',
      { title: `Target PK ${pk.year}`, pk, skpd, rows: view, count: view.length, headers: TARGET_LABELS, summary },
      status,
    );
  }

  @RequirePermission('realisation.read')
  @Get('realisasi')
  async realisationPage(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    const scope = req.scope!;
    const year = yearOf(req.query.tahun);
    const quarter = quarterOf(req.query.tw);
    const skpdId = skpdOf(scope, req.query.skpd);
    await this.renderRealisation(req, res, skpdId, year, quarter, null, {});
  }

  @RequirePermission('realisation.write')
  @Post('realisasi')
  @ConsoleUpload(AnyFilesInterceptor())
  async saveRealisation(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Body() form: Form,
    @UploadedFiles() files: UploadedFile[] | undefined,
  ): Promise<void> {
    const scope = req.scope!;
    const year = yearOf(form.tahun);
    const quarter = quarterOf(form.tw);
    const skpdId = skpdOf(scope, form.skpd);
    const count = Math.min(Number(form.jumlah) || 0, 500);
    const fileOf = new Map((files ?? []).filter((f) => f.size > 0).map((f) => [f.fieldname, f]));
    const typed = Array.from({ length: count }, (_, i) => ({
      indicatorId: form[`indicator_${i}`] ?? '',
      value: form[`value_${i}`] ?? '',
      notes: form[`notes_${i}`] ?? '',
      problems: form[`problems_${i}`] ?? '',
      followUpPlan: form[`followUp_${i}`] ?? '',
      version: form[`version_${i}`] ?? '',
      file: fileOf.get(`bukti_${i}`),
    }));
    const changed = typed.filter(
      (r) => r.version || r.file || [r.value, r.notes, r.problems, r.followUpPlan].some((v) => v.trim() !== ''),
    );
    const items = changed.map((r) => ({
      indicatorId: r.indicatorId,
      value: parseDecimalInput(r.value),
      notes: textOrNull(r.notes),
      problems: textOrNull(r.problems),
      followUpPlan: textOrNull(r.followUpPlan),
      ...(r.version ? { version: Number(r.version) } : {}),
    }));
    const again = (errors: FieldMessages, summary: string, status: number) =>
      this.renderRealisation(
        req,
        res,
        skpdId,
        year,
        quarter,
        typed,
        byIndicator(
          errors,
          items.map((i) => i.indicatorId),
        ),
        summary,
        status,
      );
    if (!items.length) return again({}, 'Belum ada isian yang diubah.', 400);
    const checked = await validateForm(PutRealisationsDto, { skpdId, year, quarter, items });
    if (!checked.ok) return again(checked.errors, 'Periksa kembali isian yang ditandai.', 400);
    try {
      for (const [i, r] of changed.entries()) {
        if (!r.file) continue;
        const uploaded = await this.evidence.upload(
          scope,
          { buffer: r.file.buffer, originalname: r.file.originalname, size: r.file.size },
          { skpdId },
        );
        checked.dto.items[i].evidenceIds = [uploaded.id];
      }
      await this.realisations.put(scope, checked.dto);
    } catch (err) {
      const shown = serviceErrors(err);
      if (!shown) throw err;
      return again(shown.errors, shown.summary, 422);
    }
    res.redirect(303, `/konsol/realisasi?tahun=${year}&tw=${quarter}&skpd=${skpdId}&ok=1`);
  }

  private async renderRealisation(
    req: ConsoleRequest,
    res: Response,
    skpdId: string,
    year: number,
    quarter: 1 | 2 | 3 | 4,
    typed:
      | { indicatorId: string; value: string; notes: string; problems: string; followUpPlan: string; version: string }[]
      | null,
    errors: Record<string, Record<string, string>>,
    summary?: string,
    status = 200,
  ): Promise<void> {
    const scope = req.scope!;
    const [skpd, data, windows] = await Promise.all([
      this.skpd.get(scope, skpdId),
      this.capaian.forSkpd(scope, { skpdId, year, quarter }),
      this.realisations.listWindows(scope, year),
    ]);
    // Shown before typing: the quarter's deadline and whether entry is open for this SKPD right now.
    const window = quarterWindowState(
      windows.find((w) => w.quarter === quarter),
      skpdId,
      new Date(),
    );
    const typedOf = new Map((typed ?? []).map((t) => [t.indicatorId, t]));
    const rows = data.indicators.map((ind, i) => {
      const saved = ind.realisations[quarter - 1];
      const t = typedOf.get(ind.indicatorId);
      const e = errors[ind.indicatorId] ?? {};
      return {
        index: i,
        indicatorId: ind.indicatorId,
        code: ind.code,
        name: ind.name,
        satuan: ind.satuan,
        target: ind.target.quarters[quarter - 1],
        value: t ? t.value : decimalForInput(saved.value),
        notes: t ? t.notes : (saved.notes ?? ''),
        problems: t ? t.problems : (saved.problems ?? ''),
        followUpPlan: t ? t.followUpPlan : (saved.followUpPlan ?? ''),
        version: t ? t.version : (saved.version ?? ''),
        evidence: (saved.evidenceIds ?? []).map((id, n) => ({ id, n: n + 1 })),
        errors: {
          value: e.value ?? e.indicatorId,
          notes: e.notes,
          problems: e.problems,
          followUpPlan: e.followUpPlan,
          version: e.version,
        },
        warnings: (ind.warnings ?? []).filter((w) => w.quarter === null || w.quarter === quarter).map((w) => w.message),
      };
    });
    this.views.render(
      req,
      res,
      'realisasi',
      {
        title: `Realisasi ${QUARTER_LABELS[quarter - 1]} ${year}`,
        year,
        quarter,
        quarterLabel: QUARTER_LABELS[quarter - 1],
        quarters: QUARTERS.map((q) => ({ q, label: QUARTER_LABELS[q - 1], current: q === quarter })),
        skpd,
        hasPk: Boolean(data.pkId),
        rows,
        count: rows.length,
        mayWrite: roleHas(scope.role, 'realisation.write') && window.open,
        window,
        summary,
        notice: req.query.ok === '1' && !summary ? 'Realisasi disimpan.' : undefined,
      },
      status,
    );
  }

  @RequirePermission('realisation.read')
  @Get('capaian')
  async capaianPage(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    const scope = req.scope!;
    const year = yearOf(req.query.tahun);
    const quarter = req.query.tw ? quarterOf(req.query.tw) : undefined;
    const skpdId = skpdOf(scope, req.query.skpd);
    const [skpd, data] = await Promise.all([
      this.skpd.get(scope, skpdId),
      this.capaian.forSkpd(scope, { skpdId, year, quarter }),
    ]);
    this.views.render(req, res, 'capaian', {
      title: `Capaian ${skpd.name} ${year}`,
      year,
      skpd,
      data,
      quarterLabel: quarter ? `s.d. ${QUARTER_LABELS[quarter - 1]}` : 'Tahunan',
      annual: !quarter,
      quarters: QUARTERS.map((q) => ({ q, label: QUARTER_LABELS[q - 1], current: q === quarter })),
    });
  }
}

/** `items.3.value` → { [indicatorId of item 3]: { value: message } }, so errors follow rows, not positions. */
function byIndicator(errors: FieldMessages, ids: string[]): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [field, message] of Object.entries(errors)) {
    const m = /^items\.(\d+)\.?(\w*)/.exec(field);
    if (!m || !ids[Number(m[1])]) continue;
    const key = m[2] || 'indicatorId';
    (out[ids[Number(m[1])]] ??= {})[key] ??= message;
  }
  return out;
}
