import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

export const PK_STATUSES = ['DRAFT', 'SUBMITTED', 'APPROVED', 'LOCKED'] as const;
export type PkStatus = (typeof PK_STATUSES)[number];

/**
 * Perjanjian Kinerja of one SKPD for one year, one row per revision (0 = the original PK, 1.. = PK Perubahan).
 * DRAFT → SUBMITTED → APPROVED → LOCKED. A revision is superseded (supersededAt) when a later one is approved;
 * the effective PK of a year is the approved/locked revision with supersededAt null.
 */
@Entity('performance_agreements')
@Index('uq_pk_revision', ['skpdId', 'year', 'revision'], { unique: true })
@Index('ix_pk_region_year', ['regionId', 'year'])
export class PerformanceAgreement {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 36 }) regionId!: string;
  @Column({ type: 'varchar', length: 36 }) skpdId!: string;
  @Column({ type: 'varchar', length: 36 }) periodId!: string;
  @Column({ type: 'int' }) year!: number;
  @Column({ type: 'int' }) revision!: number;
  @Column({ type: 'varchar', length: 20 }) status!: PkStatus;
  /** The revision this one replaces (null for revision 0). */
  @Column({ type: 'varchar', length: 36, nullable: true }) previousId!: string | null;
  @Column({ type: 'varchar', length: 1000, nullable: true }) revisionReason!: string | null;
  /** First party: the Kepala PD who signs. */
  @Column({ type: 'varchar', length: 150, nullable: true }) signerName!: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) signerTitle!: string | null;
  /** Second party: usually the Kepala Daerah. */
  @Column({ type: 'varchar', length: 150, nullable: true }) counterpartName!: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) counterpartTitle!: string | null;
  @Column({ type: 'datetime', nullable: true }) submittedAt!: Date | null;
  @Column({ type: 'datetime', nullable: true }) approvedAt!: Date | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) approvedBy!: string | null;
  @Column({ type: 'datetime', nullable: true }) lockedAt!: Date | null;
  @Column({ type: 'datetime', nullable: true }) supersededAt!: Date | null;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'datetime' }) updatedAt!: Date;
}
