import type Decimal from 'decimal.js';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { decimalColumn } from '../../common/typeorm/decimal.transformer';

export const SCORE_LEVELS = ['TOTAL', 'COMPONENT', 'SUB_COMPONENT'] as const;
export type ScoreLevel = (typeof SCORE_LEVELS)[number];

/** `partId` of a stage's TOTAL row. */
export const TOTAL_PART = 'TOTAL';

/**
 * The engine's result for one stage (self, evaluator, qa, final) of an evaluation, stored in the transaction that
 * saved its answers: one TOTAL row (status, total, predicate), one row per component and per sub-component.
 * `scoreExact` is the exact score as a reduced fraction ("1333993/18480"): the rule sets' denominators (mean over
 * 2…11 criteria times one-decimal weights) repeat in decimal, so no DECIMAL scale holds them exactly; `score` is
 * the same value rounded half-up to 4 places, for SQL sorting only.
 */
@Entity('evaluation_stage_scores')
@Index('uq_evaluation_stage_scores_part', ['evaluationId', 'stage', 'level', 'partId'], { unique: true })
@Index('ix_evaluation_stage_scores_region', ['regionId'])
export class EvaluationStageScore {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 36 }) regionId!: string;
  @Column({ type: 'varchar', length: 36 }) evaluationId!: string;
  @Column({ type: 'varchar', length: 10 }) stage!: string;
  @Column({ type: 'varchar', length: 14 }) level!: ScoreLevel;
  /** Component or sub-component id; TOTAL_PART for the stage total. */
  @Column({ type: 'varchar', length: 40 }) partId!: string;
  /** The sub-component's component; null on other levels. */
  @Column({ type: 'varchar', length: 40, nullable: true }) componentId!: string | null;
  /** COMPLETE once every answer the part needs is given. */
  @Column({ type: 'varchar', length: 10 }) status!: string;
  @Column({ type: 'int' }) answersGiven!: number;
  @Column({ type: 'int' }) answersExpected!: number;
  /** Sub-components: v̄ in percent as a reduced fraction. */
  @Column({ type: 'varchar', length: 80, nullable: true }) valueExact!: string | null;
  @Column({ type: 'varchar', length: 80, nullable: true }) scoreExact!: string | null;
  @Column(decimalColumn({ nullable: true, precision: 9, scale: 4 })) score!: Decimal | null;
  /** TOTAL rows only. */
  @Column({ type: 'varchar', length: 3, nullable: true }) predicate!: string | null;
}
