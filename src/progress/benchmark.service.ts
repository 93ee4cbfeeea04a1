import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In, Not } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Exact } from '../common/decimal/exact';
import { DomainError, NotFoundError, UnprocessableError } from '../common/errors/domain-error';
import { regionOf, type TenantScope } from '../common/tenancy/tenant-scope';
import type { Fraction } from '../evaluation/domain/fraction';
import { Region } from '../organization/entities/region.entity';
import {
  compareAggregates,
  type ComparisonRow,
  loadAggregate,
  type RegionAggregate,
  storeAggregate,
} from './domain/benchmark';
import { gapJson, gapOf } from './domain/gap';
import type { BenchmarkQueryDto, PublicationDto } from './dto/progress.dto';
import { ResultPublication } from './entities/result-publication.entity';
import { HistoryService } from './history.service';
import { ProgressResultsService } from './progress-results.service';

const two = (f: Fraction | null): string | null => f?.toFixedHalfUp(2) ?? null;
const rowJson = (r: ComparisonRow) => ({
  id: r.id,
  name: r.name,
  weight: r.weight,
  componentId: r.componentId,
  own: two(r.own),
  peer: two(r.peer),
  difference: two(r.difference),
  peerHigher: r.peerHigher,
});

/**
 * Benchmarking between regions (studi tiru). A region opts in per year by publishing its yearly aggregate; another
 * region compares itself with it. The publication row is the only data of a region read on behalf of another region:
 * region name and kind, plus the aggregate. An unpublished peer (or year) is a 404, like any foreign row.
 */
@Injectable()
export class BenchmarkService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly results: ProgressResultsService,
    private readonly history: HistoryService,
    private readonly audit: AuditService,
  ) {}

  /** Publishes (refreshing the copy) or withdraws the caller's region's result for a year. */
  async publish(scope: TenantScope, dto: PublicationDto) {
    const regionId = regionOf(scope);
    const done = await this.db.transaction(async (m) => {
      const existing = await m.findOne(ResultPublication, { where: { regionId, year: dto.year } });
      const summary = (p: ResultPublication | null) =>
        p ? { year: p.year, basis: p.basis, total: p.totalExact, predicate: p.predicate } : null;
      if (!dto.published) {
        if (existing) {
          await m.delete(ResultPublication, { id: existing.id, regionId });
          await this.audit.record(m, scope, {
            action: 'UNPUBLISH',
            entity: 'ResultPublication',
            entityId: existing.id,
            regionId,
            before: summary(existing),
            after: null,
          });
        }
        return null;
      }
      const agg = await this.results.regionAggregate(m, regionId, dto.year);
      if (!agg)
        throw new DomainError(
          'NO_RESULT',
          'not_found',
          `The region has no FINAL evaluation or official result for ${dto.year}`,
        );
      const row = await m.save(ResultPublication, {
        ...(existing ?? { regionId, year: dto.year }),
        ruleSetCode: agg.ruleSet.code,
        ruleSetVersion: agg.ruleSet.version,
        basis: agg.basis,
        total: new Exact(agg.total.toFixedHalfUp(4)),
        totalExact: agg.total.toString(),
        predicate: agg.predicate,
        aggregate: storeAggregate(agg),
        publishedBy: scope.userId,
      });
      await this.audit.record(m, scope, {
        action: 'PUBLISH',
        entity: 'ResultPublication',
        entityId: row.id,
        regionId,
        before: summary(existing),
        after: summary(row),
      });
      return { agg, publishedAt: row.updatedAt };
    });
    if (!done) return { year: dto.year, published: false };
    const gap = await this.gapOf(done.agg, regionId);
    return { year: dto.year, published: true, ...this.aggregateJson(done.agg), gap, publishedAt: done.publishedAt };
  }

  /** The caller's own aggregate's gap to the next band and to the region's target. */
  private async gapOf(agg: RegionAggregate, regionId: string) {
    const bands = this.results.ruleSets.find(agg.ruleSet.code, agg.ruleSet.version)?.bands;
    return bands
      ? gapJson(gapOf(agg.total, agg.predicate, bands, await this.history.target(this.db.manager, regionId)))
      : null;
  }

  private aggregateJson(agg: RegionAggregate) {
    return {
      basis: agg.basis,
      source: agg.source,
      ruleSet: agg.ruleSet,
      total: agg.total.toFixedHalfUp(2),
      predicate: agg.predicate,
    };
  }

  /** Regions that published a result (optionally for one year), other than the caller's: name, kind, year, total, predicate. */
  async peers(scope: TenantScope, year?: number) {
    const regionId = regionOf(scope);
    const pubs = await this.db.getRepository(ResultPublication).find({
      where: { regionId: Not(regionId), ...(year ? { year } : {}) },
      order: { year: 'DESC' },
    });
    const regions = pubs.length
      ? await this.db.getRepository(Region).find({ where: { id: In([...new Set(pubs.map((p) => p.regionId))]) } })
      : [];
    const byId = new Map(regions.map((r) => [r.id, r]));
    return pubs
      .filter((p) => byId.has(p.regionId))
      .map((p) => ({
        regionId: p.regionId,
        name: byId.get(p.regionId)!.name,
        kind: byId.get(p.regionId)!.kind,
        year: p.year,
        ...this.aggregateJson(loadAggregate(p)),
      }))
      .sort((a, b) => b.year - a.year || a.name.localeCompare(b.name, 'id'));
  }

  /** The peer's published aggregate for a year (default: its latest), with its region's name and kind; 404 unless published. */
  async publishedPeer(peerRegionId: string, year: number | undefined) {
    const pub = await this.db
      .getRepository(ResultPublication)
      .findOne({ where: { regionId: peerRegionId, ...(year ? { year } : {}) }, order: { year: 'DESC' } });
    const region = pub ? await this.db.getRepository(Region).findOne({ where: { id: peerRegionId } }) : null;
    if (!pub || !region) throw new NotFoundError('Published result');
    return {
      region: { regionId: region.id, name: region.name, kind: region.kind },
      year: pub.year,
      aggregate: loadAggregate(pub),
      publishedAt: pub.updatedAt,
    };
  }

  /** The caller's region compared with a published peer, component by component and sub-component by sub-component. */
  async compare(scope: TenantScope, peerRegionId: string, query: BenchmarkQueryDto) {
    const regionId = regionOf(scope);
    const peer = await this.publishedPeer(peerRegionId, query.year);
    const ownYear = query.ownYear ?? peer.year;
    const m = this.db.manager;
    const own = await this.results.regionAggregate(m, regionId, ownYear);
    if (own && own.ruleSet.code !== peer.aggregate.ruleSet.code)
      throw new UnprocessableError(
        'RULE_SET_MISMATCH',
        `The results use different LKE rule sets (${own.ruleSet.code} and ${peer.aggregate.ruleSet.code})`,
      );
    const comparison = compareAggregates(own, peer.aggregate);
    return {
      year: peer.year,
      ownYear,
      own: own ? { ...this.aggregateJson(own), gap: await this.gapOf(own, regionId) } : null,
      peer: { ...peer.region, year: peer.year, ...this.aggregateJson(peer.aggregate), publishedAt: peer.publishedAt },
      total: rowJson(comparison.total),
      components: comparison.components.map(rowJson),
      subComponents: comparison.subComponents.map(rowJson),
      peerHigher: comparison.peerHigher.map(rowJson),
    };
  }
}
export type BenchmarkJson = Awaited<ReturnType<BenchmarkService['compare']>>;
