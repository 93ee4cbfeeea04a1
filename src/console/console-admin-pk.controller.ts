import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuditService } from '../audit/audit.service';
import { RequirePermission } from '../common/auth/decorators';
import { SkpdService } from '../organization/skpd.service';
import { PkReasonDto, type PkResponseDto } from '../planning/dto/pk.dto';
import { PkService } from '../planning/pk.service';
import { type Form, formModel, type FormState, runAction, submitForm } from './console-admin-form';
import { labelOf } from './console-labels';
import { ConsoleController } from './console-controller.decorator';
import { allPages } from './console-dashboards';
import { listModel, type ListSpec, pageOf, readList } from './console-list';
import { uuidParam } from './console-params';
import type { ConsoleRequest } from './console-session';
import { ConsoleViews } from './console-views';
import { pkDiff } from './domain/pk-diff';
import { textOrNull } from './domain/form-input';

const LIST: ListSpec = {
  path: '/konsol/admin/pk',
  columns: [
    { key: 'kode', label: 'Kode SKPD', sort: true },
    { key: 'skpd', label: 'SKPD', sort: true },
    { key: 'tahun', label: 'Tahun', sort: true },
    { key: 'revisi', label: 'Revisi', sort: true },
    { key: 'diajukan', label: 'Diajukan', sort: true },
    { key: 'alasan', label: 'Alasan perubahan' },
  ],
  defaultSort: 'kode',
  searchHint: 'Kode atau nama SKPD, atau tahun.',
};

const NOTICES: Record<string, string> = { setuju: 'PK disetujui.', kembali: 'PK dikembalikan ke draf.' };
const PK_ACTIONS = new Set(['SUBMIT', 'RETURN', 'APPROVE', 'REVISE', 'LOCK']);

/**
 * PK approvals: the submitted PKs (search, sort, pages), each with its revision reason, the side-by-side changes
 * against the previous revision and its history of returns; approve, or return to draft with a reason — PkService as
 * behind /pk/:id/approve and /pk/:id/return.
 */
@ConsoleController('admin/pk')
export class ConsoleAdminPkController {
  constructor(
    private readonly views: ConsoleViews,
    private readonly skpd: SkpdService,
    private readonly pk: PkService,
    private readonly audit: AuditService,
  ) {}

  @RequirePermission('planning.approve')
  @Get()
  async listPage(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    const scope = req.scope!;
    const [submitted, skpds] = await Promise.all([
      allPages((page) => this.pk.list(scope, { page, pageSize: 100, status: 'SUBMITTED', latest: 'true' })),
      allPages((page) => this.skpd.list(scope, { page, pageSize: 100 })),
    ]);
    const byId = new Map(skpds.map((s) => [s.id, s]));
    const rows = submitted.map((p) => ({
      ...p,
      skpdCode: byId.get(p.skpdId)?.code ?? '',
      skpdName: byId.get(p.skpdId)?.name ?? p.skpdId,
    }));
    const list = readList(LIST, req.query);
    const page = pageOf(rows, list, {
      search: (r) => `${r.skpdCode} ${r.skpdName} ${r.year}`,
      sort: {
        kode: (r) => r.skpdCode,
        skpd: (r) => r.skpdName,
        tahun: (r) => r.year,
        revisi: (r) => r.revision,
        diajukan: (r) => (r.submittedAt ? new Date(r.submittedAt).getTime() : null),
      },
    });
    this.views.render(req, res, 'admin-pk', {
      title: 'Persetujuan PK',
      items: page.items,
      list: listModel(LIST, list, page.total),
      notice: NOTICES[String(req.query.ok)],
    });
  }

  @RequirePermission('planning.approve')
  @Get(':id')
  detailPage(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', uuidParam) id: string): Promise<void> {
    return this.renderDetail(req, res, id, null, 200);
  }

  @RequirePermission('planning.approve')
  @Post(':id/setujui')
  approve(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', uuidParam) id: string): Promise<void> {
    return runAction(
      res,
      { form: 'approve', page: (s, st) => this.renderDetail(req, res, id, s, st), done: `${LIST.path}?ok=setuju` },
      () => this.pk.approve(req.scope!, id),
    );
  }

  @RequirePermission('planning.approve')
  @Post(':id/kembalikan')
  returnPk(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('id', uuidParam) id: string,
    @Body() form: Form,
  ): Promise<void> {
    return submitForm(
      res,
      {
        form: 'return',
        values: form,
        dto: PkReasonDto,
        plain: { reason: textOrNull(form.reason) ?? '' },
        page: (s, st) => this.renderDetail(req, res, id, s, st),
        done: `${LIST.path}?ok=kembali`,
      },
      (dto) => this.pk.returnToDraft(req.scope!, id, dto.reason),
    );
  }

  private async renderDetail(
    req: ConsoleRequest,
    res: Response,
    id: string,
    state: FormState | null,
    status: number,
  ): Promise<void> {
    const scope = req.scope!;
    const pk = await this.pk.get(scope, id);
    const [previous, skpd, history] = await Promise.all([
      pk.previousId ? this.pk.get(scope, pk.previousId) : Promise.resolve<PkResponseDto | null>(null),
      this.skpd.get(scope, pk.skpdId),
      this.history(req, pk),
    ]);
    const rows = pkDiff(previous?.indicators ?? null, pk.indicators ?? []);
    this.views.render(
      req,
      res,
      'admin-pk-detail',
      {
        title: `PK ${skpd.name} ${pk.year} revisi ${pk.revision}`,
        pk,
        skpd,
        previous,
        rows,
        changed: rows.filter((r) => r.change !== 'same').length,
        submitted: pk.status === 'SUBMITTED',
        history,
        ...formModel(req, state),
      },
      status,
    );
  }

  /** Submissions, returns (with their reasons), approvals and revisions of every revision of this PK, newest first. */
  private async history(req: ConsoleRequest, pk: PkResponseDto) {
    const ids = [pk.id, ...(pk.previousId ? [pk.previousId] : [])];
    const pages = await Promise.all(
      ids.map((entityId) =>
        this.audit.list(req.scope!, { page: 1, pageSize: 50, entity: 'PerformanceAgreement', entityId }),
      ),
    );
    return pages
      .flatMap((p) => p.items)
      .filter((e) => PK_ACTIONS.has(e.action))
      .sort((a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime())
      .map((e) => ({
        at: e.createdAt,
        username: e.username,
        action: labelOf('action', e.action),
        reason: e.reason,
        ownRevision: e.entityId === pk.id,
      }));
  }
}
