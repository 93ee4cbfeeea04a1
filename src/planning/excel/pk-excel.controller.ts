import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Res, StreamableFile, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentScope, RequirePermission } from '../../common/auth/decorators';
import { XLSX_MIME } from '../../common/excel/read-xlsx';
import { xlsxDownload, XlsxUploadRoute } from '../../common/excel/xlsx-http';
import type { TenantScope } from '../../common/tenancy/tenant-scope';
import {
  PkExcelCommitDto,
  PkExcelCommitFormDto,
  PkExcelCommitResultDto,
  PkExcelPreviewDto,
  PkExcelPreviewFormDto,
} from './dto/pk-excel.dto';
import { PkExcelService } from './pk-excel.service';
import type { XlsxUpload } from '../../common/excel/read-xlsx';

/** Excel round-trip of a PK revision (an SKPD's PK for a year): template, dry-run preview, commit. */
@ApiTags('pk')
@ApiBearerAuth()
@Controller('pk/:id/excel')
export class PkExcelController {
  constructor(private readonly excel: PkExcelService) {}

  /** The template for this PK's SKPD and year, prefilled with its indicators and current targets. */
  @RequirePermission('planning.read')
  @Get()
  @ApiProduces(XLSX_MIME)
  async template(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return xlsxDownload(res, await this.excel.template(scope, id));
  }

  /** Dry run: 422 PK_EXCEL_INVALID lists every problem (sheet, row, column); else a change summary and a token. */
  @RequirePermission('planning.write')
  @Post('preview')
  @XlsxUploadRoute(PkExcelPreviewFormDto)
  preview(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile() file: XlsxUpload | undefined,
  ): Promise<PkExcelPreviewDto> {
    return this.excel.preview(scope, id, file);
  }

  /** Writes the previewed file (same bytes, with its previewToken) in one transaction, all rows or none. */
  @RequirePermission('planning.write')
  @Post('commit')
  @XlsxUploadRoute(PkExcelCommitFormDto)
  commit(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile() file: XlsxUpload | undefined,
    @Body() dto: PkExcelCommitDto,
  ): Promise<PkExcelCommitResultDto> {
    return this.excel.commit(scope, id, file, dto.previewToken);
  }
}
