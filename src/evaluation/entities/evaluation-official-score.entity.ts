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

/** A Pemda evaluation's official KemenPAN-RB score of one component, as published. */
@Entity('evaluation_official_scores')
@Index('uq_evaluation_official_component', ['evaluationId', 'componentId'], { unique: true })
@Index('ix_evaluation_official_region', ['regionId'])
export class EvaluationOfficialScore {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 36 }) regionId!: string;
  @Column({ type: 'varchar', length: 36 }) evaluationId!: string;
  @Column({ type: 'varchar', length: 40 }) componentId!: string;
  @Column(decimalColumn({ precision: 9, scale: 4 })) score!: Decimal;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'datetime' }) updatedAt!: Date;
}
