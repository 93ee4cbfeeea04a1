import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { type Page, paginate, PageQueryDto } from '../common/http/pagination';
import { regionOf, type TenantScope } from '../common/tenancy/tenant-scope';
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

  list(scope: TenantScope, query: PageQueryDto & { entity?: string; entityId?: string }): Promise<Page<AuditEntry>> {
    const qb = this.entries.createQueryBuilder('a').where('a.regionId = :r', { r: regionOf(scope) });
    if (query.entity) qb.andWhere('a.entity = :e', { e: query.entity });
    if (query.entityId) qb.andWhere('a.entityId = :id', { id: query.entityId });
    return paginate(qb, { ...query, sort: query.sort ?? '-createdAt' }, ['createdAt', 'entity', 'action']);
  }
}
