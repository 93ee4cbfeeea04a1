import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from '../migration-helpers';

/**
 * Capaian edge cases (issue #16 items 12 and 21): an indicator may allow negative realisations (default no: entry
 * refuses them), and a region chooses what a lower-is-better zero target scores (default: not computable).
 * Indicators that already hold a negative realisation allow negative values from now on, so those realisations are
 * computed instead of being dropped from the capaian (yes/no indicators excepted: they take only 1 or 0).
 */
export class CapaianEdgeCases1765400000010 implements MigrationInterface {
  name = 'CapaianEdgeCases1765400000010';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('indicators', new TableColumn(col.bool('allowsNegative', false)));
    await q.addColumn(
      'performance_settings',
      new TableColumn(col.text('lowerIsBetterZeroTarget', 20, { default: "'NOT_COMPUTABLE'" })),
    );
    // Runs before 1765400000020 turns the SQLite columns into TEXT, so `value < 0` still compares numbers here.
    await q.query(
      "UPDATE indicators SET allowsNegative = 1 WHERE polarity <> 'BINARY' AND id IN " +
        '(SELECT indicatorId FROM realisations WHERE value < 0)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('performance_settings', 'lowerIsBetterZeroTarget');
    await q.dropColumn('indicators', 'allowsNegative');
  }
}
