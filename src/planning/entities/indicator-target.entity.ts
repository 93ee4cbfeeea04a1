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

/** The annual target of an indicator in its plan document (RPJMD / Renstra), one row per year. PK targets are separate. */
@Entity('indicator_targets')
@Index('uq_indicator_targets_year', ['indicatorId', 'year'], { unique: true })
@Index('ix_indicator_targets_region', ['regionId', 'year'])
export class IndicatorTarget {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 36 }) regionId!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) skpdId!: string | null;
  @Column({ type: 'varchar', length: 36 }) indicatorId!: string;
  @Column({ type: 'int' }) year!: number;
  @Column(decimalColumn()) target!: Decimal;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'datetime' }) updatedAt!: Date;
}
