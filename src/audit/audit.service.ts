import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { type Page, paginate, PageQueryDto } from '../common/http/pagination';
import { regionOf, type TenantScope } from '../common/tenancy/tenant-scope';
import { addDays, localToUtc } from '../common/time/zoned-time';
import { regionTimeZone } from '../organization/region-time-zone';
import { AuditEntry } from './audit-entry.entity';

const SECRET_FIELDS = new Set(['passwordHash', 'password', 'tokenHash', 'tokenVersion']);

export interface AuditInput {
  action: string;
  entity: string;
  entityId: string;
  regionId: string | null;
  before?: object | null;
  after?: object | null;
  reason?: string | null;
}

/** Keeps only the fields that changed (all fields for a create or delete), without secrets. */
export function auditDiff(before: object | null | undefined, after: object | null | undefined) {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) =>
      !SECRET_FIELDS.has(k) &&
      k !== 'updatedAt' &&
      k !== 'createdAt' &&
      k !== 'version' &&
      JSON.stringify(b[k]) !== JSON.stringify(a[k]),
  );
  const pick = (o: Record<string, unknown>, present: boolean) =>
    present ? Object.fromEntries(keys.map((k) => [k, o[k] ?? null])) : null;
  return { before: pick(b, before != null), after: pick(a, after != null) };
}

/** What the audit log can be narrowed to (REST: GET /audit-log; console: Log Audit). */
export interface AuditFilter {
  entity?: string;
  entityId?: string;
  action?: string;
  username?: string;
  from?: string;
  to?: string;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  /** Writes one audit row inside the caller's transaction, so the audit and the change commit together. */
  async record(manager: EntityManager, scope: TenantScope | null, input: AuditInput): Promise<void> {
    const diff = auditDiff(input.before, input.after);
    // An update that changed nothing (a PATCH with only its version) is no event worth keeping.
    if (input.action === 'UPDATE' && !input.reason && Object.keys(diff.after ?? {}).length === 0) return;
    await manager.insert(AuditEntry, {
      regionId: input.regionId,
      userId: scope?.userId ?? null,
      username: scope?.username ?? null,
      action: input.action,
      entity: input.entity,
      entityId: input.entityId,
      diff: JSON.stringify(diff),
      reason: input.reason ?? null,
      correlationId: scope?.correlationId ?? null,
    });
  }

  /** The region's entries, newest first; `from` / `to` are whole days (YYYY-MM-DD) in the region's zone. */
  async list(scope: TenantScope, query: PageQueryDto & AuditFilter): Promise<Page<AuditEntry>> {
    const region = regionOf(scope);
    const qb = this.entries.createQueryBuilder('a').where('a.regionId = :r', { r: region });
    if (query.entity) qb.andWhere('a.entity = :e', { e: query.entity });
    if (query.entityId) qb.andWhere('a.entityId = :id', { id: query.entityId });
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.username) qb.andWhere('a.username = :username', { username: query.username });
    if (query.from || query.to) {
      const zone = await regionTimeZone(this.entries.manager, region);
      if (query.from) qb.andWhere('a.createdAt >= :from', { from: localToUtc(query.from, zone) });
      if (query.to) qb.andWhere('a.createdAt < :to', { to: localToUtc(addDays(query.to, 1), zone) });
    }
    return paginate(qb, { ...query, sort: query.sort ?? '-createdAt' }, ['createdAt', 'entity', 'action']);
  }
}
