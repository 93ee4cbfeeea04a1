import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import type { AppConfig } from './config/env';
import { serializeSqliteTransactions } from './database/sqlite-transactions';

/** Creates the configured application (not listening): used by main.ts, the CLIs and the e2e tests. */
export async function createApp(
  config: AppConfig,
  opts: { logger?: boolean; logStream?: DestinationStream } = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, { logStream: opts.logStream }),
    {
      bodyParser: false,
      // Nothing is printed while the app is assembled: a startup failure becomes one line in main.ts, never a stack trace.
      bufferLogs: opts.logger !== false,
      logger: false,
      abortOnError: false,
    },
  );
  if (opts.logger !== false) app.useLogger(app.get(Logger));
  serializeSqliteTransactions(app.get(DataSource));
  configureApp(app, config);
  return app;
}
