import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentScope, RequirePermission } from '../common/auth/decorators';
import { DOCX_MIME, fileDownload, PDF_MIME } from '../common/http/file-download';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { DocumentStatusDto, SignDocumentDto } from './dto/documents.dto';
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

  /** The LHE as PDF: signed by the Inspektur once signed, before that a draft watermarked "DRAF". */
  @RequirePermission('evaluation.read')
  @Get('lhe.pdf')
  @ApiProduces(PDF_MIME)
  async pdf(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return fileDownload(res, PDF_MIME, await this.lhe.pdf(scope, id));
  }

  /** The signed LHE PDF (404 DOCUMENT_NOT_SIGNED before the signature). */
  @RequirePermission('evaluation.read')
  @Get('lhe-signed.pdf')
  @ApiProduces(PDF_MIME)
  async signed(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return fileDownload(res, PDF_MIME, await this.lhe.signedFile(scope, id));
  }

  /** Whether the LHE is signed, the verification code and URL. */
  @RequirePermission('evaluation.read')
  @Get('lhe')
  status(@CurrentScope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string): Promise<DocumentStatusDto> {
    return this.lhe.status(scope, id);
  }

  /**
   * Signs the LHE as the Inspektur (an evaluator, or the region admin on the Inspektur's behalf) with the configured
   * provider. With SIGNING_PROVIDER=gateway send the signer's nik and passphrase (never stored).
   */
  @RequirePermission('document.sign')
  @Post('lhe/sign')
  @HttpCode(200)
  sign(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SignDocumentDto,
  ): Promise<DocumentStatusDto> {
    return this.lhe.sign(scope, id, dto);
  }
}
