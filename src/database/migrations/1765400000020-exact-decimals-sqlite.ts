import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * SQLite stores a DECIMAL column with NUMERIC affinity, i.e. as a double with ~15 significant digits, so
 * 99999999999999.9999 came back as 100000000000000. On SQLite only, the 18-digit decimal columns (targets,
 * realisations, baselines, range bounds, sub-targets) become TEXT: the exact decimal text the transformer writes is
 * kept as written. MySQL/MariaDB DECIMAL(18,4) is exact already. Nothing compares or sorts these columns in SQL (a
 * TEXT comparison would be lexical); compare them in code as Decimals. Values already rounded cannot be restored.
 */
export const EXACT_DECIMAL_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  indicators: ['rangeMin', 'rangeMax', 'baselineValue', 'endTarget'],
  indicator_targets: ['target'],
  crosscut_contributions: ['subTarget'],
  pk_indicators: ['annualTarget', 'q1Target', 'q2Target', 'q3Target', 'q4Target'],
  realisations: ['value'],
};

export class ExactDecimalsSqlite1765400000020 implements MigrationInterface {
  name = 'ExactDecimalsSqlite1765400000020';

  async up(q: QueryRunner): Promise<void> {
    await retype(q, (c) => new TableColumn({ name: c.name, type: 'text', isNullable: c.isNullable }));
  }

  async down(q: QueryRunner): Promise<void> {
    await retype(
      q,
      (c) => new TableColumn({ name: c.name, type: 'decimal', precision: 18, scale: 4, isNullable: c.isNullable }),
    );
  }
}

/** Changes every listed column of each table at once (SQLite rebuilds the table once per table). */
async function retype(q: QueryRunner, to: (c: TableColumn) => TableColumn): Promise<void> {
  if (q.connection.options.type !== 'better-sqlite3') return;
  for (const [name, columns] of Object.entries(EXACT_DECIMAL_COLUMNS)) {
    const table = await q.getTable(name);
    if (!table) throw new Error(`Table ${name} not found`);
    const changes = columns.map((column) => {
      const oldColumn = table.findColumnByName(column);
      if (!oldColumn) throw new Error(`Column ${name}.${column} not found`);
      return { oldColumn, newColumn: to(oldColumn) };
    });
    await q.changeColumns(table, changes);
  }
}
