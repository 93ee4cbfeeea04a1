import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { StaleVersionError } from '../errors/domain-error';

/**
 * Optimistic concurrency: applies `changes` only if the row still has `expectedVersion`, bumping it by one.
 * A stale version writes nothing and raises 409 STALE_VERSION.
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
  const result = await manager
    .createQueryBuilder()
    .update(target)
    .set({ ...changes, version: expectedVersion + 1 } as never)
    .where('id = :id AND version = :version', { id: row.id, version: expectedVersion })
    .execute();
  if (!result.affected) throw new StaleVersionError(entityName);
  return Object.assign(row, changes, { version: expectedVersion + 1 });
}
