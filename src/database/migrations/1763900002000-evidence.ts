import { MigrationInterface, QueryRunner } from 'typeorm';
import { col, fk, index, table } from '../migration-helpers';

/** Evidence (bukti dukung): content stored once per sha256, uploads per tenant, and links to what they support. */
export class Evidence1763900002000 implements MigrationInterface {
  name = 'Evidence1763900002000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      table('evidence_files', [
        col.id(),
        col.text('sha256', 64, { isUnique: true }),
        col.int('size'),
        col.text('mime', 100),
        col.text('ext', 10),
        col.createdAt(),
      ]),
    );
    await q.createTable(
      table(
        'evidence_items',
        [
          col.id(),
          col.ref('regionId'),
          col.ref('skpdId', true),
          col.ref('fileId'),
          col.text('originalName', 255),
          col.ref('uploadedBy'),
          col.createdAt(),
        ],
        {
          indices: [
            index('ix_evidence_items_region_time', ['regionId', 'createdAt']),
            index('ix_evidence_items_skpd', ['skpdId']),
            index('ix_evidence_items_file', ['fileId']),
          ],
          foreignKeys: [
            fk('regionId', 'regions'),
            fk('skpdId', 'skpd'),
            fk('fileId', 'evidence_files'),
            fk('uploadedBy', 'users'),
          ],
        },
      ),
    );
    await q.createTable(
      table(
        'evidence_links',
        [
          col.id(),
          col.ref('regionId'),
          col.ref('evidenceItemId'),
          col.text('targetType', 40),
          col.ref('targetId'),
          col.ref('createdBy', true),
          col.createdAt(),
        ],
        {
          indices: [
            index('uq_evidence_links_item_target', ['evidenceItemId', 'targetType', 'targetId'], true),
            index('ix_evidence_links_target', ['targetType', 'targetId']),
            index('ix_evidence_links_region', ['regionId']),
          ],
          foreignKeys: [fk('regionId', 'regions'), fk('evidenceItemId', 'evidence_items')],
        },
      ),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['evidence_links', 'evidence_items', 'evidence_files']) await q.dropTable(t);
  }
}
