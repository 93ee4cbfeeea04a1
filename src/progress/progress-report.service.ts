import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NotFoundError } from '../common/errors/domain-error';
import { regionOf, type TenantScope } from '../common/tenancy/tenant-scope';
import { findEvaluation } from '../evaluation/evaluation-access';
import { Region } from '../organization/entities/region.entity';
import { pembinaanHistory } from '../pembinaan/pembinaan-history';
import { regionHeadTitle, signatureOf } from '../reporting/domain/signature';
import { BenchmarkService } from './benchmark.service';
import type { ProgressWorkbookQueryDto } from './dto/progress.dto';
import { HistoryService } from './history.service';
import { ProgressResultsService } from './progress-results.service';
import { progressFileName, roadmapFileName, writeProgressWorkbook, writeRoadmapWorkbook } from './progress-workbook';
import { RoadmapService } from './roadmap.service';
import { SkpdIndexService } from './skpd-index.service';

export interface ProgressFile {
  fileName: string;
  content: Buffer;
}

/** The progress Excel downloads, assembled from the same views the JSON endpoints return. */
@Injectable()
export class ProgressReportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly history: HistoryService,
    private readonly roadmaps: RoadmapService,
    private readonly benchmark: BenchmarkService,
    private readonly index: SkpdIndexService,
    private readonly results: ProgressResultsService,
  ) {}

  private async region(regionId: string): Promise<Region> {
    const region = await this.db.getRepository(Region).findOne({ where: { id: regionId } });
    if (!region) throw new NotFoundError('Region');
    return region;
  }

  async roadmapFile(scope: TenantScope, evaluationId: string): Promise<ProgressFile> {
    const regionId = regionOf(scope);
    const ev = await findEvaluation(this.db.manager, scope, evaluationId);
    const [roadmap, { name }] = await Promise.all([
      this.roadmaps.roadmapOf(this.db.manager, regionId, ev),
      this.region(regionId),
    ]);
    return { fileName: roadmapFileName(name, ev.year), content: await writeRoadmapWorkbook(roadmap, name) };
  }

  /** History vs target, the Pemda evaluation's roadmap, the peer comparison (if asked), the SKPD index and the pembinaan. */
  async progressWorkbook(scope: TenantScope, query: ProgressWorkbookQueryDto): Promise<ProgressFile> {
    const regionId = regionOf(scope);
    const m = this.db.manager;
    const region = await this.region(regionId);
    const name = region.name;
    // Checked before any work, so an unpublished peer is a 404 and not an empty sheet.
    const benchmark = query.peerRegionId
      ? await this.benchmark.compare(scope, query.peerRegionId, { year: query.year })
      : null;
    const history = await this.history.history(scope);
    const pemda = (await this.results.current(m, regionId, [query.year])).find((e) => e.kind === 'PEMDA');
    const roadmap = pemda ? await this.roadmaps.roadmapOf(m, regionId, await findEvaluation(m, scope, pemda.id)) : null;
    const index = await this.index.index(scope, query.year, query.quarter ?? 4);
    const content = await writeProgressWorkbook({
      year: query.year,
      regionName: name,
      history: history.region.entries,
      target: history.target,
      roadmap,
      benchmark,
      index,
      pembinaan: await pembinaanHistory(m, region, query.year),
      signature: signatureOf(region, region, regionHeadTitle(region), new Date()),
    });
    return { fileName: progressFileName(name, query.year), content };
  }
}
