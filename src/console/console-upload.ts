import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  SetMetadata,
  type Type,
  UseInterceptors,
} from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { ConsoleCsrf } from './console-csrf';
import { CsrfRejectedError } from './console-errors';

/** Marks a console route whose form is multipart: its CSRF token is checked once the upload parser has read the body. */
export const CONSOLE_UPLOAD = 'sakip:consoleUpload';

export const isMultipart = (req: Request): boolean =>
  (req.headers['content-type'] ?? '').startsWith('multipart/form-data');

/**
 * Runs after the route's file interceptor: the hidden `_csrf` field is in the parsed multipart body, never in the
 * form's URL (a token in a URL ends up in history, logs and Referer headers). The session and the permission were
 * already checked by ConsoleGuard before any byte of the upload was read.
 */
@Injectable()
export class ConsoleUploadCsrfInterceptor implements NestInterceptor {
  constructor(private readonly csrf: ConsoleCsrf) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.csrf.valid(ctx.switchToHttp().getRequest<Request>())) throw new CsrfRejectedError();
    return next.handle();
  }
}

/** A console upload route: the multer interceptor, then the CSRF check on the parsed body. */
export const ConsoleUpload = (files: Type<NestInterceptor>) =>
  applyDecorators(SetMetadata(CONSOLE_UPLOAD, true), UseInterceptors(files, ConsoleUploadCsrfInterceptor));
