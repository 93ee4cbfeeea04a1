import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

export const usesMysql = () => process.env.TEST_DB === 'mysql';

export interface TestDatabase {
  /** Settings for loadConfig: DB_URL for MySQL, SQLITE_PATH for SQLite. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/**
 * MariaDB runs the suites on a pool of ONE connection: a query made outside the transaction that holds it (the
 * deadlock that once hung production under load) then waits for the pool and fails within a few seconds.
 */
const MYSQL_TEST_POOL = { DB_POOL_SIZE: '1', DB_QUERY_TIMEOUT_MS: '5000' };

/**
 * A database of this test file's own: in-memory SQLite, or with TEST_DB=mysql a new database on
 * TEST_DB_URL (default mysql://root@127.0.0.1:3306) that is dropped afterwards. Names must contain "test".
 */
export async function createTestDatabase(opts: { shared?: boolean } = {}): Promise<TestDatabase> {
  if (!usesMysql()) return opts.shared ? sqliteFile() : { env: { SQLITE_PATH: ':memory:' }, drop: async () => undefined };
  const server = (process.env.TEST_DB_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/+$/, '');
  const name = `sakip_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  if (!name.includes('test')) throw new Error(`Refusing to use database ${name}: test databases must contain "test"`);
  const admin = await createConnection({ uri: server });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  return {
    env: { DB_URL: `${server}/${name}`, ...MYSQL_TEST_POOL },
    drop: async () => {
      const conn = await createConnection({ uri: server });
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    },
  };
}

/**
 * A SQLite file of its own (in-memory databases cannot be shared by several app instances), in memory-backed
 * /dev/shm where there is one: on a disk busy with other jobs every commit's fsync otherwise dominates the run.
 */
function sqliteFile(): TestDatabase {
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'sakip-test-db-'));
  return {
    env: { SQLITE_PATH: join(dir, 'sakip.sqlite') },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}
