import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentScope, RequirePermission } from '../common/auth/decorators';
import { fileDownload, PDF_MIME } from '../common/http/file-download';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { RegionRecapQueryDto } from '../reporting/dto/report-query.dto';
import { DocumentStatusDto, SignPkDto } from './dto/documents.dto';
import { PkDocumentsService } from './pk-documents.service';

/** The PK as a PDF document and its electronic signature by both parties. */
@ApiTags('pk')
@ApiBearerAuth()
@Controller('pk/:id')
export class PkDocumentsController {
  constructor(private readonly documents: PkDocumentsService) {}

  /** The signed PDF once anybody signed; before that a draft watermarked "DRAF". */
  @RequirePermission('planning.read')
  @Get('document.pdf')
  @ApiProduces('application/pdf')
  async pdf(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return fileDownload(res, PDF_MIME, await this.documents.document(scope, id));
  }

  /** The signed PDF (404 DOCUMENT_NOT_SIGNED before the first signature). */
  @RequirePermission('planning.read')
  @Get('signed.pdf')
  @ApiProduces('application/pdf')
  async signed(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return fileDownload(res, PDF_MIME, await this.documents.signedFile(scope, id));
  }

  /** Who signed, who signs next, the verification code and URL. */
  @RequirePermission('planning.read')
  @Get('document')
  status(@CurrentScope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string): Promise<DocumentStatusDto> {
    return this.documents.status(scope, id);
  }

  /**
   * Signs an approved or locked PK as the next party: the SKPD head (a planner of the SKPD or the region admin),
   * then the regional head (HEAD or the region admin). With SIGNING_PROVIDER=gateway send the signer's nik and
   * passphrase (never stored). 502 SIGNING_GATEWAY_UNAVAILABLE / 422 SIGNING_REFUSED store nothing.
   */
  @RequirePermission('document.sign')
  @Post('sign')
  @HttpCode(200)
  sign(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SignPkDto,
  ): Promise<DocumentStatusDto> {
    return this.documents.sign(scope, id, dto);
  }
}

/** The Pemda's own PK of a year (its IKU and their RPJMD targets), signed by the regional head alone. */
@ApiTags('pk')
@ApiBearerAuth()
@Controller('pk-pemda')
export class PemdaPkDocumentsController {
  constructor(private readonly documents: PkDocumentsService) {}

  /** The signed PDF once signed; before that a draft watermarked "DRAF". */
  @RequirePermission('planning.read')
  @Get('document.pdf')
  @ApiProduces('application/pdf')
  async pdf(
    @CurrentScope() scope: TenantScope,
    @Query() query: RegionRecapQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return fileDownload(res, PDF_MIME, await this.documents.pemdaDocument(scope, query.year));
  }

  /** The signed PDF (404 DOCUMENT_NOT_SIGNED before the signature). */
  @RequirePermission('planning.read')
  @Get('signed.pdf')
  @ApiProduces('application/pdf')
  async signed(
    @CurrentScope() scope: TenantScope,
    @Query() query: RegionRecapQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return fileDownload(res, PDF_MIME, await this.documents.pemdaSignedFile(scope, query.year));
  }

  /** Whether it is signed, the verification code and URL. */
  @RequirePermission('planning.read')
  @Get('document')
  status(@CurrentScope() scope: TenantScope, @Query() query: RegionRecapQueryDto): Promise<DocumentStatusDto> {
    return this.documents.pemdaStatus(scope, query.year);
  }

  /** Signs as the regional head (HEAD, or the region admin on their behalf); 409 PK_NOT_AGREED without IKU targets. */
  @RequirePermission('document.sign')
  @Post('sign')
  @HttpCode(200)
  sign(
    @CurrentScope() scope: TenantScope,
    @Query() query: RegionRecapQueryDto,
    @Body() dto: SignPkDto,
  ): Promise<DocumentStatusDto> {
    return this.documents.signPemda(scope, query.year, dto);
  }
}
