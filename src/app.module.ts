import { DynamicModule, Module } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BudgetModule } from './budget/budget.module';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { assignCorrelationId } from './common/http/correlation-id';
import { RequestValidationPipe } from './common/validation/request-validation.pipe';
import { ConfigModule } from './config/config.module';
import { ConsoleModule } from './console/console.module';
import { DemoModule } from './demo/demo.module';
import { DocumentsModule } from './documents/documents.module';
import type { AppConfig } from './config/env';
import { dataSourceOptions } from './database/typeorm-options';
import { EvaluationModule } from './evaluation/evaluation.module';
import { LkeExcelModule } from './evaluation/excel/lke-excel.module';
import { HealthModule } from './health/health.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OrganizationModule } from './organization/organization.module';
import { EvidenceModule } from './evidence/evidence.module';
import { PlanningModule } from './planning/planning.module';
import { PkExcelModule } from './planning/excel/pk-excel.module';
import { PerformanceModule } from './performance/performance.module';
import { ProgressModule } from './progress/progress.module';
import { PembinaanModule } from './pembinaan/pembinaan.module';
import { ProvincesModule } from './provinces/provinces.module';
import { PublicPagesModule } from './public-pages/public-pages.module';
import { ReportingModule } from './reporting/reporting.module';
import { NotFoundFallback } from './common/http/not-found-fallback';

/** Feature modules, in the order of the SAKIP loop. */
const FEATURES = [
  AuditModule,
  AuthModule,
  OrganizationModule,
  PlanningModule,
  PkExcelModule,
  EvidenceModule,
  PerformanceModule,
  EvaluationModule,
  LkeExcelModule,
  ReportingModule,
  BudgetModule,
  ProgressModule,
  NotificationsModule,
  DocumentsModule,
  ProvincesModule,
  PembinaanModule,
  PublicPagesModule,
  HealthModule,
  DemoModule,
  ConsoleModule,
];

/**
 * nestjs-pino mounts the request logger once for the prefixed API and once more for every path excluded from the
 * prefix ('/', 'konsol', 'konsol/{*path}'), so a console request passed through it two or three times and was logged
 * as often. pino-http asks `ignore` once per pass, before it subscribes to the response: only the first pass logs.
 */
const passed = new WeakSet<object>();
function loggedAlready(req: object): boolean {
  if (passed.has(req)) return true;
  passed.add(req);
  return false;
}

@Module({})
export class AppModule {
  /** The whole service for one validated configuration (main.ts, the CLIs and every e2e test build it this way). */
  static forRoot(config: AppConfig, opts: { logStream?: DestinationStream } = {}): DynamicModule {
    const pinoOptions: Options = {
      level: config.LOG_LEVEL,
      genReqId: (req, res) => assignCorrelationId(req, res),
      // Only method, path and status are logged: never headers, bodies, tokens or query strings.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      redact: { paths: ['req.headers', 'res.headers', '*.password', '*.refreshToken', '*.accessToken'], remove: true },
      autoLogging: { ignore: (req) => loggedAlready(req) || req.url === '/health' },
    };
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: opts.logStream ? [pinoOptions, opts.logStream] : pinoOptions }),
        TypeOrmModule.forRoot({
          ...dataSourceOptions(config),
          migrationsRun: config.MIGRATIONS_RUN,
          retryAttempts: config.DB_CONNECT_RETRIES,
          retryDelay: 1000,
          verboseRetryLog: false,
        }),
        ...FEATURES,
      ],
      providers: [
        NotFoundFallback,
        {
          provide: APP_PIPE,
          useValue: new RequestValidationPipe(),
        },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
