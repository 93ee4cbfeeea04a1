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
 * One SKPD's part of a Pemda indicator's target in a year (keroyokan): either a share of the Pemda target in
 * percent or its own sub-target, exactly one of them.
 */
@Entity('crosscut_contributions')
@Index('uq_crosscut_skpd', ['indicatorId', 'year', 'skpdId'], { unique: true })
@Index('ix_crosscut_skpd_year', ['skpdId', 'year'])
export class CrosscutContribution {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 36 }) regionId!: string;
  @Column({ type: 'varchar', length: 36 }) indicatorId!: string;
  @Column({ type: 'int' }) year!: number;
  @Column({ type: 'varchar', length: 36 }) skpdId!: string;
  @Column(decimalColumn({ nullable: true, precision: 9, scale: 4 })) sharePercent!: Decimal | null;
  @Column(decimalColumn({ nullable: true })) subTarget!: Decimal | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) note!: string | null;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'datetime' }) updatedAt!: Date;
}
