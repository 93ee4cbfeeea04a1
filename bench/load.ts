import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { Batch } from './dataset';

/** Rows per INSERT: well under SQLite's 32,766 bound parameters and MySQL's packet size, even for evaluations. */
const ROWS_PER_INSERT = 400;
const EVALUATION_ROWS_PER_INSERT = 100;

/**
 * Tables of a million rows and more (the nation's answers and stage scores) skip the query builder: one prepared
 * multi-row INSERT of ROWS_PER_BULK_INSERT rows, values converted by the driver as TypeORM would (transformers,
 * booleans, dates); the version column starts at 1 and the timestamps take the database default.
 */
const BULK_TABLES = new Set(['evaluation_answers', 'evaluation_stage_scores']);
const ROWS_PER_BULK_INSERT = 1000;

async function bulkInsert(m: EntityManager, entity: EntityTarget<ObjectLiteral>, rows: ObjectLiteral[]): Promise<void> {
  const meta = m.connection.getMetadata(entity);
  const columns = meta.columns.filter((c) => c.isVersion || rows[0][c.propertyName] !== undefined);
  const driver = m.connection.driver;
  const q = (name: string) => driver.escape(name);
  const head = `INSERT INTO ${q(meta.tableName)} (${columns.map((c) => q(c.databaseName)).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += ROWS_PER_BULK_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_BULK_INSERT);
    const params: unknown[] = [];
    for (const row of chunk)
      for (const c of columns)
        params.push(c.isVersion ? 1 : driver.preparePersistentValue(row[c.propertyName] ?? null, c));
    await m.query(head + chunk.map(() => tuple).join(', '), params);
  }
}

async function insert(m: EntityManager, entity: EntityTarget<ObjectLiteral>, rows: ObjectLiteral[]): Promise<void> {
  if (rows.length === 0) return;
  if (BULK_TABLES.has(m.connection.getMetadata(entity).tableName)) return bulkInsert(m, entity, rows);
  const size =
    m.connection.getMetadata(entity).tableName === 'evaluations' ? EVALUATION_ROWS_PER_INSERT : ROWS_PER_INSERT;
  for (let i = 0; i < rows.length; i += size)
    await m
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows.slice(i, i + size))
      .updateEntity(false)
      .execute();
}

/**
 * Writes a dataset's batches through TypeORM's bulk INSERT (the entities' own column mapping and transformers),
 * one transaction per `batchesPerTransaction` batches. Returns the number of rows per table.
 */
export async function loadBatches(
  ds: DataSource,
  batches: Iterable<Batch>,
  batchesPerTransaction = 50,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let pending: Batch[] = [];
  const flush = async () => {
    const work = pending;
    pending = [];
    await ds.transaction(async (m) => {
      for (const b of work) await insert(m, b.entity, b.rows);
    });
  };
  for (const batch of batches) {
    const table = ds.getMetadata(batch.entity).tableName;
    counts[table] = (counts[table] ?? 0) + batch.rows.length;
    pending.push(batch);
    if (pending.length >= batchesPerTransaction) await flush();
  }
  if (pending.length) await flush();
  return counts;
}
