import { Controller, Get, Param, ParseUUIDPipe, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentScope, RequirePermission } from '../common/auth/decorators';
import { DOCX_MIME, fileDownload } from '../common/http/file-download';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { LheDocumentsService } from './lhe-documents.service';

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('evaluations/:id')
export class LheDocumentsController {
  constructor(private readonly lhe: LheDocumentsService) {}

  /** The Laporan Hasil Evaluasi of an SKPD's FINAL evaluation as DOCX (409 EVALUATION_NOT_FINAL before). */
  @RequirePermission('evaluation.read')
  @Get('lhe.docx')
  @ApiProduces(DOCX_MIME)
  async docx(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.lhe.docx(scope, id);
    return fileDownload(res, DOCX_MIME, file);
  }
}
