import * as mysql2 from 'mysql2';
import type { Pool, PoolConnection, PoolOptions } from 'mysql2';

/** Error code of a request that waited too long for a free pool connection (answered 503 DATABASE_UNAVAILABLE). */
export const POOL_ACQUIRE_TIMEOUT = 'POOL_ACQUIRE_TIMEOUT';
/** mysql2's code for a query that got no answer within its timeout (answered 503 DATABASE_UNAVAILABLE). */
const QUERY_TIMEOUT = 'PROTOCOL_SEQUENCE_TIMEOUT';

type Callback = (err: NodeJS.ErrnoException | null, ...rest: unknown[]) => void;
type GetConnectionCallback = (err: NodeJS.ErrnoException | null, connection?: PoolConnection) => void;

/**
 * mysql2, as TypeORM's `driver` module, with the two bounds mysql2 lacks, so a request never waits longer than
 * `timeoutMs` for the database: neither for a free pool connection (all of them busy) nor for one query's answer
 * (a database that went silent). A connection whose query timed out is destroyed, never reused: its answer may
 * never come, and the next query would queue behind it forever.
 */
export function boundedMysql(timeoutMs: number): typeof mysql2 {
  const createPool = (options: PoolOptions) => withAcquireTimeout(mysql2.createPool(options), timeoutMs);
  return { ...mysql2, createPool: createPool as typeof mysql2.createPool };
}

function withAcquireTimeout(pool: Pool, timeoutMs: number): Pool {
  const getConnection = pool.getConnection.bind(pool) as (cb: GetConnectionCallback) => void;
  pool.getConnection = ((cb: GetConnectionCallback) => {
    let waiting = true;
    const timer = setTimeout(() => {
      waiting = false;
      cb(Object.assign(new Error('Timed out waiting for a free database connection'), { code: POOL_ACQUIRE_TIMEOUT }));
    }, timeoutMs);
    getConnection((err, connection) => {
      if (!waiting) return connection?.release();
      waiting = false;
      clearTimeout(timer);
      cb(err, connection && withQueryTimeout(connection, timeoutMs));
    });
  }) as Pool['getConnection'];
  return pool;
}

const bounded = new WeakSet<PoolConnection>();

function withQueryTimeout(connection: PoolConnection, timeoutMs: number): PoolConnection {
  if (bounded.has(connection)) return connection;
  bounded.add(connection);
  const query = connection.query.bind(connection) as (...args: unknown[]) => unknown;
  connection.query = ((sql: string | { sql: string }, ...rest: unknown[]) => {
    const options = typeof sql === 'string' ? { sql, timeout: timeoutMs } : { timeout: timeoutMs, ...sql };
    const last = rest.length - 1;
    if (typeof rest[last] === 'function') {
      const cb = rest[last] as Callback;
      rest[last] = (err: NodeJS.ErrnoException | null, ...result: unknown[]) => {
        if (err?.code === QUERY_TIMEOUT) connection.destroy();
        cb(err, ...result);
      };
    }
    return query(options, ...rest);
  }) as PoolConnection['query'];
  return connection;
}
