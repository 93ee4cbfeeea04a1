import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DocumentParty } from '../domain/document-parties';

/** One signature on a signed document: which party, who it was printed as, who pressed the button, when, and the file after it. */
@Entity('document_signatures')
@Index('uq_document_signatures_party', ['documentId', 'party'], { unique: true })
export class DocumentSignature {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 36 }) regionId!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) skpdId!: string | null;
  @Column({ type: 'varchar', length: 36 }) documentId!: string;
  @Column({ type: 'varchar', length: 10 }) party!: DocumentParty;
  @Column({ type: 'varchar', length: 150 }) signerName!: string;
  /** The title as printed ("Plt. Kepala Dinas Kesehatan"). */
  @Column({ type: 'varchar', length: 220 }) signerTitle!: string;
  @Column({ type: 'varchar', length: 18, nullable: true }) signerNip!: string | null;
  /** The user who signed as (or on behalf of) the party. */
  @Column({ type: 'varchar', length: 36 }) signedBy!: string;
  @Column({ type: 'varchar', length: 20 }) provider!: string;
  /** sha256 of the PDF right after this signature. */
  @Column({ type: 'varchar', length: 64 }) sha256!: string;
  @Column({ type: 'datetime' }) signedAt!: Date;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
}
