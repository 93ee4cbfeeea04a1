import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { EvaluationModule } from '../evaluation/evaluation.module';
import { PerformanceModule } from '../performance/performance.module';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** Excel downloads (issue 8): region predicate recap, LKE sheet, capaian table, multi-year trend. */
@Module({
  imports: [AuthModule, EvaluationModule, PerformanceModule],
  controllers: [ReportsController],
  providers: [ReportsService],
  exports: [ReportsService],
})
export class ReportingModule {}
