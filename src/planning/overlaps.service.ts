import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ForbiddenError } from '../common/errors/domain-error';
import { regionOf, type TenantScope } from '../common/tenancy/tenant-scope';
import { findOverlaps, type OverlapCandidate } from './domain/overlap';
import type { OverlapQueryDto, OverlapResponseDto } from './dto/analysis.dto';
import { Indicator } from './entities/indicator.entity';
import { PlanNode } from './entities/plan-node.entity';
import { PeriodsService } from './periods.service';

/**
 * Tumpang tindih: SKPD-level indicators and programs of different SKPD with near-duplicate names, in the period
 * covering a year. A region-wide view (it compares SKPD with each other), so planners are refused.
 */
@Injectable()
export class OverlapsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly periods: PeriodsService,
  ) {}

  async find(scope: TenantScope, query: OverlapQueryDto): Promise<OverlapResponseDto> {
    if (scope.skpdId !== null)
      throw new ForbiddenError('Overlap detection compares SKPD with each other; it is a region-wide view');
    const regionId = regionOf(scope);
    const threshold = query.threshold ?? 0.6;
    const period = await this.periods.findForYear(this.db.manager, regionId, query.year);
    if (!period) return { year: query.year, periodId: null, threshold, pairs: [] };
    const codes = new Map<string, string>();
    const candidates: OverlapCandidate[] = [];
    if (!query.kind || query.kind === 'INDICATOR') {
      const rows = await this.db
        .getRepository(Indicator)
        .createQueryBuilder('i')
        .where('i.regionId = :regionId AND i.periodId = :periodId AND i.skpdId IS NOT NULL AND i.active = :active', {
          regionId,
          periodId: period.id,
          active: true,
        })
        .orderBy('i.code', 'ASC')
        .getMany();
      for (const r of rows) {
        codes.set(r.id, r.code);
        candidates.push({ id: r.id, skpdId: r.skpdId as string, name: r.name, kind: 'INDICATOR' });
      }
    }
    if (!query.kind || query.kind === 'PROGRAM') {
      const rows = await this.db
        .getRepository(PlanNode)
        .createQueryBuilder('n')
        .where(
          'n.regionId = :regionId AND n.periodId = :periodId AND n.skpdId IS NOT NULL AND n.kind = :kind AND n.active = :active',
          { regionId, periodId: period.id, kind: 'PROGRAM', active: true },
        )
        .orderBy('n.code', 'ASC')
        .getMany();
      for (const r of rows) {
        codes.set(r.id, r.code);
        candidates.push({ id: r.id, skpdId: r.skpdId as string, name: r.name, kind: 'PROGRAM' });
      }
    }
    const item = (c: OverlapCandidate) => ({
      id: c.id,
      skpdId: c.skpdId,
      code: codes.get(c.id) as string,
      name: c.name,
    });
    const pairs = findOverlaps(candidates, { threshold }).map((p) => ({
      kind: p.kind,
      left: item(p.left),
      right: item(p.right),
      score: p.score,
      sharedTokens: p.sharedTokens,
      suggestion: p.suggestion,
    }));
    return { year: query.year, periodId: period.id, threshold, pairs };
  }
}
