import { randomUUID } from 'node:crypto';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Inserts many new rows of an entity as plain multi-row INSERTs of `chunk` rows each (keep chunk × columns within
 * every driver's bind-parameter limit: SQLite 32,766, MySQL/MariaDB 65,535), in the caller's transaction. Values go
 * through each column's transformer and the driver's normalisation exactly as in `manager.insert`; a generated uuid
 * key is made here, a version column starts at 1, and creation/update dates and any column no row sets take the
 * database default. Unlike `manager.insert` it neither builds the statement through the query builder (most of a
 * big insert's time) nor reads the rows back to fill in their generated columns: the given objects are left as they
 * are, so a caller that needs ids, versions or dates reads the rows.
 */
export async function insertInChunks<T extends ObjectLiteral>(
  m: EntityManager,
  target: EntityTarget<T>,
  rows: readonly Partial<T>[],
  chunk: number,
): Promise<void> {
  if (!rows.length) return;
  const metadata = m.connection.getMetadata(target);
  const driver = m.connection.driver;
  const generatedId = (c: ColumnMetadata) => c.isGenerated && c.generationStrategy === 'uuid';
  const columns = metadata.columns.filter(
    (c) =>
      !c.isCreateDate &&
      !c.isUpdateDate &&
      !c.isVirtual &&
      (c.isVersion || generatedId(c) || rows.some((r) => c.getEntityValue(r) !== undefined)),
  );
  const valueOf = (c: ColumnMetadata, row: Partial<T>): unknown => {
    const value: unknown = c.getEntityValue(row);
    if (value === undefined && c.isVersion) return 1;
    if (value === undefined && generatedId(c)) return randomUUID();
    if (value === undefined)
      throw new Error(`insertInChunks: ${metadata.tableName}.${c.databaseName} is set on some rows, not all`);
    return driver.preparePersistentValue(value, c) as unknown;
  };
  const head = `INSERT INTO ${driver.escape(metadata.tableName)} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += chunk) {
    const slice = rows.slice(i, i + chunk);
    const params = await slice.flatMap((row) => columns.map((c) => valueOf(c, row)));
    await m.query(head + slice.map(() => tuple).join(', '), params);
  }
}
