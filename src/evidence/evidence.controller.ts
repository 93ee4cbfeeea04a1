import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentScope, RequirePermission } from '../common/auth/decorators';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { EvidenceQueryDto, EvidenceResponseDto, UploadEvidenceDto, UploadEvidenceFormDto } from './dto/evidence.dto';
import { EvidenceService, type UploadedContent } from './evidence.service';

/** Downloads can never run in the API's origin: no scripts, no plugins, no framing, a sandboxed document. */
const DOWNLOAD_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'; form-action 'none'; base-uri 'none'";

@ApiTags('evidence')
@ApiBearerAuth()
@Controller('evidence')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  /** Upload one file (pdf, xlsx, docx, jpg, png up to UPLOAD_MAX_BYTES); the type is read from the content. */
  @RequirePermission('evidence.upload')
  @Post()
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadEvidenceFormDto })
  upload(
    @CurrentScope() scope: TenantScope,
    @UploadedFile() file: UploadedContent | undefined,
    @Body() dto: UploadEvidenceDto,
  ): Promise<EvidenceResponseDto> {
    return this.evidence.upload(scope, file, dto);
  }

  @RequirePermission('evidence.read')
  @Get()
  list(@CurrentScope() scope: TenantScope, @Query() query: EvidenceQueryDto) {
    return this.evidence.list(scope, query);
  }

  @RequirePermission('evidence.read')
  @Get(':id')
  get(@CurrentScope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string): Promise<EvidenceResponseDto> {
    return this.evidence.get(scope, id);
  }

  /** The content as an attachment, with the sniffed type; never rendered inline. */
  @RequirePermission('evidence.read')
  @Get(':id/download')
  @ApiProduces('application/octet-stream')
  async download(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const d = await this.evidence.openDownload(scope, id);
    res.set({
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': DOWNLOAD_CSP,
      'Cache-Control': 'private, no-store',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
    return new StreamableFile(d.handle.createReadStream({ autoClose: true }), {
      type: d.mime,
      length: d.size,
      disposition: d.disposition,
    });
  }
}
