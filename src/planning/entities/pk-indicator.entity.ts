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
 * An indicator chosen for a PK revision with its agreed annual target and the TW I–IV targets (Rencana Aksi),
 * consistent with the indicator's aggregation. Copied, not shared, when a PK is revised.
 */
@Entity('pk_indicators')
@Index('uq_pk_indicators', ['pkId', 'indicatorId'], { unique: true })
@Index('ix_pk_indicators_indicator', ['indicatorId'])
export class PkIndicator {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 36 }) regionId!: string;
  @Column({ type: 'varchar', length: 36 }) skpdId!: string;
  @Column({ type: 'varchar', length: 36 }) pkId!: string;
  @Column({ type: 'varchar', length: 36 }) indicatorId!: string;
  @Column(decimalColumn()) annualTarget!: Decimal;
  @Column(decimalColumn({ nullable: true })) q1Target!: Decimal | null;
  @Column(decimalColumn({ nullable: true })) q2Target!: Decimal | null;
  @Column(decimalColumn({ nullable: true })) q3Target!: Decimal | null;
  @Column(decimalColumn({ nullable: true })) q4Target!: Decimal | null;
  @Column({ type: 'int', default: 0 }) sortOrder!: number;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'datetime' }) updatedAt!: Date;
}
