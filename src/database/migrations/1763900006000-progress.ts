import { MigrationInterface, QueryRunner } from 'typeorm';
import { col, fk, index, table } from '../migration-helpers';

/** Progress to the next predicate: imported historical results, the region's target, published yearly results. */
export class Progress1763900006000 implements MigrationInterface {
  name = 'Progress1763900006000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      table(
        'progress_historical_results',
        [
          col.id(),
          col.ref('regionId'),
          col.ref('skpdId', true),
          col.text('subjectKey', 36),
          col.int('year'),
          col.text('ruleSetCode', 60),
          col.int('ruleSetVersion'),
          col.decimal('total', false, 9, 4),
          col.text('predicate', 3),
          col.text('source', 200, { isNullable: true }),
          col.ref('createdBy', true),
          ...col.audited(),
        ],
        {
          indices: [index('uq_progress_history_subject_year', ['regionId', 'subjectKey', 'year'], true)],
          foreignKeys: [fk('regionId', 'regions'), fk('skpdId', 'skpd')],
        },
      ),
    );
    await q.createTable(
      table(
        'progress_region_targets',
        [
          col.id(),
          col.ref('regionId'),
          col.text('predicate', 3),
          col.int('year'),
          col.ref('updatedBy', true),
          ...col.audited(),
        ],
        { indices: [index('uq_progress_target_region', ['regionId'], true)], foreignKeys: [fk('regionId', 'regions')] },
      ),
    );
    await q.createTable(
      table(
        'progress_publications',
        [
          col.id(),
          col.ref('regionId'),
          col.int('year'),
          col.text('ruleSetCode', 60),
          col.int('ruleSetVersion'),
          col.text('basis', 10),
          col.decimal('total', false, 9, 4),
          col.text('totalExact', 80),
          col.text('predicate', 3),
          col.longText('aggregate', false),
          col.ref('publishedBy', true),
          ...col.audited(),
        ],
        {
          indices: [
            index('uq_progress_publication_region_year', ['regionId', 'year'], true),
            index('ix_progress_publication_year', ['year']),
          ],
          foreignKeys: [fk('regionId', 'regions')],
        },
      ),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['progress_publications', 'progress_region_targets', 'progress_historical_results'])
      await q.dropTable(t);
  }
}
