import {
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Req,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { memoryStorage } from 'multer';
import { Public } from '../common/auth/decorators';
import { DomainError, NotFoundError, UnprocessableError } from '../common/errors/domain-error';
import { RateWindow } from './domain/rate-window';
import { verificationPage } from './domain/verification';
import { VerificationDto, VerifyFileFormDto } from './dto/documents.dto';
import { DocumentSigningService } from './document-signing.service';
import { HtmlPages } from '../common/http/html-page';

/** A presented file is hashed in memory only; signed PKs are far below this. */
const PRESENTED_FILE = FileInterceptor('file', {
  storage: memoryStorage(),
  limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 2, parts: 3 },
});

type Presented = { buffer: Buffer } | undefined;

/**
 * Per client IP and process, per minute: lookups and page views, and file checks (each hashes an upload). Behind a
 * reverse proxy without `trust proxy` every client shares the proxy's IP, hence the generous figures.
 */
const lookups = () => new RateWindow(300, 60_000);
const fileChecks = () => new RateWindow(30, 60_000);

function throttle(window: RateWindow, req: Request): void {
  const wait = window.hit(req.ip ?? 'unknown', Date.now());
  if (wait > 0)
    throw new DomainError(
      'TOO_MANY_REQUESTS',
      'too_many',
      'Too many verification requests; try again shortly',
      undefined,
      {
        'Retry-After': String(wait),
      },
    );
}

/** Public (no login) verification of a signed document by the code printed with its QR code. */
@ApiTags('documents')
@Public()
@Controller('documents/verify')
export class VerificationController {
  private readonly lookups = lookups();
  private readonly fileChecks = fileChecks();

  constructor(private readonly documents: DocumentSigningService) {}

  /** Title, issuer, signers, signing times and sha256 of the signed document. */
  @Get(':code')
  verify(@Param('code') code: string, @Req() req: Request): Promise<VerificationDto> {
    throttle(this.lookups, req);
    return this.documents.verify(code);
  }

  /** The same, and whether the uploaded file (field "file") is exactly the signed document. */
  @Post(':code')
  @HttpCode(200)
  @UseInterceptors(PRESENTED_FILE)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: VerifyFileFormDto })
  verifyFile(
    @Param('code') code: string,
    @UploadedFile() file: Presented,
    @Req() req: Request,
  ): Promise<VerificationDto> {
    throttle(this.fileChecks, req);
    if (!file) throw new UnprocessableError('FILE_REQUIRED', 'Send the file to check in the multipart field "file"');
    return this.documents.verify(code, file.buffer);
  }
}

/** The page the QR code opens: GET /verifikasi/:code, and POST a file to check it (no login, no script). */
@HtmlPages()
@Public()
@Controller('verifikasi')
export class VerificationPageController {
  private readonly lookups = lookups();
  private readonly fileChecks = fileChecks();

  constructor(private readonly documents: DocumentSigningService) {}

  @Get(':code')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  page(@Param('code') code: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    throttle(this.lookups, req);
    return this.render(code, undefined, res);
  }

  @Post(':code')
  @HttpCode(200)
  @UseInterceptors(PRESENTED_FILE)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: VerifyFileFormDto })
  @ApiProduces('text/html')
  check(
    @Param('code') code: string,
    @UploadedFile() file: Presented,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    throttle(this.fileChecks, req);
    return this.render(code, file?.buffer, res);
  }

  private async render(code: string, presented: Buffer | undefined, res: Response): Promise<string> {
    res.set('Cache-Control', 'no-store');
    try {
      const v = await this.documents.verify(code, presented);
      return verificationPage(this.documents.toView(v), `/verifikasi/${encodeURIComponent(v.code)}`);
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      res.status(404);
      return verificationPage(null, '');
    }
  }
}
