import { MigrationInterface, QueryRunner } from 'typeorm';
import { col, fk, index, table } from '../migration-helpers';

/** Pembinaan: a province's assistance to a kabupaten/kota, its recommendations with due dates and their follow-up. */
export class Pembinaan1766000000050 implements MigrationInterface {
  name = 'Pembinaan1766000000050';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      table(
        'pembinaan_visits',
        [
          col.id(),
          col.ref('provinceId'),
          col.ref('regionId'),
          col.text('visitDate', 10),
          col.text('topic', 200),
          col.longText('findings', false),
          col.ref('createdBy', true),
          col.createdAt(),
        ],
        {
          indices: [
            index('ix_pembinaan_visits_region', ['regionId']),
            index('ix_pembinaan_visits_province', ['provinceId']),
          ],
          foreignKeys: [fk('provinceId', 'regions'), fk('regionId', 'regions')],
        },
      ),
    );
    await q.createTable(
      table(
        'pembinaan_recommendations',
        [
          col.id(),
          col.ref('visitId'),
          col.ref('regionId'),
          col.int('ordinal'),
          col.longText('text', false),
          col.text('dueDate', 10),
          col.longText('followUp'),
          col.text('status', 20),
          col.ref('followedUpBy', true),
          col.datetime('followedUpAt', true),
          ...col.audited(),
        ],
        {
          indices: [
            index('ix_pembinaan_recs_visit', ['visitId']),
            index('ix_pembinaan_recs_region', ['regionId']),
          ],
          foreignKeys: [fk('visitId', 'pembinaan_visits', 'CASCADE'), fk('regionId', 'regions')],
        },
      ),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('pembinaan_recommendations');
    await q.dropTable('pembinaan_visits');
  }
}
