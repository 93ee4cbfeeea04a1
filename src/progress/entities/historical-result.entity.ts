import type Decimal from 'decimal.js';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { decimalColumn } from '../../common/typeorm/decimal.transformer';

/**
 * An official result of a year before the region used this service (e.g. from an old LHE), recorded by the region's
 * admin: of the Pemda (skpdId null) or of one SKPD. The predicate is stored as published, never recomputed.
 */
@Entity('progress_historical_results')
@Index('uq_progress_history_subject_year', ['regionId', 'subjectKey', 'year'], { unique: true })
export class HistoricalResult {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 36 }) regionId!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) skpdId!: string | null;
  /** skpdId, or "PEMDA" for the Pemda's own result. */
  @Column({ type: 'varchar', length: 36 }) subjectKey!: string;
  @Column({ type: 'int' }) year!: number;
  /** The rule set whose bands apply to this result (for the gap), e.g. permenpanrb-12-2015 v1. */
  @Column({ type: 'varchar', length: 60 }) ruleSetCode!: string;
  @Column({ type: 'int' }) ruleSetVersion!: number;
  @Column(decimalColumn({ precision: 9, scale: 4 })) total!: Decimal;
  @Column({ type: 'varchar', length: 3 }) predicate!: string;
  /** Where the figure comes from, e.g. "LHE KemenPAN-RB 2019". */
  @Column({ type: 'varchar', length: 200, nullable: true }) source!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) createdBy!: string | null;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'datetime' }) updatedAt!: Date;
}
