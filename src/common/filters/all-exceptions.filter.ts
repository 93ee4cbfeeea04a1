import { describeError } from '../errors/describe-error';
import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { toErrorBody } from './to-error-body';
import { DomainError } from '../errors/domain-error';
import { correlationIdOf } from '../http/correlation-id';

/** The one exception filter: every error body is `{statusCode, code, message, errors?, correlationId}`. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(err: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const body = toErrorBody(err);
    const correlationId = correlationIdOf(req);
    if (body.statusCode >= 500) {
      // Logged with the correlation id so support finds it; the client only sees the generic body.
      this.logger.error({ correlationId, err: describeError(err) }, `${req.method} ${req.path} failed`);
    }
    if (res.headersSent) return;
    if (err instanceof DomainError && err.headers) res.set(err.headers);
    res.status(body.statusCode).json({ ...body, correlationId });
  }
}
