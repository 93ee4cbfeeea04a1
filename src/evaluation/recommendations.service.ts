import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ForbiddenError, NotFoundError, UnprocessableError } from '../common/errors/domain-error';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { updateWithVersion } from '../common/typeorm/versioned-update';
import { regionInstant, regionTimeZone } from '../organization/region-time-zone';
import { criteriaOf, subComponentsOf } from './domain/rule-set';
import {
  type CreateRecommendationDto,
  type FollowUpDto,
  type RecommendationResponseDto,
  toRecommendationResponse,
  type UpdateRecommendationDto,
} from './dto/recommendation.dto';
import { EvaluationRecommendation } from './entities/evaluation-recommendation.entity';
import type { Evaluation } from './entities/evaluation.entity';
import { findEvaluation, snapshotOf, superseded } from './evaluation-access';

/** A follow-up due date typed for the region as an instant (a date alone: the end of that local day). */
async function dueAtOf(m: EntityManager, regionId: string, raw: string | null | undefined): Promise<Date | null> {
  return raw ? regionInstant(raw, await regionTimeZone(m, regionId)) : null;
}

/** Recommendations (rekomendasi) of an evaluation and their follow-up (tindak lanjut). */
@Injectable()
export class RecommendationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(scope: TenantScope, evaluationId: string): Promise<RecommendationResponseDto[]> {
    const ev = await findEvaluation(this.db.manager, scope, evaluationId);
    const rows = await this.db.getRepository(EvaluationRecommendation).find({
      where: { evaluationId: ev.id, regionId: ev.regionId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map(toRecommendationResponse);
  }

  async create(
    scope: TenantScope,
    evaluationId: string,
    dto: CreateRecommendationDto,
  ): Promise<RecommendationResponseDto> {
    return this.db.transaction(async (m) => {
      const ev = await findEvaluation(m, scope, evaluationId);
      superseded(ev);
      await this.assertRef(m, ev, dto.refId);
      const row = m.create(EvaluationRecommendation, {
        regionId: ev.regionId,
        skpdId: ev.skpdId,
        evaluationId: ev.id,
        refId: dto.refId ?? null,
        text: dto.text,
        followUp: null,
        status: 'OPEN',
        dueAt: await dueAtOf(m, ev.regionId, dto.dueDate),
        carriedFromId: null,
        createdBy: scope.userId,
      });
      await m.save(row);
      const after = toRecommendationResponse(row);
      await this.audit.record(m, scope, {
        action: 'CREATE',
        entity: 'EvaluationRecommendation',
        entityId: row.id,
        regionId: ev.regionId,
        after,
      });
      return after;
    });
  }

  async update(
    scope: TenantScope,
    evaluationId: string,
    id: string,
    dto: UpdateRecommendationDto,
  ): Promise<RecommendationResponseDto> {
    return this.db.transaction(async (m) => {
      const { ev, row } = await this.find(m, scope, evaluationId, id);
      if (dto.refId !== undefined) await this.assertRef(m, ev, dto.refId);
      const { version, dueDate, ...rest } = dto;
      const changes = { ...rest, ...(dueDate !== undefined ? { dueAt: await dueAtOf(m, ev.regionId, dueDate) } : {}) };
      return this.write(m, scope, row, version, changes, 'UPDATE');
    });
  }

  /** Planners of the SKPD report the follow-up (status OPEN / IN_PROGRESS); only an evaluator may mark it DONE. */
  async followUp(
    scope: TenantScope,
    evaluationId: string,
    id: string,
    dto: FollowUpDto,
  ): Promise<RecommendationResponseDto> {
    return this.db.transaction(async (m) => {
      const { row } = await this.find(m, scope, evaluationId, id);
      if (dto.status === 'DONE' && scope.role !== 'EVALUATOR')
        throw new ForbiddenError('Only an evaluator may mark a recommendation as done');
      const { version, ...changes } = dto;
      return this.write(m, scope, row, version, changes, 'FOLLOW_UP');
    });
  }

  private async find(
    m: EntityManager,
    scope: TenantScope,
    evaluationId: string,
    id: string,
  ): Promise<{ ev: Evaluation; row: EvaluationRecommendation }> {
    const ev = await findEvaluation(m, scope, evaluationId);
    const row = await m.findOne(EvaluationRecommendation, {
      where: { id, evaluationId: ev.id, regionId: ev.regionId },
    });
    if (!row) throw new NotFoundError('Recommendation');
    superseded(ev);
    return { ev, row };
  }

  private async write(
    m: EntityManager,
    scope: TenantScope,
    row: EvaluationRecommendation,
    version: number,
    changes: Partial<EvaluationRecommendation>,
    action: string,
  ): Promise<RecommendationResponseDto> {
    const before = toRecommendationResponse(row);
    const saved = await updateWithVersion(m, EvaluationRecommendation, row, version, changes, 'Recommendation');
    const after = toRecommendationResponse(saved);
    await this.audit.record(m, scope, {
      action,
      entity: 'EvaluationRecommendation',
      entityId: row.id,
      regionId: row.regionId,
      before,
      after,
    });
    return after;
  }

  /** A recommendation may point at a criterion, sub-component or component of the evaluation's own rule set. */
  private async assertRef(m: EntityManager, ev: Evaluation, refId: string | null | undefined): Promise<void> {
    if (refId === null || refId === undefined) return;
    const rs = await snapshotOf(m, ev);
    const known = new Set([
      ...rs.components.map((c) => c.id),
      ...subComponentsOf(rs).map((s) => s.id),
      ...criteriaOf(rs).map((k) => k.id),
    ]);
    if (!known.has(refId))
      throw new UnprocessableError('UNKNOWN_REFERENCE', `"${refId}" is not part of this evaluation's rule set`, [
        { field: 'refId', messages: [`unknown criterion, sub-component or component "${refId}"`] },
      ]);
  }
}
