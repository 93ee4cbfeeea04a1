import { Body, Controller, Get, Param, ParseUUIDPipe, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentScope, RequirePermission } from '../common/auth/decorators';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { XLSX_MIME } from '../common/excel/read-xlsx';
import { xlsxDownload } from '../common/excel/xlsx-http';
import { BenchmarkService } from './benchmark.service';
import {
  BenchmarkQueryDto,
  HistoricalResultDto,
  ProgressWorkbookQueryDto,
  PublicationDto,
  RegionTargetDto,
  SkpdIndexQueryDto,
  PeersQueryDto,
} from './dto/progress.dto';
import { HistoryService } from './history.service';
import { ProgressReportService } from './progress-report.service';
import { RoadmapService } from './roadmap.service';
import { SkpdIndexService } from './skpd-index.service';

@ApiTags('progress')
@ApiBearerAuth()
@Controller('progress')
export class ProgressController {
  constructor(
    private readonly history: HistoryService,
    private readonly roadmaps: RoadmapService,
    private readonly benchmark: BenchmarkService,
    private readonly skpdIndex: SkpdIndexService,
    private readonly reports: ProgressReportService,
  ) {}

  /** Predicate history of the region (Pemda) and of each SKPD across years, with the gap to the next band and to the target. */
  @RequirePermission('progress.read')
  @Get('history')
  getHistory(@CurrentScope() scope: TenantScope) {
    return this.history.history(scope);
  }

  /** Records an official result of a year before the system (the Pemda's, or an SKPD's with skpdId). */
  @RequirePermission('progress.manage')
  @Put('history')
  recordHistory(@CurrentScope() scope: TenantScope, @Body() dto: HistoricalResultDto) {
    return this.history.recordHistorical(scope, dto);
  }

  /** Sets the region's target: predicate P by year Y. */
  @RequirePermission('progress.manage')
  @Put('target')
  setTarget(@CurrentScope() scope: TenantScope, @Body() dto: RegionTargetDto) {
    return this.history.setTarget(scope, dto);
  }

  /** Next-predicate simulator for an evaluation (draft or final): points missing and the fewest one-step improvements. */
  @RequirePermission('progress.read')
  @Get('evaluations/:id/roadmap')
  roadmap(@CurrentScope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string) {
    return this.roadmaps.roadmap(scope, id);
  }

  /** The roadmap as the Excel sheet "Peta Jalan Peningkatan Predikat". */
  @RequirePermission('progress.read')
  @Get('evaluations/:id/roadmap.xlsx')
  @ApiProduces(XLSX_MIME)
  async roadmapXlsx(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return xlsxDownload(res, await this.reports.roadmapFile(scope, id));
  }

  /** Publishes (opt-in) or withdraws the region's result of a year for benchmarking by other regions. */
  @RequirePermission('progress.manage')
  @Put('publications')
  publish(@CurrentScope() scope: TenantScope, @Body() dto: PublicationDto) {
    return this.benchmark.publish(scope, dto);
  }

  /** Other regions' published results (name, kind, year, total, predicate). */
  @RequirePermission('progress.read')
  @Get('peers')
  peers(@CurrentScope() scope: TenantScope, @Query() query: PeersQueryDto) {
    return this.benchmark.peers(scope, query.year);
  }

  /** Studi tiru: the region against a published peer, component by component; 404 unless the peer published that year. */
  @RequirePermission('progress.read')
  @Get('benchmark/:peerRegionId')
  compare(
    @CurrentScope() scope: TenantScope,
    @Param('peerRegionId', ParseUUIDPipe) peerRegionId: string,
    @Query() query: BenchmarkQueryDto,
  ) {
    return this.benchmark.compare(scope, peerRegionId, query);
  }

  /** Quarterly SKPD performance index (capaian of the PK + evaluation progress) with ranking and trend. */
  @RequirePermission('progress.read')
  @Get('skpd-index')
  index(@CurrentScope() scope: TenantScope, @Query() query: SkpdIndexQueryDto) {
    return this.skpdIndex.index(scope, query.year, query.quarter);
  }

  /** The regional head's progress workbook (history vs target, roadmap, peer comparison, quarterly index). */
  @RequirePermission('progress.read')
  @Get('workbook')
  @ApiProduces(XLSX_MIME)
  async workbook(
    @CurrentScope() scope: TenantScope,
    @Query() query: ProgressWorkbookQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return xlsxDownload(res, await this.reports.progressWorkbook(scope, query));
  }
}
