import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Res, StreamableFile, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentScope, RequirePermission } from '../../common/auth/decorators';
import { XLSX_MIME, type XlsxUpload } from '../../common/excel/read-xlsx';
import { xlsxDownload, XlsxUploadRoute } from '../../common/excel/xlsx-http';
import type { TenantScope } from '../../common/tenancy/tenant-scope';
import { LkeExcelCommitDto, LkeExcelCommitFormDto, LkeExcelPreviewFormDto } from './lke-excel.dto';
import { type LkeExcelCommit, type LkeExcelPreview, LkeExcelService } from './lke-excel.service';

/** The LKE worksheet of an evaluation for offline work: download, dry-run preview of an upload, commit. */
@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('evaluations/:id/lke-excel')
export class LkeExcelController {
  constructor(private readonly excel: LkeExcelService) {}

  /** Every criterion with the answers and notes of each stage; the caller's stage columns are open, with answer lists. */
  @RequirePermission('evaluation.read')
  @Get()
  @ApiProduces(XLSX_MIME)
  async template(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return xlsxDownload(res, await this.excel.template(scope, id));
  }

  /** Dry run: 422 LKE_EXCEL_INVALID lists every problem (sheet, row, column); else the changes, the resulting score and a token. */
  @RequirePermission('evaluation.answer-sheet')
  @Post('preview')
  @XlsxUploadRoute(LkeExcelPreviewFormDto)
  preview(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile() file: XlsxUpload | undefined,
  ): Promise<LkeExcelPreview> {
    return this.excel.preview(scope, id, file);
  }

  /** Writes the previewed file (same bytes, with its previewToken) as one answer batch: all or nothing. */
  @RequirePermission('evaluation.answer-sheet')
  @Post('commit')
  @XlsxUploadRoute(LkeExcelCommitFormDto)
  commit(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile() file: XlsxUpload | undefined,
    @Body() dto: LkeExcelCommitDto,
  ): Promise<LkeExcelCommit> {
    return this.excel.commit(scope, id, file, dto.previewToken);
  }
}
