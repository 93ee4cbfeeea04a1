import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { EvaluationModule } from '../evaluation/evaluation.module';
import { OrganizationModule } from '../organization/organization.module';
import { PerformanceModule } from '../performance/performance.module';
import { BenchmarkService } from './benchmark.service';
import { HistoryService } from './history.service';
import { ProgressController } from './progress.controller';
import { PROGRESS_ENTITIES } from './progress.entities';
import { ProgressReportService } from './progress-report.service';
import { ProgressResultsService } from './progress-results.service';
import { RoadmapService } from './roadmap.service';
import { SkpdIndexService } from './skpd-index.service';

/** Progress to the next predicate (issue 10): history and target, simulator roadmap, studi tiru, quarterly SKPD index. */
@Module({
  imports: [
    TypeOrmModule.forFeature(PROGRESS_ENTITIES),
    AuthModule,
    OrganizationModule,
    EvaluationModule,
    PerformanceModule,
  ],
  controllers: [ProgressController],
  providers: [
    ProgressResultsService,
    HistoryService,
    RoadmapService,
    BenchmarkService,
    SkpdIndexService,
    ProgressReportService,
  ],
  exports: [
    HistoryService,
    BenchmarkService,
    ProgressReportService,
    ProgressResultsService,
    RoadmapService,
    SkpdIndexService,
  ],
})
export class ProgressModule {}
