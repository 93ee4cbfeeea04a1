import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { EvidenceFile } from './evidence-file.entity';

/** One upload in a tenant: who uploaded which content, for which SKPD (null = region-level evidence), under what name. */
@Entity('evidence_items')
@Index('ix_evidence_items_region_time', ['regionId', 'createdAt'])
@Index('ix_evidence_items_skpd', ['skpdId'])
@Index('ix_evidence_items_file', ['fileId'])
export class EvidenceItem {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 36 }) regionId!: string;
  /** Null for region-level evidence (uploaded by a region-wide role without an SKPD); planners never see those. */
  @Column({ type: 'varchar', length: 36, nullable: true }) skpdId!: string | null;
  @Column({ type: 'varchar', length: 36 }) fileId!: string;
  /** Display name, sanitised; never used as a filesystem path. */
  @Column({ type: 'varchar', length: 255 }) originalName!: string;
  @Column({ type: 'varchar', length: 36 }) uploadedBy!: string;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
  /** Filled by queries that join the content row (not a column). */
  file?: EvidenceFile;
}
