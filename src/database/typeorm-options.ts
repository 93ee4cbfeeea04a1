import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/env';
import { ALL_ENTITIES } from './entities';
import { ALL_MIGRATIONS } from './migrations';

/** One options builder for the app, the TypeORM CLI and the tests: they cannot disagree about dialect or schema. */
export function dataSourceOptions(config: Pick<AppConfig, 'DB_URL' | 'SQLITE_PATH'>): DataSourceOptions {
  const shared = {
    entities: ALL_ENTITIES,
    migrations: ALL_MIGRATIONS,
    synchronize: false,
    migrationsTransactionMode: 'each',
  } as const;
  if (config.DB_URL) {
    return {
      type: 'mysql',
      url: config.DB_URL.replace(/^mariadb:/, 'mysql:'),
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      connectTimeout: 5000,
      extra: { connectionLimit: 10, decimalNumbers: false },
      ...shared,
    };
  }
  if (config.SQLITE_PATH !== ':memory:') mkdirSync(dirname(resolve(config.SQLITE_PATH)), { recursive: true });
  return {
    type: 'better-sqlite3',
    database: config.SQLITE_PATH,
    enableWAL: config.SQLITE_PATH !== ':memory:',
    ...shared,
  };
}
