import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { Batch } from './dataset';

/** Rows per INSERT: well under SQLite's 32,766 bound parameters and MySQL's packet size, even for evaluations. */
const ROWS_PER_INSERT = 400;
const EVALUATION_ROWS_PER_INSERT = 100;

async function insert(m: EntityManager, entity: EntityTarget<ObjectLiteral>, rows: ObjectLiteral[]): Promise<void> {
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
