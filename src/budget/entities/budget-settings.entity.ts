import type Decimal from 'decimal.js';
import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { decimalColumn } from '../../common/typeorm/decimal.transformer';
import type { EfficiencyRule } from '../domain/efficiency';

/** A region's efficiency rule (no row = the default: difference with a tolerance of 5 points). */
@Entity('budget_settings')
@Index('uq_budget_settings_region', ['regionId'], { unique: true })
export class BudgetSettings {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 36 }) regionId!: string;
  @Column({ type: 'varchar', length: 20 }) efficiencyRule!: EfficiencyRule;
  @Column(decimalColumn({ precision: 6, scale: 2 })) tolerance!: Decimal;
  @VersionColumn() version!: number;
  @UpdateDateColumn({ type: 'datetime' }) updatedAt!: Date;
}
