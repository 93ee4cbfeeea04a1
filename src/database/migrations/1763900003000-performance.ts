import { MigrationInterface, QueryRunner } from 'typeorm';
import { col, fk, index, table } from '../migration-helpers';

/** Quarterly realisation: entry windows per region, reopenings per SKPD, and one realisation per indicator and quarter. */
export class Performance1763900003000 implements MigrationInterface {
  name = 'Performance1763900003000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      table(
        'reporting_windows',
        [
          col.id(),
          col.ref('regionId'),
          col.int('year'),
          col.int('quarter'),
          col.datetime('deadline'),
          ...col.audited(),
        ],
        {
          indices: [index('uq_reporting_windows', ['regionId', 'year', 'quarter'], true)],
          foreignKeys: [fk('regionId', 'regions')],
        },
      ),
    );
    await q.createTable(
      table(
        'window_reopenings',
        [
          col.id(),
          col.ref('regionId'),
          col.ref('skpdId'),
          col.int('year'),
          col.int('quarter'),
          col.text('reason', 1000),
          col.datetime('until'),
          col.ref('createdBy'),
          col.createdAt(),
        ],
        {
          indices: [index('ix_window_reopenings_lookup', ['regionId', 'skpdId', 'year', 'quarter'])],
          foreignKeys: [fk('regionId', 'regions'), fk('skpdId', 'skpd'), fk('createdBy', 'users')],
        },
      ),
    );
    await q.createTable(
      table(
        'realisations',
        [
          col.id(),
          col.ref('regionId'),
          col.ref('skpdId'),
          col.ref('indicatorId'),
          col.int('year'),
          col.int('quarter'),
          col.decimal('value', true),
          col.longText('notes'),
          col.longText('problems'),
          col.longText('followUpPlan'),
          col.ref('updatedBy', true),
          ...col.audited(),
        ],
        {
          indices: [
            index('uq_realisations', ['indicatorId', 'year', 'quarter'], true),
            index('ix_realisations_skpd_year', ['regionId', 'skpdId', 'year']),
          ],
          foreignKeys: [fk('regionId', 'regions'), fk('skpdId', 'skpd'), fk('indicatorId', 'indicators')],
        },
      ),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['realisations', 'window_reopenings', 'reporting_windows']) await q.dropTable(t);
  }
}
