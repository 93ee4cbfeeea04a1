import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { roleHas } from '../auth/roles';
import { RequirePermission } from '../common/auth/decorators';
import { RECOMMENDATION_STATUSES } from '../evaluation/entities/evaluation-recommendation.entity';
import { CreatePembinaanDto, type PembinaanHistoryDto, PembinaanFollowUpDto } from '../pembinaan/dto/pembinaan.dto';
import { PembinaanService } from '../pembinaan/pembinaan.service';
import { ProvincesService } from '../provinces/provinces.service';
import { ConsoleController } from './console-controller.decorator';
import { type FailedFollowUp, type Form, followUpRow, submitFollowUp } from './console-follow-up-form';
import { type FieldMessages, serviceErrors, validateForm } from './console-forms';
import { uuidParam } from './console-params';
import type { ConsoleRequest } from './console-session';
import { ConsoleViews } from './console-views';

/** Recommendation rows on the province's form (blank rows are left out). */
const REC_ROWS = 5;

/** A pembinaan history for a page: status labels, and for the kabupaten/kota's admin a follow-up form per recommendation. */
function historyView(h: PembinaanHistoryDto, failed?: FailedFollowUp) {
  return {
    ...h,
    items: h.items.map((v) => ({
      ...v,
      recommendations: v.recommendations.map((r) => followUpRow(r, RECOMMENDATION_STATUSES, failed)),
    })),
  };
}

interface FailedVisit {
  values: Form;
  errors: FieldMessages;
}

/**
 * The province's side of pembinaan (PROVINCE_* roles): its kabupaten/kota with their counts, each one's history,
 * and (PROVINCE_EVALUATOR) the form recording a visit. PembinaanService does the work, as behind
 * POST /api/v1/province/regions/:regionId/pembinaan.
 */
@ConsoleController('pembinaan-kabkota')
export class ConsoleProvincePembinaanController {
  constructor(
    private readonly views: ConsoleViews,
    private readonly provinces: ProvincesService,
    private readonly pembinaan: PembinaanService,
  ) {}

  @RequirePermission('province.read')
  @Get()
  async list(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    const scope = req.scope!;
    const regions = await Promise.all(
      (await this.provinces.children(scope)).map(async (r) => ({
        ...r,
        summary: (await this.pembinaan.historyOfChild(scope, r.id)).summary,
      })),
    );
    this.views.render(req, res, 'pembinaan-kabkota', { title: 'Pembinaan Kabupaten/Kota', regions });
  }

  @RequirePermission('province.read')
  @Get(':regionId')
  async region(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('regionId', uuidParam) regionId: string,
  ): Promise<void> {
    await this.render(req, res, regionId, null, undefined, req.query.ok === '1' ? 'Pembinaan dicatat.' : undefined);
  }

  @RequirePermission('province.assist')
  @Post(':regionId')
  async record(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('regionId', uuidParam) regionId: string,
    @Body() form: Form,
  ): Promise<void> {
    const rows = Array.from({ length: REC_ROWS }, (_, i) => ({
      row: i,
      text: (form[`rekomendasi-${i}`] ?? '').trim(),
      dueDate: (form[`batas-${i}`] ?? '').trim(),
    })).filter((r) => r.text || r.dueDate);
    const checked = await validateForm(CreatePembinaanDto, {
      date: (form.tanggal ?? '').trim(),
      topic: (form.topik ?? '').trim(),
      findings: (form.temuan ?? '').trim(),
      recommendations: rows.map((r) => ({ text: r.text, dueDate: r.dueDate })),
    });
    // Errors of "recommendations.<k>.<field>" belong to the form's row of the k-th filled recommendation.
    const onRows = (errors: FieldMessages): FieldMessages =>
      Object.fromEntries(
        Object.entries(errors).map(([field, message]) => {
          const m = /^recommendations\.(\d+)\.(text|dueDate)$/.exec(field);
          return [m ? `${m[2] === 'text' ? 'rekomendasi' : 'batas'}-${rows[Number(m[1])]?.row ?? 0}` : field, message];
        }),
      );
    if (!checked.ok)
      return this.render(
        req,
        res,
        regionId,
        { values: form, errors: onRows(checked.errors) },
        'Periksa kembali isian yang ditandai.',
        undefined,
        400,
      );
    try {
      await this.pembinaan.record(req.scope!, regionId, checked.dto);
    } catch (err) {
      const shown = serviceErrors(err);
      if (!shown) throw err;
      return this.render(
        req,
        res,
        regionId,
        { values: form, errors: onRows(shown.errors) },
        shown.summary,
        undefined,
        422,
      );
    }
    res.redirect(303, `/konsol/pembinaan-kabkota/${regionId}?ok=1`);
  }

  private async render(
    req: ConsoleRequest,
    res: Response,
    regionId: string,
    failed: FailedVisit | null,
    summary?: string,
    notice?: string,
    status = 200,
  ): Promise<void> {
    const scope = req.scope!;
    const history = await this.pembinaan.historyOfChild(scope, regionId);
    const values = failed?.values ?? {};
    const errors = failed?.errors ?? {};
    const field = (name: string) => ({ name, value: values[name] ?? '', error: errors[name] });
    this.views.render(
      req,
      res,
      'pembinaan-kabkota-detail',
      {
        title: `Pembinaan ${history.regionName}`,
        history: historyView(history),
        mayRecord: roleHas(scope.role, 'province.assist'),
        form: {
          date: field('tanggal'),
          topic: field('topik'),
          findings: field('temuan'),
          recommendationsError: errors.recommendations,
          rows: Array.from({ length: REC_ROWS }, (_, i) => ({
            n: i + 1,
            text: field(`rekomendasi-${i}`),
            dueDate: field(`batas-${i}`),
            dueLabel: `Batas waktu rekomendasi ${i + 1}`,
          })),
        },
        summary,
        notice,
      },
      status,
    );
  }
}

/**
 * The kabupaten/kota's side: its pembinaan history from the province (REGION_ADMIN, EVALUATOR, HEAD), and for
 * REGION_ADMIN the follow-up form of each recommendation, as PUT /api/v1/pembinaan/recommendations/:id/follow-up.
 */
@ConsoleController('pembinaan')
export class ConsolePembinaanController {
  constructor(
    private readonly views: ConsoleViews,
    private readonly pembinaan: PembinaanService,
  ) {}

  @RequirePermission('pembinaan.read')
  @Get()
  async page(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    await this.render(req, res, undefined, undefined, req.query.ok === '1' ? 'Tindak lanjut disimpan.' : undefined);
  }

  @RequirePermission('pembinaan.follow-up')
  @Post(':id')
  async followUp(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('id', uuidParam) id: string,
    @Body() form: Form,
  ): Promise<void> {
    const saved = await submitFollowUp(
      id,
      form,
      PembinaanFollowUpDto,
      (dto) => this.pembinaan.followUp(req.scope!, id, dto),
      (failed, summary, status) => this.render(req, res, failed, summary, undefined, status),
    );
    if (saved) res.redirect(303, `/konsol/pembinaan?ok=1#r-${id}`);
  }

  private async render(
    req: ConsoleRequest,
    res: Response,
    failed?: FailedFollowUp,
    summary?: string,
    notice?: string,
    status = 200,
  ): Promise<void> {
    const scope = req.scope!;
    const history = await this.pembinaan.ownHistory(scope);
    this.views.render(
      req,
      res,
      'pembinaan',
      {
        title: 'Pembinaan Provinsi',
        history: historyView(history, failed),
        mayFollowUp: roleHas(scope.role, 'pembinaan.follow-up'),
        summary,
        notice,
      },
      status,
    );
  }
}
