import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentScope, RequirePermission } from '../common/auth/decorators';
import { DOCX_MIME, fileDownload } from '../common/http/file-download';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { RegionRecapQueryDto, SkpdReportQueryDto } from '../reporting/dto/report-query.dto';
import { LkjipDocumentsService } from './lkjip-documents.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class LkjipDocumentsController {
  constructor(private readonly lkjip: LkjipDocumentsService) {}

  /** The LKjIP draft of an SKPD for a year as DOCX (chapters I–IV), for the SKPD to edit. */
  @RequirePermission('report.skpd')
  @Get('lkjip.docx')
  @ApiProduces(DOCX_MIME)
  async docx(
    @CurrentScope() scope: TenantScope,
    @Query() query: SkpdReportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.lkjip.docx(scope, query.skpdId, query.year);
    return fileDownload(res, DOCX_MIME, file);
  }

  /** The Pemda's LKjIP draft for a year as DOCX: chapter III per IKU Pemda with the Pemda capaian API's figures. */
  @RequirePermission('report.region')
  @Get('lkjip-pemda.docx')
  @ApiProduces(DOCX_MIME)
  async pemdaDocx(
    @CurrentScope() scope: TenantScope,
    @Query() query: RegionRecapQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return fileDownload(res, DOCX_MIME, await this.lkjip.pemdaDocx(scope, query.year));
  }
}
