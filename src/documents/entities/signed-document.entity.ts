import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

/** A PK revision, the Pemda's own PK of a year (signed by the regional head alone), an SKPD's LHE. */
export const DOCUMENT_KINDS = ['PK', 'PK_PEMDA', 'LHE'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * A document being signed or signed: one per subject (a PK revision, the Pemda PK of a year, an evaluation's LHE). The file is the latest signed PDF,
 * stored once by sha256 in the evidence registry (evidence_files). Rows appear with the first signature, so a
 * failed signing leaves nothing behind. `code` is the public verification code printed with the QR code.
 */
@Entity('signed_documents')
@Index('uq_signed_documents_subject', ['kind', 'subjectId'], { unique: true })
@Index('uq_signed_documents_code', ['code'], { unique: true })
@Index('ix_signed_documents_region', ['regionId'])
export class SignedDocument {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 36 }) regionId!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) skpdId!: string | null;
  @Column({ type: 'varchar', length: 20 }) kind!: DocumentKind;
  /** The PK revision (performance_agreements.id), pemdaPkSubject(region, year), or the evaluation (LHE). */
  @Column({ type: 'varchar', length: 36 }) subjectId!: string;
  @Column({ type: 'varchar', length: 20 }) code!: string;
  @Column({ type: 'varchar', length: 400 }) title!: string;
  /** Who issued it, as shown on the verification page (SKPD – region). */
  @Column({ type: 'varchar', length: 400 }) issuer!: string;
  @Column({ type: 'varchar', length: 36 }) fileId!: string;
  @Column({ type: 'varchar', length: 64 }) sha256!: string;
  /** True once every party signed. */
  @Column({ type: 'boolean', default: false }) complete!: boolean;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'datetime' }) updatedAt!: Date;
}
