import { Get, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuditService } from '../audit/audit.service';
import { RequirePermission } from '../common/auth/decorators';
import { hasLabel, labelOf, labelOptions, type LabelKind } from './console-labels';
import { ConsoleController } from './console-controller.decorator';
import { apiQuery, listModel, type ListSpec, readList } from './console-list';
import type { ConsoleRequest } from './console-session';
import { ConsoleViews } from './console-views';

const LIST: ListSpec = {
  path: '/konsol/admin/audit',
  columns: [
    { key: 'waktu', label: 'Waktu', sort: 'createdAt' },
    { key: 'pengguna', label: 'Pengguna' },
    { key: 'tindakan', label: 'Tindakan', sort: 'action' },
    { key: 'data', label: 'Data', sort: 'entity' },
    { key: 'alasan', label: 'Alasan' },
  ],
  defaultSort: '-waktu',
  pageSize: 50,
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayOf = (raw: unknown): string | undefined =>
  typeof raw === 'string' && DAY.test(raw) && !Number.isNaN(Date.parse(raw)) ? raw : undefined;
const codeOf = (raw: unknown, kind: LabelKind): string | undefined =>
  typeof raw === 'string' && hasLabel(kind, raw) ? raw : undefined;
const usernameOf = (raw: unknown): string | undefined =>
  typeof raw === 'string' && /^[a-z0-9._-]{1,60}$/.test(raw.trim().toLowerCase())
    ? raw.trim().toLowerCase()
    : undefined;

/** The region's audit log with filters (who, entity, action, day range) and pages — AuditService as behind /audit-log. */
@ConsoleController('admin/audit')
export class ConsoleAdminAuditController {
  constructor(
    private readonly views: ConsoleViews,
    private readonly audit: AuditService,
  ) {}

  @RequirePermission('audit.read')
  @Get()
  async page(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    const filter = {
      username: usernameOf(req.query.pengguna),
      entity: codeOf(req.query.data, 'entity'),
      action: codeOf(req.query.tindakan, 'action'),
      from: dayOf(req.query.dari),
      to: dayOf(req.query.sampai),
    };
    const list = readList(LIST, req.query, {
      pengguna: filter.username,
      data: filter.entity,
      tindakan: filter.action,
      dari: filter.from,
      sampai: filter.to,
    });
    const { q: _ignored, ...query } = apiQuery(LIST, list);
    const result = await this.audit.list(req.scope!, { ...query, ...filter });
    this.views.render(req, res, 'admin-audit', {
      title: 'Log Audit',
      items: result.items.map((e) => ({
        ...e,
        actionLabel: labelOf('action', e.action),
        entityLabel: labelOf('entity', e.entity),
      })),
      filter: {
        username: filter.username ?? '',
        from: filter.from ?? '',
        to: filter.to ?? '',
        entities: labelOptions('entity', filter.entity),
        actions: labelOptions('action', filter.action),
      },
      list: listModel(LIST, list, result.total),
    });
  }
}
