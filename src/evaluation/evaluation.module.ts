import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module';
import { AuthModule } from '../auth/auth.module';
import { EvidenceModule } from '../evidence/evidence.module';
import { OrganizationModule } from '../organization/organization.module';
import { EVALUATION_ENTITIES } from './evaluation.entities';
import { EvaluationAnswersService } from './evaluation-answers.service';
import { EvaluationsController } from './evaluations.controller';
import { EvaluationsService } from './evaluations.service';
import { LkeRuleSetsController } from './lke-rule-sets.controller';
import { lkeRuleSetsProvider } from './lke-rule-sets';
import { RecommendationsController } from './recommendations.controller';
import { RecommendationsService } from './recommendations.service';

/** LKE evaluations: open, answer per stage, advance, finalise, reopen, score breakdown, recommendations. */
@Module({
  imports: [
    TypeOrmModule.forFeature(EVALUATION_ENTITIES),
    AuthModule,
    OrganizationModule,
    EvidenceModule,
    NotificationsModule,
  ],
  controllers: [EvaluationsController, RecommendationsController, LkeRuleSetsController],
  providers: [lkeRuleSetsProvider, EvaluationsService, EvaluationAnswersService, RecommendationsService],
  exports: [EvaluationsService, EvaluationAnswersService, RecommendationsService, lkeRuleSetsProvider],
})
export class EvaluationModule {}
