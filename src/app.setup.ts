import { Logger, type INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { describeError } from './common/errors/describe-error';
import { toErrorBody } from './common/filters/to-error-body';
import { refuseDeepBodies } from './common/http/body-depth';
import { assignCorrelationId } from './common/http/correlation-id';
import { configureConsole, CONSOLE_ROUTES } from './console/console.setup';
import type { AppConfig } from './config/env';
import { Drain } from './health/drain';

export const API_PREFIX = 'api/v1';

const bodyLogger = new Logger('RequestBody');

/** Everything main.ts does to the app besides listening; e2e tests call it too so they test the real pipeline. */
export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  app.use((req: Request, res: Response, next: NextFunction) => {
    assignCorrelationId(req, res);
    next();
  });
  app.use(app.get(Drain).middleware);
  // No upgrade-insecure-requests: a region often runs the service on plain HTTP inside its network, and the upgrade
  // would make browsers fetch /docs assets over https from a server that does not speak it. TLS belongs to the proxy.
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'upgrade-insecure-requests': null },
      },
    }),
  );
  app.use(refuseMisreadBodies);
  app.use(express.json({ limit: config.BODY_LIMIT }));
  // extended: false parses flat key=value pairs only (no nesting).
  app.use(express.urlencoded({ extended: false, limit: config.BODY_LIMIT }));
  app.use(refuseDeepBodies);
  // Body failures (malformed JSON, oversized, too deep, corrupt or unknown Content-Encoding) get the one error shape
  // and a log line with the correlation id: these requests never reach the request logger.
  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const body = toErrorBody(err);
    const correlationId = assignCorrelationId(req, res);
    const entry = { correlationId, statusCode: body.statusCode, code: body.code };
    if (body.statusCode >= 500)
      bodyLogger.error({ ...entry, err: describeError(err) }, `${req.method} ${req.path} failed`);
    else bodyLogger.warn(entry, `${req.method} ${req.path}: request body refused`);
    res.status(body.statusCode).json({ ...body, correlationId });
  });
  configureConsole(app);
  app.setGlobalPrefix(API_PREFIX, {
    exclude: ['health', 'docs', 'docs-json', 'verifikasi/{*path}', 'publik/{*path}', ...CONSOLE_ROUTES],
  });
  SwaggerModule.setup('docs', app, () => buildOpenApi(app), { jsonDocumentUrl: 'docs-json' });
}

/**
 * What the body parsers would read wrongly, refused like any unsupported encoding (415): a compressed multipart body
 * (the JSON and form parsers decompress, the upload parser does not) and JSON in a charset other than UTF-8 (RFC 8259;
 * the JSON parser would decode UTF-7, a known way to smuggle markup).
 */
function refuseMisreadBodies(req: Request, _res: Response, next: NextFunction): void {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1].toLowerCase();
  if (req.is('json') && charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
    return next(Object.assign(new Error('JSON must be UTF-8'), { type: 'charset.unsupported', status: 415 }));
  if (encoding !== 'identity' && req.is('multipart/*'))
    return next(
      Object.assign(new Error('Compressed uploads are not supported'), { type: 'encoding.unsupported', status: 415 }),
    );
  next();
}

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('sakip-service')
    .setDescription(
      'SAKIP for Indonesian regional governments: planning, capaian, LKE evaluation, predicates and reports.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}
