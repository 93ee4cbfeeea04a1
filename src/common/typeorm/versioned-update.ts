import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { StaleVersionError } from '../errors/domain-error';

/**
 * Optimistic concurrency: applies `changes` only if the row still has `expectedVersion`, bumping it by one.
 * A stale version writes nothing and raises 409 STALE_VERSION. Keys whose value is `undefined` (a request DTO's
 * fields the client left out) are no change: the row, the answer and the audit keep their real values.
 */
export async function updateWithVersion<T extends ObjectLiteral & { id: string; version: number }>(
  manager: EntityManager,
  target: EntityTarget<T>,
  row: T,
  expectedVersion: number,
  changes: Partial<T>,
  entityName: string,
): Promise<T> {
  if (row.version !== expectedVersion) throw new StaleVersionError(entityName);
  const given = withoutUndefined(changes);
  const result = await manager
    .createQueryBuilder()
    .update(target)
    .set({ ...given, version: expectedVersion + 1 } as never)
    .where('id = :id AND version = :version', { id: row.id, version: expectedVersion })
    .execute();
  if (!result.affected) throw new StaleVersionError(entityName);
  return Object.assign(row, given, { version: expectedVersion + 1 });
}

function withoutUndefined<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<T>;
}
