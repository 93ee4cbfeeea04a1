import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource } from 'typeorm';

/**
 * TypeORM gives SQLite one connection and one query runner for the whole process. Left alone, two requests'
 * transactions nest as savepoints of each other — one's COMMIT only releases the other's savepoint, and the other's
 * ROLLBACK then undoes both — and plain queries of a third request run inside whichever transaction is open.
 *
 * On SQLite this makes transactions take turns, and holds every query from outside the open transaction until it
 * ends: one writer at a time, as SQLite itself works. A transaction started inside the open one (same async context)
 * stays a savepoint of it. MySQL/MariaDB have a pool of real connections and are left as they are.
 */
export function serializeSqliteTransactions(dataSource: DataSource): void {
  if (dataSource.options.type !== 'better-sqlite3') return;
  const context = new AsyncLocalStorage<symbol>();
  let open: { id: symbol; ended: Promise<void> } | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const insideOpen = () => open !== undefined && context.getStore() === open.id;

  const manager = dataSource.manager;
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  manager.transaction = ((...args: unknown[]) => {
    if (insideOpen()) return transaction(...args);
    const turn = queue.then(() => {
      const id = Symbol('transaction');
      let end!: () => void;
      open = { id, ended: new Promise<void>((resolve) => (end = resolve)) };
      return context.run(id, () => transaction(...args)).finally(() => {
        open = undefined;
        end();
      });
    });
    queue = turn.catch(() => undefined);
    return turn;
  }) as typeof manager.transaction;

  const runner = dataSource.driver.createQueryRunner('master');
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  runner.query = (async (...args: unknown[]) => {
    while (open && !insideOpen()) await open.ended;
    return query(...args);
  }) as typeof runner.query;
}
