import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EvidenceModule } from '../evidence/evidence.module';
import { PlanningModule } from '../planning/planning.module';
import { CapaianCalculator } from './capaian-calculator';
import { CapaianService } from './capaian.service';
import {
  CapaianController,
  PerformanceSettingsController,
  RealisationsController,
  RealisationWindowsController,
} from './performance.controller';
import { PERFORMANCE_ENTITIES } from './performance.entities';
import { PerformanceSettingsService } from './performance-settings.service';
import { RealisationService } from './realisation.service';

@Module({
  imports: [TypeOrmModule.forFeature(PERFORMANCE_ENTITIES), PlanningModule, EvidenceModule],
  controllers: [RealisationWindowsController, RealisationsController, CapaianController, PerformanceSettingsController],
  providers: [RealisationService, CapaianService, CapaianCalculator, PerformanceSettingsService],
  exports: [RealisationService, CapaianService, CapaianCalculator, PerformanceSettingsService],
})
export class PerformanceModule {}
