import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col, fk, index, table } from '../migration-helpers';

/**
 * Provinces over their kabupaten/kota (regions.provinceId) and the items a region publishes on its public page.
 * Existing regions keep a null province and publish nothing.
 */
export class Provinces1765800000040 implements MigrationInterface {
  name = 'Provinces1765800000040';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('regions', new TableColumn(col.ref('provinceId', true)));
    await q.createIndex('regions', index('ix_regions_province', ['provinceId']));
    await q.createForeignKey('regions', fk('provinceId', 'regions'));
    await q.createTable(
      table(
        'public_items',
        [
          col.id(),
          col.ref('regionId'),
          col.text('kind', 20),
          /** HISTORY:<year> · IKU:<year> · DOCUMENT:<signed document id>: one row per published item. */
          col.text('itemKey', 60),
          col.int('year', { isNullable: true }),
          col.ref('documentId', true),
          col.ref('publishedBy', true),
          col.datetime('publishedAt'),
        ],
        {
          indices: [index('uq_public_items_key', ['regionId', 'itemKey'], true)],
          foreignKeys: [fk('regionId', 'regions'), fk('documentId', 'signed_documents', 'CASCADE')],
        },
      ),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('public_items');
    const regions = await q.getTable('regions');
    const key = regions?.foreignKeys.find((k) => k.columnNames.includes('provinceId'));
    if (key) await q.dropForeignKey('regions', key);
    await q.dropIndex('regions', 'ix_regions_province');
    await q.dropColumn('regions', 'provinceId');
  }
}
