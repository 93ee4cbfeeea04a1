import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { spreadsheetUploads } from '../common/excel/spreadsheet-uploads';
import { PerformanceModule } from '../performance/performance.module';
import { BUDGET_ENTITIES } from './budget.entities';
import { BudgetImportController } from './budget-import.controller';
import { BudgetImportService } from './budget-import.service';
import { BudgetController } from './budget.controller';
import { BudgetService } from './budget.service';
import { NomenclatureService } from './nomenclature.service';

/**
 * Budget and efficiency (issue #19): nomenclature, pagu and quarterly realisation per sub-kegiatan, imports, roll-ups,
 * efficiency against capaian and the region's absorption recap. Exports BudgetService (program budget rows for the
 * PK and LKjIP documents) and the import service (benchmarks, console).
 */
@Module({
  imports: [TypeOrmModule.forFeature(BUDGET_ENTITIES), AuditModule, PerformanceModule, spreadsheetUploads()],
  controllers: [BudgetController, BudgetImportController],
  providers: [BudgetService, BudgetImportService, NomenclatureService],
  exports: [BudgetService, BudgetImportService, NomenclatureService],
})
export class BudgetModule {}
