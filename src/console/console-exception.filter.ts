import { describeError } from '../common/errors/describe-error';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '../common/errors/domain-error';
import { toErrorBody } from '../common/filters/to-error-body';
import { correlationIdOf } from '../common/http/correlation-id';
import { LoginRequiredError } from './console-errors';
import { messageFor } from './console-messages';
import type { ConsoleRequest } from './console-session';
import { ConsoleViews } from './console-views';

const TITLES: Record<number, string> = {
  400: 'Permintaan tidak valid',
  403: 'Akses ditolak',
  404: 'Halaman tidak ditemukan',
  409: 'Tidak dapat diproses',
  422: 'Tidak dapat diproses',
  429: 'Terlalu banyak percobaan',
  500: 'Terjadi kesalahan',
  503: 'Layanan sedang terganggu',
};

/**
 * Errors on console routes become HTML pages (403, 404, …) or, without a session, a redirect to the login page;
 * never a crash, never the API's JSON. The status code is the same one the API would answer.
 */
@Catch()
export class ConsoleExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Console');

  constructor(private readonly views: ConsoleViews) {}

  catch(err: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<ConsoleRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    if (err instanceof DomainError && err.kind === 'unauthorized' && err.code !== 'INVALID_CREDENTIALS') {
      const back =
        err instanceof LoginRequiredError && err.returnTo ? `?lanjut=${encodeURIComponent(err.returnTo)}` : '';
      res.redirect(303, `/konsol/masuk${back}`);
      return;
    }
    const body = toErrorBody(err);
    const correlationId = correlationIdOf(req);
    if (body.statusCode >= 500)
      this.logger.error({ correlationId, err: describeError(err) }, `${req.method} ${req.path} failed`);
    const status =
      err instanceof HttpException && body.statusCode === 400 && req.method === 'GET' ? 404 : body.statusCode;
    const code = status === 404 && !(err instanceof DomainError) ? 'NOT_FOUND' : body.code;
    try {
      this.views.render(
        req,
        res,
        'galat',
        { title: TITLES[status] ?? 'Terjadi kesalahan', status, message: messageFor(code), code, correlationId },
        status,
      );
    } catch (renderError) {
      this.logger.error({ correlationId, err: describeError(renderError) }, 'error page failed');
      res
        .status(status)
        .type('text/plain')
        .send(`${status} ${messageFor(code)}`);
    }
  }
}
