import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { Env, type AppConfig } from '../config/env';
import { boundedMysql } from './bounded-mysql';
import { ALL_ENTITIES } from './entities';
import { ALL_MIGRATIONS } from './migrations';

/** One options builder for the app, the TypeORM CLI and the tests: they cannot disagree about dialect or schema. */
export function dataSourceOptions(
  config: Pick<AppConfig, 'DB_URL' | 'SQLITE_PATH'> & Partial<Pick<AppConfig, 'DB_POOL_SIZE' | 'DB_QUERY_TIMEOUT_MS'>>,
): DataSourceOptions {
  const shared = {
    entities: ALL_ENTITIES,
    migrations: ALL_MIGRATIONS,
    synchronize: false,
    migrationsTransactionMode: 'each',
  } as const;
  if (config.DB_URL) {
    const { DB_POOL_SIZE, DB_QUERY_TIMEOUT_MS } = { ...new Env(), ...config };
    return {
      type: 'mysql',
      url: config.DB_URL.replace(/^mariadb:/, 'mysql:'),
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      connectTimeout: 5000,
      // A full pool or a silent database answers 503 after DB_QUERY_TIMEOUT_MS instead of holding the request.
      driver: boundedMysql(DB_QUERY_TIMEOUT_MS),
      poolSize: DB_POOL_SIZE,
      extra: { decimalNumbers: false },
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
