import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EvidenceModule } from '../evidence/evidence.module';
import { PlanningModule } from '../planning/planning.module';
import { CapaianService } from './capaian.service';
import { CapaianController, RealisationsController, RealisationWindowsController } from './performance.controller';
import { PERFORMANCE_ENTITIES } from './performance.entities';
import { RealisationService } from './realisation.service';

@Module({
  imports: [TypeOrmModule.forFeature(PERFORMANCE_ENTITIES), PlanningModule, EvidenceModule],
  controllers: [RealisationWindowsController, RealisationsController, CapaianController],
  providers: [RealisationService, CapaianService],
  exports: [RealisationService, CapaianService],
})
export class PerformanceModule {}
