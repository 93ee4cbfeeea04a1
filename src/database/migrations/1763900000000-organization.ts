import { MigrationInterface, QueryRunner } from 'typeorm';
import { col, fk, index, table } from '../migration-helpers';

/** Regions (tenants), SKPD, users, refresh tokens, login throttling and the audit log. */
export class Organization1763900000000 implements MigrationInterface {
  name = 'Organization1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      table('regions', [
        col.id(),
        col.text('code', 20, { isUnique: true }),
        col.text('name', 150),
        col.text('kind', 20),
        col.text('lowerIsBetterFormula', 20, { default: "'INVERSE_DIFF'" }),
        col.int('capaianCap', { isNullable: true }),
        col.text('timezone', 40, { default: "'Asia/Jakarta'" }),
        col.bool('isDemo', false),
        ...col.audited(),
      ]),
    );
    await q.createTable(
      table(
        'skpd',
        [
          col.id(),
          col.ref('regionId'),
          col.text('code', 30),
          col.text('name', 200),
          col.text('shortName', 60),
          col.text('kind', 20),
          col.bool('active', true),
          ...col.audited(),
        ],
        {
          indices: [index('uq_skpd_region_code', ['regionId', 'code'], true), index('IDX_skpd_regionId', ['regionId'])],
          foreignKeys: [fk('regionId', 'regions')],
        },
      ),
    );
    await q.createTable(
      table(
        'users',
        [
          col.id(),
          col.text('username', 60, { isUnique: true }),
          col.text('displayName', 150),
          col.text('passwordHash', 255),
          col.text('role', 20),
          col.ref('regionId', true),
          col.ref('skpdId', true),
          col.bool('isQa', false),
          col.bool('active', true),
          col.int('tokenVersion', { default: 0 }),
          ...col.audited(),
        ],
        {
          indices: [index('IDX_users_regionId', ['regionId'])],
          foreignKeys: [fk('regionId', 'regions'), fk('skpdId', 'skpd')],
        },
      ),
    );
    await q.createTable(
      table(
        'refresh_tokens',
        [
          col.id(),
          col.ref('userId'),
          col.ref('familyId'),
          col.text('tokenHash', 64, { isUnique: true }),
          col.datetime('expiresAt'),
          col.datetime('usedAt', true),
          col.datetime('revokedAt', true),
          col.createdAt(),
        ],
        {
          indices: [index('IDX_refresh_userId', ['userId']), index('IDX_refresh_familyId', ['familyId'])],
          foreignKeys: [fk('userId', 'users', 'CASCADE')],
        },
      ),
    );
    await q.createTable(
      table('login_throttle', [
        { name: 'key', type: 'varchar', length: '64', isPrimary: true },
        col.int('failures', { default: 0 }),
        col.datetime('lockedUntil', true),
        col.datetime('updatedAt'),
      ]),
    );
    await q.createTable(
      table(
        'audit_log',
        [
          col.id(),
          col.ref('regionId', true),
          col.ref('userId', true),
          col.text('username', 60, { isNullable: true }),
          col.text('action', 40),
          col.text('entity', 60),
          col.ref('entityId'),
          col.longText('diff', false),
          col.text('reason', 500, { isNullable: true }),
          col.text('correlationId', 64, { isNullable: true }),
          col.createdAt(),
        ],
        { indices: [index('ix_audit_region_time', ['regionId', 'createdAt'])] },
      ),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['audit_log', 'login_throttle', 'refresh_tokens', 'users', 'skpd', 'regions']) await q.dropTable(t);
  }
}
