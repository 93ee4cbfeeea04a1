import { Module } from '@nestjs/common';
import { spreadsheetUploads } from '../../common/excel/spreadsheet-uploads';
import { EvaluationModule } from '../evaluation.module';
import { LkeExcelController } from './lke-excel.controller';
import { LkeExcelService } from './lke-excel.service';

/** The offline LKE worksheet: download, preview an upload, commit it (issue 7 item 6). */
@Module({
  imports: [EvaluationModule, spreadsheetUploads()],
  controllers: [LkeExcelController],
  providers: [LkeExcelService],
  exports: [LkeExcelService],
})
export class LkeExcelModule {}
