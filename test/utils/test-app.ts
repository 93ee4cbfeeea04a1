import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Server } from 'node:http';
import type { DestinationStream } from 'pino';
import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createApp } from '../../src/bootstrap';
import { loadConfig, type AppConfig } from '../../src/config/env';
import { Factories } from '../factories/factories';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestApp {
  app: NestExpressApplication;
  http: Server;
  db: DataSource;
  config: AppConfig;
  make: Factories;
  /** Authorization header for a user made by `make.user()`. */
  auth(user: { token: string }): { Authorization: string };
  close(): Promise<void>;
}

/**
 * The real application on this file's own fresh, migrated database (see createTestDatabase),
 * with its own storage folder. Call in beforeAll and close in afterAll.
 */
export async function createTestApp(
  overrides: Record<string, string> = {},
  opts: { logStream?: DestinationStream; database?: TestDatabase; storage?: string } = {},
): Promise<TestApp> {
  const database = opts.database ?? (await createTestDatabase());
  const storage = opts.storage ?? mkdtempSync(join(tmpdir(), 'sakip-test-storage-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: opts.logStream ? 'info' : 'silent',
    JWT_SECRET: 'test-secret-0123456789-0123456789-0123456789',
    STORAGE_DIR: storage,
    SEED_DEMO: 'false',
    DB_CONNECT_RETRIES: '0',
    REMINDER_INTERVAL_SECONDS: '0',
    ...database.env,
    ...overrides,
  });
  let app: NestExpressApplication;
  try {
    app = await createApp(config, { logger: Boolean(opts.logStream), logStream: opts.logStream });
    await app.init();
  } catch (err) {
    await database.drop();
    throw err;
  }
  const db = app.get<DataSource>(getDataSourceToken());
  return {
    app,
    http: app.getHttpServer(),
    db,
    config,
    make: new Factories(app),
    auth: (user) => ({ Authorization: `Bearer ${user.token}` }),
    close: async () => {
      await app.close();
      await database.drop();
      rmSync(storage, { recursive: true, force: true });
    },
  };
}

export interface TestCluster {
  /** The instances, all on one database and one storage folder, like replicas behind a load balancer. */
  apps: TestApp[];
  close(): Promise<void>;
}

/**
 * `count` app instances on one fresh database (a MariaDB database with TEST_DB=mysql, else one SQLite file):
 * the first runs the migrations, the others start on the migrated schema. Close the cluster, not the apps.
 */
export async function createTestCluster(count: number, overrides: Record<string, string> = {}): Promise<TestCluster> {
  const database = await createTestDatabase({ shared: true });
  const storage = mkdtempSync(join(tmpdir(), 'sakip-test-storage-'));
  const shared = { drop: async () => undefined, env: database.env };
  const apps: TestApp[] = [];
  try {
    for (let i = 0; i < count; i++) apps.push(await createTestApp(overrides, { database: shared, storage }));
  } catch (err) {
    await Promise.allSettled(apps.map((a) => a.app.close()));
    await database.drop();
    throw err;
  }
  return {
    apps,
    close: async () => {
      await Promise.allSettled(apps.map((a) => a.app.close()));
      await database.drop();
      rmSync(storage, { recursive: true, force: true });
    },
  };
}
