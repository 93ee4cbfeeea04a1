import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { BudgetModule } from '../budget/budget.module';
import { EvaluationModule } from '../evaluation/evaluation.module';
import { EvidenceModule } from '../evidence/evidence.module';
import { PerformanceModule } from '../performance/performance.module';
import { PlanningModule } from '../planning/planning.module';
import { ProgressModule } from '../progress/progress.module';
import { DemoBudgetService } from './demo-budget.service';
import { DemoContentService } from './demo-content.service';
import { DemoSeedService } from './demo-seed.service';

/** Seeds the synthetic demo regions at start-up in demo mode (see README, "Demo"). */
@Module({
  imports: [
    AuthModule,
    PlanningModule,
    PerformanceModule,
    EvidenceModule,
    EvaluationModule,
    ProgressModule,
    BudgetModule,
  ],
  providers: [DemoSeedService, DemoContentService, DemoBudgetService],
  exports: [DemoSeedService],
})
export class DemoModule {}
