import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/typeorm-options';

export type Dialect = 'sqlite' | 'mariadb';

/** Settings for loadConfig/dataSourceOptions that point at one benchmark database. */
export interface BenchDatabase {
  dialect: Dialect;
  env: { DB_URL?: string; SQLITE_PATH: string };
  drop(): Promise<void>;
}

/** MariaDB server of the benchmarks (no database part): BENCH_DB_URL, else the test server. */
export const mariadbServer = () =>
  (process.env.BENCH_DB_URL ?? process.env.TEST_DB_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/+$/, '');

/** Null when reachable, else the reason (the MariaDB run is then skipped with this note). */
export async function mariadbUnreachable(): Promise<string | null> {
  try {
    const conn = await createConnection({ uri: mariadbServer(), connectTimeout: 3000 });
    await conn.end();
    return null;
  } catch (err) {
    return `MariaDB at ${mariadbServer().replace(/\/\/[^@]*@/, '//')} unreachable (${(err as Error).message})`;
  }
}

/**
 * A fresh, empty database: a SQLite file in a temp folder, or `sakip_bench_<name>_<pid>_test` on the MariaDB server
 * (the process id keeps two benchmark runs on one server, e.g. CI's smoke and a developer's run, apart).
 */
export async function createBenchDatabase(dialect: Dialect, name: string): Promise<BenchDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `sakip-bench-${name}-`));
    return {
      dialect,
      env: { SQLITE_PATH: join(dir, 'bench.sqlite') },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const database = `sakip_bench_${name}_${process.pid}_test`;
  const admin = await createConnection({ uri: mariadbServer() });
  await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  return {
    dialect,
    env: { DB_URL: `${mariadbServer()}/${database}`, SQLITE_PATH: ':memory:' },
    drop: async () => {
      const conn = await createConnection({ uri: mariadbServer() });
      await conn.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await conn.end();
    },
  };
}

/** A DataSource on a benchmark database with the app's options; migrations run on first use. */
export async function openDataSource(
  db: Pick<BenchDatabase, 'env'>,
  opts: { migrate?: boolean } = {},
): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions({ DB_URL: db.env.DB_URL, SQLITE_PATH: db.env.SQLITE_PATH }));
  await ds.initialize();
  if (opts.migrate) await ds.runMigrations({ transaction: 'each' });
  return ds;
}
