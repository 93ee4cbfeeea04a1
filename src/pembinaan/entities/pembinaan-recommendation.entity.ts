import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { RecommendationStatus } from '../../evaluation/entities/evaluation-recommendation.entity';

/** A recommendation of a pembinaan, due by a date, and the kabupaten/kota's follow-up (tindak lanjut) of it. */
@Entity('pembinaan_recommendations')
@Index('ix_pembinaan_recs_visit', ['visitId'])
@Index('ix_pembinaan_recs_region', ['regionId'])
export class PembinaanRecommendation {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 36 }) visitId!: string;
  /** The kabupaten/kota that follows it up (the visit's region). */
  @Column({ type: 'varchar', length: 36 }) regionId!: string;
  /** 1-based position within the visit. */
  @Column({ type: 'int' }) ordinal!: number;
  @Column({ type: 'text' }) text!: string;
  /** Due date of the follow-up, YYYY-MM-DD. */
  @Column({ type: 'varchar', length: 10 }) dueDate!: string;
  @Column({ type: 'text', nullable: true }) followUp!: string | null;
  @Column({ type: 'varchar', length: 20 }) status!: RecommendationStatus;
  @Column({ type: 'varchar', length: 36, nullable: true }) followedUpBy!: string | null;
  @Column({ type: 'datetime', nullable: true }) followedUpAt!: Date | null;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'datetime' }) updatedAt!: Date;
}
