import { MigrationInterface, QueryRunner } from 'typeorm';
import { col, fk, index, table } from '../migration-helpers';

/** Signed documents (the PK today) with their signatures; the files live in evidence_files by sha256. */
export class SignedDocuments1765700000010 implements MigrationInterface {
  name = 'SignedDocuments1765700000010';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      table(
        'signed_documents',
        [
          col.id(),
          col.ref('regionId'),
          col.ref('skpdId', true),
          col.text('kind', 20),
          col.ref('subjectId'),
          col.text('code', 20),
          col.text('title', 400),
          col.text('issuer', 400),
          col.ref('fileId'),
          col.text('sha256', 64),
          col.bool('complete', false),
          ...col.audited(),
        ],
        {
          indices: [
            index('uq_signed_documents_subject', ['kind', 'subjectId'], true),
            index('uq_signed_documents_code', ['code'], true),
            index('ix_signed_documents_region', ['regionId']),
          ],
          foreignKeys: [fk('regionId', 'regions'), fk('skpdId', 'skpd'), fk('fileId', 'evidence_files')],
        },
      ),
    );
    await q.createTable(
      table(
        'document_signatures',
        [
          col.id(),
          col.ref('regionId'),
          col.ref('skpdId', true),
          col.ref('documentId'),
          col.text('party', 10),
          col.text('signerName', 150),
          col.text('signerTitle', 220),
          col.text('signerNip', 18, { isNullable: true }),
          col.ref('signedBy'),
          col.text('provider', 20),
          col.text('sha256', 64),
          col.datetime('signedAt'),
          col.createdAt(),
        ],
        {
          indices: [index('uq_document_signatures_party', ['documentId', 'party'], true)],
          foreignKeys: [
            fk('regionId', 'regions'),
            fk('skpdId', 'skpd'),
            fk('documentId', 'signed_documents', 'CASCADE'),
            fk('signedBy', 'users'),
          ],
        },
      ),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('document_signatures');
    await q.dropTable('signed_documents');
  }
}
