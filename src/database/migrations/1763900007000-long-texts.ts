import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * MySQL's TEXT holds 64 KB: too little for an audit entry of a large import or a rule-set snapshot. Widens those
 * columns to LONGTEXT on MySQL/MariaDB; SQLite's TEXT has no such limit, so nothing changes there.
 */
export class LongTexts1763900007000 implements MigrationInterface {
  name = 'LongTexts1763900007000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type !== 'mysql') return;
    await q.query('ALTER TABLE `audit_log` MODIFY `diff` LONGTEXT NOT NULL');
    await q.query('ALTER TABLE `evaluations` MODIFY `ruleSetSnapshot` LONGTEXT NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type !== 'mysql') return;
    await q.query('ALTER TABLE `evaluations` MODIFY `ruleSetSnapshot` TEXT NOT NULL');
    await q.query('ALTER TABLE `audit_log` MODIFY `diff` TEXT NOT NULL');
  }
}
