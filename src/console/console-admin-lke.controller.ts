import { Body, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequirePermission } from '../common/auth/decorators';
import { OpenYearDto } from '../evaluation/dto/evaluation.dto';
import { EvaluationsService } from '../evaluation/evaluations.service';
import { SkpdService } from '../organization/skpd.service';
import { type Form, formModel, type FormState, submitForm } from './console-admin-form';
import { labelOf } from './console-labels';
import { ConsoleController } from './console-controller.decorator';
import { allPages } from './console-dashboards';
import { listModel, type ListSpec, pageOf, readList } from './console-list';
import type { ConsoleRequest } from './console-session';
import { ConsoleViews } from './console-views';
import { evaluationYearOf } from './console-year';
import { localDateTimeInput } from './domain/form-input';

const PATH = '/konsol/admin/lke';
const LIST: ListSpec = {
  path: PATH,
  columns: [
    { key: 'kode', label: 'Kode SKPD', sort: true },
    { key: 'subjek', label: 'Subjek', sort: true },
    { key: 'tahap', label: 'Tahap', sort: true },
    { key: 'mandiri', label: 'Batas penilaian mandiri', sort: true },
    { key: 'evaluasi', label: 'Batas evaluasi', sort: true },
    { key: 'qa', label: 'Batas penjaminan mutu', sort: true },
  ],
  defaultSort: 'kode',
  searchHint: 'Kode atau nama SKPD.',
};

const STAGE_ORDER = ['SELF_ASSESSMENT', 'EVALUATION', 'QA_REVIEW', 'FINAL'];
const time = (iso: string | null) => (iso ? new Date(iso).getTime() : null);

/**
 * The LKE year for the region: open every SKPD's (and the Pemda's) evaluation in one action with the stage schedule,
 * then follow each subject's stage and deadlines — EvaluationsService as behind POST /evaluations/open-year.
 */
@ConsoleController('admin/lke')
export class ConsoleAdminLkeController {
  constructor(
    private readonly views: ConsoleViews,
    private readonly evaluations: EvaluationsService,
    private readonly skpd: SkpdService,
  ) {}

  @RequirePermission('evaluation.open')
  @Get()
  page(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    return this.render(req, res, evaluationYearOf(req.query.tahun), null, 200);
  }

  @RequirePermission('evaluation.open')
  @Post()
  openYear(@Req() req: ConsoleRequest, @Res() res: Response, @Body() form: Form): Promise<void> {
    const year = evaluationYearOf(form.tahun);
    const deadline = (raw: string | undefined) => localDateTimeInput(raw) ?? (raw?.trim() ? raw.trim() : undefined);
    const plain = {
      year,
      selfDeadline: deadline(form.selfDeadline),
      evaluationDeadline: deadline(form.evaluationDeadline),
      qaDeadline: deadline(form.qaDeadline),
    };
    let opened = 0;
    return submitForm(
      res,
      {
        form: 'open',
        values: form,
        dto: OpenYearDto,
        plain,
        page: (s, st) => this.render(req, res, year, s, st),
        // Read after the service ran: the notice names how many evaluations were opened.
        get done() {
          return `${PATH}?tahun=${year}&dibuka=${opened}`;
        },
      },
      async (dto) => {
        opened = (await this.evaluations.openYear(req.scope!, dto)).opened.length;
      },
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
    const [evaluations, skpds] = await Promise.all([
      allPages((page) => this.evaluations.list(scope, { page, pageSize: 100, year, sort: 'skpdCode' })),
      allPages((page) => this.skpd.list(scope, { page, pageSize: 100, active: 'true' })),
    ]);
    const code = new Map(skpds.map((s) => [s.id, s.code]));
    const rows = evaluations.map((e) => ({
      ...e,
      skpdCode: e.skpdId ? (code.get(e.skpdId) ?? '') : '',
      subject: e.skpdName ?? 'Pemerintah Daerah',
      statusLabel: labelOf('status', e.status),
    }));
    const list = readList(LIST, req.query, { tahun: year });
    const page = pageOf(rows, list, {
      search: (r) => `${r.skpdCode} ${r.subject}`,
      sort: {
        kode: (r) => r.skpdCode,
        subjek: (r) => r.subject,
        tahap: (r) => STAGE_ORDER.indexOf(r.status),
        mandiri: (r) => time(r.selfDeadline),
        evaluasi: (r) => time(r.evaluationDeadline),
        qa: (r) => time(r.qaDeadline),
      },
    });
    const subjects = new Set(evaluations.map((e) => e.skpdId ?? 'pemda'));
    const waiting = skpds.filter((s) => !subjects.has(s.id)).length + (subjects.has('pemda') ? 0 : 1);
    const opened = Number(req.query.dibuka);
    const model = formModel(req, state);
    this.views.render(
      req,
      res,
      'admin-lke',
      {
        title: `Pembukaan LKE ${year}`,
        year,
        items: page.items,
        list: listModel(LIST, list, page.total),
        waiting,
        ...model,
        notice:
          !state && Number.isInteger(opened) && req.query.dibuka !== undefined
            ? `${opened} evaluasi dibuka untuk tahun ${year}.`
            : model.notice,
      },
      status,
    );
  }
}
