import { MigrationInterface, QueryRunner } from 'typeorm';
import { col, fk, index, table } from '../migration-helpers';

/** Per-region realisation settings: whether data-quality warnings block a write. */
export class PerformanceSettings1763900005000 implements MigrationInterface {
  name = 'PerformanceSettings1763900005000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      table(
        'performance_settings',
        [
          col.id(),
          col.ref('regionId'),
          col.bool('blockOnDataQuality', false),
          col.ref('updatedBy', true),
          ...col.audited(),
        ],
        {
          indices: [index('uq_performance_settings_region', ['regionId'], true)],
          foreignKeys: [fk('regionId', 'regions'), fk('updatedBy', 'users')],
        },
      ),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('performance_settings');
  }
}
