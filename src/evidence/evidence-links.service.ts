import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { NotFoundError, UnprocessableError } from '../common/errors/domain-error';
import { regionOf, scoped, type TenantScope } from '../common/tenancy/tenant-scope';
import { type EvidenceResponseDto, toEvidenceResponse } from './dto/evidence.dto';
import { EvidenceFile } from './entities/evidence-file.entity';
import { EvidenceItem } from './entities/evidence-item.entity';
import { EvidenceLink, type EvidenceTargetType } from './entities/evidence-link.entity';

/**
 * A record that evidence can support, as other modules describe it. The calling module has already checked that
 * the caller may write the target; `skpdId` is the target's SKPD (null for region-level targets such as a Pemda
 * evaluation answer) and only evidence of that SKPD may be linked to it, so a planner never sees another SKPD's files.
 */
export interface EvidenceTarget {
  type: EvidenceTargetType;
  id: string;
  skpdId: string | null;
}

/**
 * Links evidence items to records of other modules (realisations, evaluation answers, follow-ups). Every method
 * takes the caller's EntityManager so links commit or roll back with the caller's own change, and is audited there.
 */
@Injectable()
export class EvidenceLinkService {
  constructor(private readonly audit: AuditService) {}

  /** Adds links (already-linked items are skipped). Unknown / invisible items → 404; another SKPD's item → 422. */
  async link(
    m: EntityManager,
    scope: TenantScope,
    target: EvidenceTarget,
    evidenceIds: readonly string[],
  ): Promise<void> {
    const regionId = regionOf(scope);
    const ids = [...new Set(evidenceIds)];
    if (ids.length === 0) return;
    await this.assertLinkable(m, scope, target, ids);
    const existing = await m.find(EvidenceLink, {
      where: { regionId, targetType: target.type, targetId: target.id, evidenceItemId: In(ids) },
    });
    const have = new Set(existing.map((l) => l.evidenceItemId));
    for (const evidenceItemId of ids.filter((id) => !have.has(id))) {
      await m.insert(EvidenceLink, {
        regionId,
        evidenceItemId,
        targetType: target.type,
        targetId: target.id,
        createdBy: scope.userId,
      });
      await this.audit.record(m, scope, {
        action: 'LINK',
        entity: 'EvidenceItem',
        entityId: evidenceItemId,
        regionId,
        after: { targetType: target.type, targetId: target.id },
      });
    }
  }

  /** Removes links; returns how many existed. The evidence itself stays (it may support other records). */
  async unlink(
    m: EntityManager,
    scope: TenantScope,
    target: EvidenceTarget,
    evidenceIds: readonly string[],
  ): Promise<number> {
    const regionId = regionOf(scope);
    const ids = [...new Set(evidenceIds)];
    if (ids.length === 0) return 0;
    const existing = await m.find(EvidenceLink, {
      where: { regionId, targetType: target.type, targetId: target.id, evidenceItemId: In(ids) },
    });
    for (const link of existing) {
      await m.delete(EvidenceLink, { id: link.id });
      await this.audit.record(m, scope, {
        action: 'UNLINK',
        entity: 'EvidenceItem',
        entityId: link.evidenceItemId,
        regionId,
        before: { targetType: target.type, targetId: target.id },
      });
    }
    return existing.length;
  }

  /** Makes the target's links exactly `evidenceIds` (for PUT-style forms). */
  async replace(
    m: EntityManager,
    scope: TenantScope,
    target: EvidenceTarget,
    evidenceIds: readonly string[],
  ): Promise<void> {
    const wanted = new Set(evidenceIds);
    const current = (await this.linkedIds(m, scope, target.type, [target.id])).get(target.id) ?? [];
    await this.unlink(
      m,
      scope,
      target,
      current.filter((id) => !wanted.has(id)),
    );
    await this.link(m, scope, target, [...wanted]);
  }

  /** The evidence linked to one target that the caller may see, oldest first. */
  async list(
    m: EntityManager,
    scope: TenantScope,
    target: Pick<EvidenceTarget, 'type' | 'id'>,
  ): Promise<EvidenceResponseDto[]> {
    const rows = await scoped(m.createQueryBuilder(EvidenceItem, 'i'), scope, { skpdColumn: 'skpdId' })
      .innerJoinAndMapOne('i.file', EvidenceFile, 'f', 'f.id = i.fileId')
      .innerJoin(EvidenceLink, 'l', 'l.evidenceItemId = i.id AND l.regionId = i.regionId')
      .andWhere('l.targetType = :type AND l.targetId = :id', { type: target.type, id: target.id })
      .orderBy('l.createdAt', 'ASC')
      .addOrderBy('i.id', 'ASC')
      .getMany();
    return rows.map((i) => toEvidenceResponse(i, i.file!));
  }

  /**
   * Linked evidence ids per target, for many targets of one type at once (e.g. "realisation without evidence"
   * warnings or list pages). Targets without evidence are absent from the map.
   */
  async linkedIds(
    m: EntityManager,
    scope: TenantScope,
    type: EvidenceTargetType,
    targetIds: readonly string[],
  ): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (targetIds.length === 0) return out;
    const links = await m.find(EvidenceLink, {
      where: { regionId: regionOf(scope), targetType: type, targetId: In([...new Set(targetIds)]) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    for (const l of links) out.set(l.targetId, [...(out.get(l.targetId) ?? []), l.evidenceItemId]);
    return out;
  }

  private async assertLinkable(
    m: EntityManager,
    scope: TenantScope,
    target: EvidenceTarget,
    ids: string[],
  ): Promise<void> {
    const items = await scoped(m.createQueryBuilder(EvidenceItem, 'i'), scope, { skpdColumn: 'skpdId' })
      .andWhere('i.id IN (:...ids)', { ids })
      .getMany();
    if (items.length !== ids.length) throw new NotFoundError('Evidence');
    const foreign = items.filter((i) => target.skpdId !== null && i.skpdId !== target.skpdId);
    if (foreign.length)
      throw new UnprocessableError(
        'EVIDENCE_OTHER_SKPD',
        'Evidence can only be linked to records of the SKPD it was uploaded for',
        foreign.map((i) => ({ evidenceId: i.id })),
      );
  }
}
