import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ConflictError, NotFoundError, UnprocessableError } from '../common/errors/domain-error';
import { type Page, paginate } from '../common/http/pagination';
import { canSeeSkpd, regionOf, type TenantScope } from '../common/tenancy/tenant-scope';
import { updateWithVersion } from '../common/typeorm/versioned-update';
import { Skpd } from '../organization/entities/skpd.entity';
import type { OrphansResponseDto } from './dto/analysis.dto';
import {
  CreatePlanNodeDto,
  PlanNodeQueryDto,
  PlanNodeResponseDto,
  toPlanNodeResponse,
  UpdatePlanNodeDto,
} from './dto/plan-node.dto';
import { Indicator } from './entities/indicator.entity';
import { ownerKeyOf, PlanNode, type PlanNodeKind } from './entities/plan-node.entity';
import { PeriodsService } from './periods.service';
import { assertNodeActive, assertNodeActivityChange } from './plan-activity';
import { assertPlanVisible, assertPlanWritable, scopedPlan } from './planning-access';

/** The kind a node's parent must have; TUJUAN is a root. */
const PARENT_KIND: Record<PlanNodeKind, PlanNodeKind | null> = {
  TUJUAN: null,
  SASARAN: 'TUJUAN',
  PROGRAM: 'SASARAN',
  KEGIATAN: 'PROGRAM',
};
/** Pemda level (RPJMD) carries tujuan and sasaran; programs and kegiatan belong to an SKPD's Renstra. */
const PEMDA_KINDS: readonly PlanNodeKind[] = ['TUJUAN', 'SASARAN'];

const invalid = (code: string, field: string, message: string) =>
  new UnprocessableError(code, message, [{ field, messages: [message] }]);

@Injectable()
export class PlanNodesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly periods: PeriodsService,
    private readonly audit: AuditService,
  ) {}

  /** A node the caller may read (Pemda-level, or an SKPD they see), else 404. */
  async findVisible(scope: TenantScope, id: string, m: EntityManager = this.db.manager): Promise<PlanNode> {
    return assertPlanVisible(scope, await m.getRepository(PlanNode).findOneBy({ id }), 'Plan node');
  }

  /** An SKPD of the caller's region (any, for region-wide roles; own, for planners), else 404. */
  async findSkpd(m: EntityManager, scope: TenantScope, skpdId: string): Promise<Skpd> {
    const skpd = await m.getRepository(Skpd).findOneBy({ id: skpdId, regionId: regionOf(scope) });
    if (!skpd || !canSeeSkpd(scope, skpd.id)) throw new NotFoundError('SKPD');
    return skpd;
  }

  list(scope: TenantScope, query: PlanNodeQueryDto): Promise<Page<PlanNodeResponseDto>> {
    const qb = scopedPlan(this.db.getRepository(PlanNode).createQueryBuilder('n'), scope);
    if (query.periodId) qb.andWhere('n.periodId = :periodId', { periodId: query.periodId });
    if (query.skpdId) qb.andWhere('n.skpdId = :skpdId', { skpdId: query.skpdId });
    if (query.level === 'PEMDA') qb.andWhere('n.skpdId IS NULL');
    if (query.level === 'SKPD') qb.andWhere('n.skpdId IS NOT NULL');
    if (query.kind) qb.andWhere('n.kind = :kind', { kind: query.kind });
    if (query.parentId) qb.andWhere('n.parentId = :parentId', { parentId: query.parentId });
    return paginate(qb, query, ['code', 'name', 'kind', 'createdAt'], toPlanNodeResponse);
  }

  async get(scope: TenantScope, id: string): Promise<PlanNodeResponseDto> {
    return toPlanNodeResponse(await this.findVisible(scope, id));
  }

  async create(scope: TenantScope, dto: CreatePlanNodeDto): Promise<PlanNodeResponseDto> {
    return this.db.transaction(async (m) => {
      const node = await this.createIn(m, scope, dto);
      return toPlanNodeResponse(node);
    });
  }

  /** Creates one node inside the caller's transaction (also used by imports), checking tree and cascade rules. */
  async createIn(m: EntityManager, scope: TenantScope, dto: CreatePlanNodeDto): Promise<PlanNode> {
    const skpdId = dto.skpdId ?? null;
    const period = await this.periods.findVisible(scope, dto.periodId, m);
    if (skpdId) await this.findSkpd(m, scope, skpdId);
    assertPlanWritable(scope, skpdId);
    if (skpdId === null && !PEMDA_KINDS.includes(dto.kind))
      throw invalid(
        'INVALID_NODE_KIND',
        'kind',
        `A Pemda-level node is TUJUAN or SASARAN; ${dto.kind} belongs to an SKPD`,
      );
    const ownerKey = ownerKeyOf(skpdId);
    const parentKind = PARENT_KIND[dto.kind];
    if (parentKind === null && dto.parentId) throw invalid('INVALID_PARENT', 'parentId', 'A TUJUAN has no parent');
    if (parentKind !== null) {
      if (!dto.parentId) throw invalid('INVALID_PARENT', 'parentId', `A ${dto.kind} needs a parent ${parentKind}`);
      const parent = await this.assertParent(
        m,
        { regionId: period.regionId, periodId: period.id, ownerKey, kind: dto.kind },
        dto.parentId,
      );
      assertNodeActive(parent);
    }
    if (dto.supportsNodeId)
      await this.assertSupportTarget(m, period.regionId, period.id, skpdId, dto.kind, dto.supportsNodeId);
    await this.assertCodeFree(m, period.id, ownerKey, dto.code);
    const node = m.create(PlanNode, {
      regionId: period.regionId,
      periodId: period.id,
      skpdId,
      ownerKey,
      kind: dto.kind,
      parentId: dto.parentId ?? null,
      supportsNodeId: dto.supportsNodeId ?? null,
      code: dto.code,
      name: dto.name,
    });
    await m.save(node);
    await this.audit.record(m, scope, {
      action: 'CREATE',
      entity: 'PlanNode',
      entityId: node.id,
      regionId: node.regionId,
      after: toPlanNodeResponse(node),
    });
    return node;
  }

  async update(scope: TenantScope, id: string, dto: UpdatePlanNodeDto): Promise<PlanNodeResponseDto> {
    return this.db.transaction(async (m) => {
      const node = await this.findVisible(scope, id, m);
      assertPlanWritable(scope, node.skpdId);
      const before = toPlanNodeResponse(node);
      const { version, ...changes } = dto;
      if (changes.supportsNodeId)
        await this.assertSupportTarget(m, node.regionId, node.periodId, node.skpdId, node.kind, changes.supportsNodeId);
      if (changes.code && changes.code !== node.code)
        await this.assertCodeFree(m, node.periodId, node.ownerKey, changes.code);
      // Moving: a new parent of the kind one level up in the same plan (a TUJUAN stays a root).
      if (changes.parentId && changes.parentId !== node.parentId) {
        if (PARENT_KIND[node.kind] === null) throw invalid('INVALID_PARENT', 'parentId', 'A TUJUAN has no parent');
        assertNodeActive(await this.assertParent(m, node, changes.parentId));
      }
      if (changes.active !== undefined) await assertNodeActivityChange(m, node, changes.active);
      const saved = await updateWithVersion(m, PlanNode, node, version, changes, 'Plan node');
      await this.audit.record(m, scope, {
        action: 'UPDATE',
        entity: 'PlanNode',
        entityId: id,
        regionId: node.regionId,
        before,
        after: toPlanNodeResponse(saved),
      });
      return toPlanNodeResponse(saved);
    });
  }

  /** Deletes a leaf: no child nodes, no indicators, no SKPD sasaran supporting it. */
  async remove(scope: TenantScope, id: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const node = await this.findVisible(scope, id, m);
      assertPlanWritable(scope, node.skpdId);
      const repo = m.getRepository(PlanNode);
      const used =
        (await repo.countBy({ parentId: id })) +
        (await repo.countBy({ supportsNodeId: id })) +
        (await m.getRepository(Indicator).countBy({ nodeId: id }));
      if (used > 0)
        throw new ConflictError(
          'NODE_IN_USE',
          'The node has child nodes, indicators or supporting sasaran; remove those first',
        );
      await repo.delete({ id });
      await this.audit.record(m, scope, {
        action: 'DELETE',
        entity: 'PlanNode',
        entityId: id,
        regionId: node.regionId,
        before: toPlanNodeResponse(node),
      });
    });
  }

  /**
   * Cascade gaps of a period: SKPD sasaran that support no Pemda sasaran, and Pemda sasaran nobody supports.
   * Planners get their own SKPD's unlinked sasaran; "supported" always counts every SKPD of the region.
   */
  async orphans(scope: TenantScope, periodId: string): Promise<OrphansResponseDto> {
    const period = await this.periods.findVisible(scope, periodId);
    const repo = this.db.getRepository(PlanNode);
    const unlinked = scopedPlan(repo.createQueryBuilder('n'), scope)
      .andWhere(
        'n.periodId = :periodId AND n.kind = :kind AND n.skpdId IS NOT NULL AND n.supportsNodeId IS NULL AND n.active = :active',
        {
          periodId: period.id,
          kind: 'SASARAN',
          active: true,
        },
      )
      .orderBy('n.code', 'ASC')
      .getMany();
    const unsupported = repo
      .createQueryBuilder('n')
      .where(
        'n.regionId = :regionId AND n.periodId = :periodId AND n.kind = :kind AND n.skpdId IS NULL AND n.active = :active',
        {
          regionId: period.regionId,
          periodId: period.id,
          kind: 'SASARAN',
          active: true,
        },
      )
      .andWhere('NOT EXISTS (SELECT 1 FROM plan_nodes c WHERE c.supportsNodeId = n.id AND c.active = :active)')
      .orderBy('n.code', 'ASC')
      .getMany();
    const [a, b] = await Promise.all([unlinked, unsupported]);
    return {
      periodId: period.id,
      unlinkedSkpdSasaran: a.map(toPlanNodeResponse),
      unsupportedPemdaSasaran: b.map(toPlanNodeResponse),
    };
  }

  private async assertSupportTarget(
    m: EntityManager,
    regionId: string,
    periodId: string,
    skpdId: string | null,
    kind: PlanNodeKind,
    targetId: string,
  ) {
    if (skpdId === null || kind !== 'SASARAN')
      throw invalid('INVALID_SUPPORT', 'supportsNodeId', 'Only an SKPD SASARAN links to the Pemda SASARAN it supports');
    const target = await m.getRepository(PlanNode).findOneBy({ id: targetId, regionId });
    if (!target || target.periodId !== periodId || target.skpdId !== null || target.kind !== 'SASARAN')
      throw invalid(
        'INVALID_SUPPORT',
        'supportsNodeId',
        'supportsNodeId must be a Pemda-level SASARAN of the same period',
      );
    assertNodeActive(target);
  }

  /** The parent must be the kind one level up of the same plan (region, period and owner). */
  private async assertParent(
    m: EntityManager,
    child: Pick<PlanNode, 'regionId' | 'periodId' | 'ownerKey' | 'kind'>,
    parentId: string,
  ): Promise<PlanNode> {
    const parentKind = PARENT_KIND[child.kind];
    const parent = await m.getRepository(PlanNode).findOneBy({ id: parentId, regionId: child.regionId });
    if (
      !parent ||
      parent.periodId !== child.periodId ||
      parent.ownerKey !== child.ownerKey ||
      parent.kind !== parentKind
    )
      throw invalid(
        'INVALID_PARENT',
        'parentId',
        `The parent must be a ${parentKind} of the same plan (period and owner)`,
      );
    return parent;
  }

  private async assertCodeFree(m: EntityManager, periodId: string, ownerKey: string, code: string) {
    if (await m.getRepository(PlanNode).existsBy({ periodId, ownerKey, code }))
      throw new ConflictError('CODE_TAKEN', `Code ${code} is already used in this plan`);
  }
}
