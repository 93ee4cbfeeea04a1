import { MigrationInterface, QueryRunner } from 'typeorm';
import { col, fk, index, table } from '../migration-helpers';

/**
 * Budget (issue #19): the region's nomenclature, each SKPD's pagu and quarterly realisation per sub-kegiatan and
 * year (whole Rupiah in DECIMAL(18,0): exact on MySQL/MariaDB, 64-bit integers on SQLite), the links of PROGRAM and
 * KEGIATAN plan nodes to nomenclature codes, and each region's efficiency rule.
 */
export class Budget1765800000030 implements MigrationInterface {
  name = 'Budget1765800000030';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      table(
        'budget_nomenclature',
        [
          col.id(),
          col.ref('regionId'),
          col.text('code', 30),
          col.text('level', 20),
          col.text('parentCode', 30, { isNullable: true }),
          col.text('name', 500),
          col.createdAt(),
          { name: 'updatedAt', type: 'datetime', default: 'CURRENT_TIMESTAMP' },
        ],
        {
          indices: [index('uq_budget_nomenclature_code', ['regionId', 'code'], true)],
          foreignKeys: [fk('regionId', 'regions')],
        },
      ),
    );
    await q.createTable(
      table(
        'budget_lines',
        [
          col.id(),
          col.ref('regionId'),
          col.ref('skpdId'),
          col.int('year'),
          col.text('code', 30),
          col.decimal('paguOriginal', false, 18, 0),
          col.decimal('paguRevised', true, 18, 0),
          col.decimal('q1Realisation', true, 18, 0),
          col.decimal('q2Realisation', true, 18, 0),
          col.decimal('q3Realisation', true, 18, 0),
          col.decimal('q4Realisation', true, 18, 0),
          col.createdAt(),
          { name: 'updatedAt', type: 'datetime', default: 'CURRENT_TIMESTAMP' },
        ],
        {
          indices: [
            index('uq_budget_lines', ['skpdId', 'year', 'code'], true),
            index('ix_budget_lines_region_year', ['regionId', 'year']),
          ],
          foreignKeys: [fk('regionId', 'regions'), fk('skpdId', 'skpd')],
        },
      ),
    );
    await q.createTable(
      table(
        'budget_node_links',
        [
          col.id(),
          col.ref('regionId'),
          col.ref('skpdId', true),
          col.ref('nodeId'),
          col.text('code', 30),
          col.createdAt(),
        ],
        {
          indices: [
            index('uq_budget_node_links_node', ['nodeId'], true),
            index('ix_budget_node_links_region', ['regionId', 'skpdId']),
          ],
          foreignKeys: [fk('regionId', 'regions'), fk('skpdId', 'skpd'), fk('nodeId', 'plan_nodes', 'CASCADE')],
        },
      ),
    );
    await q.createTable(
      table(
        'budget_settings',
        [
          col.id(),
          col.ref('regionId'),
          col.text('efficiencyRule', 20),
          col.decimal('tolerance', false, 6, 2),
          { name: 'version', type: 'int' },
          { name: 'updatedAt', type: 'datetime', default: 'CURRENT_TIMESTAMP' },
        ],
        {
          indices: [index('uq_budget_settings_region', ['regionId'], true)],
          foreignKeys: [fk('regionId', 'regions')],
        },
      ),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('budget_settings');
    await q.dropTable('budget_node_links');
    await q.dropTable('budget_lines');
    await q.dropTable('budget_nomenclature');
  }
}
