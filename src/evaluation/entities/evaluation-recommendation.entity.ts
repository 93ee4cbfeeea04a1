import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

export const RECOMMENDATION_STATUSES = ['OPEN', 'IN_PROGRESS', 'DONE'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

/**
 * A recommendation (rekomendasi) of an evaluation and its follow-up (tindak lanjut). Unfinished ones are copied into
 * the next year's evaluation of the same SKPD (and into a reopened revision), linked by `carriedFromId`.
 */
@Entity('evaluation_recommendations')
@Index('ix_evaluation_recs_evaluation', ['evaluationId'])
@Index('ix_evaluation_recs_region', ['regionId'])
export class EvaluationRecommendation {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 36 }) regionId!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) skpdId!: string | null;
  @Column({ type: 'varchar', length: 36 }) evaluationId!: string;
  /** Criterion, sub-component or component id of the evaluation's rule set; null = the evaluation as a whole. */
  @Column({ type: 'varchar', length: 40, nullable: true }) refId!: string | null;
  @Column({ type: 'text' }) text!: string;
  @Column({ type: 'text', nullable: true }) followUp!: string | null;
  @Column({ type: 'varchar', length: 20 }) status!: RecommendationStatus;
  /** When the follow-up is due (the end of a local day unless a time was given); planners are reminded before it. */
  @Column({ type: 'datetime', nullable: true }) dueAt!: Date | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) carriedFromId!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) createdBy!: string | null;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'datetime' }) updatedAt!: Date;
}
