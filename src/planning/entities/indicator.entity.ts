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
import type { LowerIsBetterFormula, Polarity, QuarterAggregation } from '../domain/indicator-settings';

/** A performance indicator on a plan node; Pemda-level (IKU Pemda) when skpdId is null. */
@Entity('indicators')
@Index('uq_indicators_code', ['periodId', 'ownerKey', 'code'], { unique: true })
@Index('ix_indicators_region_period', ['regionId', 'periodId'])
@Index('ix_indicators_node', ['nodeId'])
export class Indicator {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 36 }) regionId!: string;
  @Column({ type: 'varchar', length: 36 }) periodId!: string;
  @Column({ type: 'varchar', length: 36 }) nodeId!: string;
  /** Copied from the node: null = Pemda level. */
  @Column({ type: 'varchar', length: 36, nullable: true }) skpdId!: string | null;
  @Column({ type: 'varchar', length: 36 }) ownerKey!: string;
  @Column({ type: 'varchar', length: 60 }) code!: string;
  @Column({ type: 'varchar', length: 500 }) name!: string;
  /** Definisi operasional / formula text. */
  @Column({ type: 'text', nullable: true }) definition!: string | null;
  @Column({ type: 'varchar', length: 60 }) satuan!: string;
  @Column({ type: 'varchar', length: 20 }) polarity!: Polarity;
  /** RANGE only: the acceptable band. */
  @Column(decimalColumn({ nullable: true })) rangeMin!: Decimal | null;
  @Column(decimalColumn({ nullable: true })) rangeMax!: Decimal | null;
  @Column({ type: 'varchar', length: 20 }) aggregation!: QuarterAggregation;
  /** Realisations may be negative (a growth rate, a correction in a summed series); otherwise entry refuses them. */
  @Column({ type: 'boolean', default: false }) allowsNegative!: boolean;
  /** LOWER_IS_BETTER only: overrides the region's formula; null = the region's. */
  @Column({ type: 'varchar', length: 20, nullable: true }) lowerIsBetterFormula!: LowerIsBetterFormula | null;
  @Column(decimalColumn({ nullable: true })) baselineValue!: Decimal | null;
  @Column({ type: 'int', nullable: true }) baselineYear!: number | null;
  /** Target for the last year of the period (kondisi akhir). */
  @Column(decimalColumn({ nullable: true })) endTarget!: Decimal | null;
  @Column({ type: 'varchar', length: 300, nullable: true }) dataSource!: string | null;
  @Column({ type: 'boolean', default: false }) isIku!: boolean;
  /** Display only (0–4). */
  @Column({ type: 'int', default: 2 }) decimals!: number;
  /** False once deactivated: history kept, but no new PK rows or realisations, left out of the analyses. */
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'datetime' }) updatedAt!: Date;
}
