import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module';
import { CrosscutService } from './crosscut.service';
import { IndicatorsService } from './indicators.service';
import { OverlapsService } from './overlaps.service';
import { PeriodsController } from './periods.controller';
import { PeriodsService } from './periods.service';
import { PkController } from './pk.controller';
import { PkDeadlinesController } from './pk-deadlines.controller';
import { PkDeadlinesService } from './pk-deadlines.service';
import { PkService } from './pk.service';
import { PlanNodesService } from './plan-nodes.service';
import { PLANNING_ENTITIES } from './planning.entities';
import { StructureController } from './structure.controller';

@Module({
  imports: [TypeOrmModule.forFeature(PLANNING_ENTITIES), NotificationsModule],
  controllers: [PeriodsController, StructureController, PkController, PkDeadlinesController],
  providers: [
    PeriodsService,
    PlanNodesService,
    IndicatorsService,
    CrosscutService,
    OverlapsService,
    PkService,
    PkDeadlinesService,
  ],
  exports: [PeriodsService, PlanNodesService, IndicatorsService, CrosscutService, OverlapsService, PkService],
})
export class PlanningModule {}
