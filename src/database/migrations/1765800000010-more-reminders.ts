import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col, fk, index, table } from '../migration-helpers';

/**
 * Reminders beyond realisation and LKE stages (issue #22): a region's own reminder days (null = H-7, H-3, H-1), a
 * due date on recommendations' follow-up, and the PK submission and approval deadlines of a region's year.
 */
export class MoreReminders1765800000010 implements MigrationInterface {
  name = 'MoreReminders1765800000010';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('regions', new TableColumn(col.text('reminderDays', 40, { isNullable: true })));
    await q.addColumn('evaluation_recommendations', new TableColumn(col.datetime('dueAt', true)));
    await q.createTable(
      table(
        'pk_deadlines',
        [
          col.id(),
          col.ref('regionId'),
          col.int('year'),
          col.datetime('submitDeadline', true),
          col.datetime('approvalDeadline', true),
          ...col.audited(),
        ],
        {
          indices: [index('uq_pk_deadlines', ['regionId', 'year'], true)],
          foreignKeys: [fk('regionId', 'regions')],
        },
      ),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('pk_deadlines');
    await q.dropColumn('evaluation_recommendations', 'dueAt');
    await q.dropColumn('regions', 'reminderDays');
  }
}
