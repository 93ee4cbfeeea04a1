import { Module } from '@nestjs/common';
import { spreadsheetUploads } from '../../common/excel/spreadsheet-uploads';
import { PlanningModule } from '../planning.module';
import { PkExcelController } from './pk-excel.controller';
import { PkExcelService } from './pk-excel.service';

/**
 * Excel round-trip of the Perjanjian Kinerja (issue 5 item 8). Exports PkExcelService (preview / commit) for in-process
 * callers such as the benchmarks and the console.
 */
@Module({
  imports: [PlanningModule, spreadsheetUploads()],
  controllers: [PkExcelController],
  providers: [PkExcelService],
  exports: [PkExcelService],
})
export class PkExcelModule {}
