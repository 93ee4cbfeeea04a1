import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

/**
 * The answers to one criterion (or one sub-component in SUBCOMPONENT_GRADE mode) of an evaluation, stage by stage,
 * side by side. `finalAnswer` is set at finalisation: the QA answer if given, else the evaluator's.
 */
@Entity('evaluation_answers')
@Index('uq_evaluation_answers_criterion', ['evaluationId', 'criterionId'], { unique: true })
@Index('ix_evaluation_answers_region', ['regionId'])
export class EvaluationAnswer {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 36 }) regionId!: string;
  @Column({ type: 'varchar', length: 36 }) evaluationId!: string;
  @Column({ type: 'varchar', length: 40 }) criterionId!: string;
  @Column({ type: 'varchar', length: 3, nullable: true }) selfAnswer!: string | null;
  @Column({ type: 'text', nullable: true }) selfNote!: string | null;
  @Column({ type: 'varchar', length: 3, nullable: true }) evaluatorAnswer!: string | null;
  @Column({ type: 'text', nullable: true }) evaluatorNote!: string | null;
  @Column({ type: 'varchar', length: 3, nullable: true }) qaAnswer!: string | null;
  @Column({ type: 'text', nullable: true }) qaNote!: string | null;
  @Column({ type: 'varchar', length: 3, nullable: true }) finalAnswer!: string | null;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'datetime' }) updatedAt!: Date;
}
