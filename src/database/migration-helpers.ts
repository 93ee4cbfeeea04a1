import { Table, TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

/** Column builders shared by every migration: types both SQLite and MySQL/MariaDB understand. */
export const col = {
  id: (): TableColumnOptions => ({ name: 'id', type: 'varchar', length: '36', isPrimary: true }),
  ref: (name: string, nullable = false): TableColumnOptions => ({
    name,
    type: 'varchar',
    length: '36',
    isNullable: nullable,
  }),
  text: (name: string, length: number, opts: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
    name,
    type: 'varchar',
    length: String(length),
    ...opts,
  }),
  /** TEXT: 64 KB on MySQL (see 1763900007000-long-texts for the columns that need LONGTEXT there). */
  longText: (name: string, nullable = true): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
  int: (name: string, opts: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'int', ...opts }),
  bool: (name: string, dflt: boolean): TableColumnOptions => ({ name, type: 'boolean', default: dflt ? 1 : 0 }),
  decimal: (name: string, nullable = false, precision = 18, scale = 4): TableColumnOptions => ({
    name,
    type: 'decimal',
    precision,
    scale,
    isNullable: nullable,
  }),
  datetime: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', isNullable: nullable }),
  /** version + createdAt + updatedAt, matching @VersionColumn / @CreateDateColumn / @UpdateDateColumn. */
  audited: (): TableColumnOptions[] => [
    { name: 'version', type: 'int' },
    { name: 'createdAt', type: 'datetime', default: 'CURRENT_TIMESTAMP' },
    { name: 'updatedAt', type: 'datetime', default: 'CURRENT_TIMESTAMP' },
  ],
  createdAt: (): TableColumnOptions => ({ name: 'createdAt', type: 'datetime', default: 'CURRENT_TIMESTAMP' }),
};

export const fk = (column: string, table: string, onDelete: 'CASCADE' | 'RESTRICT' | 'SET NULL' = 'RESTRICT') =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete });

export const index = (name: string, columns: string[], isUnique = false) =>
  new TableIndex({ name, columnNames: columns, isUnique });

export const table = (
  name: string,
  columns: TableColumnOptions[],
  extra: { indices?: TableIndex[]; foreignKeys?: TableForeignKey[] } = {},
) => new Table({ name, columns, indices: extra.indices, foreignKeys: extra.foreignKeys });
