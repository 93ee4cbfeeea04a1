import Decimal from 'decimal.js';
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

/** What an SKPD achieved on one PK indicator in one quarter (null value = not reported, never 0). */
@Entity('realisations')
@Index('uq_realisations', ['indicatorId', 'year', 'quarter'], { unique: true })
@Index('ix_realisations_skpd_year', ['regionId', 'skpdId', 'year'])
export class Realisation {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 36 }) regionId!: string;
  @Column({ type: 'varchar', length: 36 }) skpdId!: string;
  @Column({ type: 'varchar', length: 36 }) indicatorId!: string;
  @Column({ type: 'int' }) year!: number;
  @Column({ type: 'int' }) quarter!: number;
  @Column(decimalColumn({ nullable: true })) value!: Decimal | null;
  @Column({ type: 'text', nullable: true }) notes!: string | null;
  /** Kendala. */
  @Column({ type: 'text', nullable: true }) problems!: string | null;
  /** Rencana tindak lanjut. */
  @Column({ type: 'text', nullable: true }) followUpPlan!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) updatedBy!: string | null;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'datetime' }) updatedAt!: Date;
}
