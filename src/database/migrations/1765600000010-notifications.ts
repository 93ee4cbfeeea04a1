import { MigrationInterface, QueryRunner } from 'typeorm';
import { col, fk, index, table } from '../migration-helpers';

/**
 * Reminders and notices (issue #22): the outbox/inbox `notifications` with one row per (user, subject, due key,
 * kind), its deliveries per channel (lease, attempts, backoff), and each user's channel preferences.
 */
export class Notifications1765600000010 implements MigrationInterface {
  name = 'Notifications1765600000010';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      table(
        'notifications',
        [
          col.id(),
          col.ref('regionId'),
          col.ref('userId'),
          col.text('category', 20),
          col.text('kind', 10),
          col.text('subjectType', 30),
          col.text('subjectId', 80),
          col.text('dueKey', 40),
          col.text('title', 300),
          col.longText('body', false),
          col.text('link', 300, { isNullable: true }),
          col.datetime('readAt', true),
          col.createdAt(),
        ],
        {
          indices: [
            index('uq_notifications_key', ['userId', 'subjectType', 'subjectId', 'dueKey', 'kind'], true),
            index('ix_notifications_user', ['userId', 'createdAt']),
          ],
          foreignKeys: [fk('userId', 'users', 'CASCADE')],
        },
      ),
    );
    await q.createTable(
      table(
        'notification_deliveries',
        [
          col.id(),
          col.ref('notificationId'),
          col.ref('userId'),
          col.text('channel', 10),
          col.text('status', 10),
          col.int('attempts', { default: 0 }),
          col.datetime('nextAttemptAt'),
          col.datetime('leaseUntil', true),
          col.text('lastError', 500, { isNullable: true }),
          col.datetime('sentAt', true),
          col.createdAt(),
        ],
        {
          indices: [
            index('uq_notification_deliveries', ['notificationId', 'channel'], true),
            index('ix_notification_deliveries_due', ['status', 'nextAttemptAt']),
          ],
          foreignKeys: [fk('notificationId', 'notifications', 'CASCADE')],
        },
      ),
    );
    await q.createTable(
      table(
        'notification_preferences',
        [
          { ...col.ref('userId'), isPrimary: true },
          col.text('email', 254, { isNullable: true }),
          col.text('phone', 30, { isNullable: true }),
          col.longText('channels', false),
          { name: 'updatedAt', type: 'datetime', default: 'CURRENT_TIMESTAMP' },
        ],
        { foreignKeys: [fk('userId', 'users', 'CASCADE')] },
      ),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('notification_preferences');
    await q.dropTable('notification_deliveries');
    await q.dropTable('notifications');
  }
}
