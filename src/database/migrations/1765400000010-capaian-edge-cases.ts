import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from '../migration-helpers';

/**
 * Capaian edge cases (issue #16 items 12 and 21): an indicator may allow negative realisations (default no: entry
 * refuses them), and a region chooses what a lower-is-better zero target scores (default: not computable).
 */
export class CapaianEdgeCases1765400000010 implements MigrationInterface {
  name = 'CapaianEdgeCases1765400000010';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('indicators', new TableColumn(col.bool('allowsNegative', false)));
    await q.addColumn(
      'performance_settings',
      new TableColumn(col.text('lowerIsBetterZeroTarget', 20, { default: "'NOT_COMPUTABLE'" })),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('performance_settings', 'lowerIsBetterZeroTarget');
    await q.dropColumn('indicators', 'allowsNegative');
  }
}
