import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { ZeroTargetConvention } from '../domain/capaian';

/** Per-region settings of realisation entry; no row = the defaults (data-quality warnings never block). */
@Entity('performance_settings')
@Index('uq_performance_settings_region', ['regionId'], { unique: true })
export class PerformanceSettings {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 36 }) regionId!: string;
  /** When true, a realisation write that introduces a data-quality warning is refused (422) and nothing is written. */
  @Column({ type: 'boolean', default: false }) blockOnDataQuality!: boolean;
  /** What a lower-is-better indicator with target 0 scores (`ZeroTargetConvention`). */
  @Column({ type: 'varchar', length: 20, default: 'NOT_COMPUTABLE' }) lowerIsBetterZeroTarget!: ZeroTargetConvention;
  @Column({ type: 'varchar', length: 36, nullable: true }) updatedBy!: string | null;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'datetime' }) updatedAt!: Date;
}
