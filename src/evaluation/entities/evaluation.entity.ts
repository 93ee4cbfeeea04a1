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

export const EVALUATION_KINDS = ['SKPD', 'PEMDA'] as const;
export type EvaluationKind = (typeof EVALUATION_KINDS)[number];

/** Workflow states, in order (domain reference §8.2, reduced to the stages this service runs). */
export const EVALUATION_STATUSES = ['SELF_ASSESSMENT', 'EVALUATION', 'QA_REVIEW', 'FINAL'] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];

/** `subjectKey` of a Pemda-wide evaluation (skpdId is null); SKPD evaluations use the SKPD id. */
export const PEMDA_SUBJECT = 'PEMDA';

const total = () => decimalColumn({ nullable: true, precision: 9, scale: 4 });
const exact = { type: 'varchar' as const, length: 80, nullable: true };
const predicate = { type: 'varchar' as const, length: 3, nullable: true };

/**
 * One LKE evaluation of an SKPD (or of the Pemda itself) for a year, in one revision. It carries a snapshot of the
 * rule set it was opened with (stored once per distinct rule set), so later template edits never change it. Reopening a FINAL evaluation creates the
 * next revision; the old row stays readable with `supersededAt` set.
 */
@Entity('evaluations')
@Index('uq_evaluations_subject_year_rev', ['regionId', 'subjectKey', 'year', 'revision'], { unique: true })
@Index('ix_evaluations_region_year', ['regionId', 'year'])
@Index('ix_evaluations_skpd', ['skpdId'])
@Index('ix_evaluations_rule_set_snapshot', ['ruleSetSnapshotId'])
export class Evaluation {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 36 }) regionId!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) skpdId!: string | null;
  /** skpdId, or PEMDA_SUBJECT: a non-null key so the unique index also covers the Pemda evaluation. */
  @Column({ type: 'varchar', length: 36 }) subjectKey!: string;
  @Column({ type: 'int' }) year!: number;
  @Column({ type: 'varchar', length: 10 }) kind!: EvaluationKind;
  @Column({ type: 'varchar', length: 60 }) ruleSetCode!: string;
  @Column({ type: 'int' }) ruleSetVersion!: number;
  /** The rule set frozen when the evaluation was opened: a row of lke_rule_set_snapshots (see snapshotOf). */
  @Column({ type: 'varchar', length: 36 }) ruleSetSnapshotId!: string;
  @Column({ type: 'varchar', length: 20 }) status!: EvaluationStatus;
  @Column({ type: 'int' }) revision!: number;
  @Column({ type: 'varchar', length: 36, nullable: true }) previousId!: string | null;
  @Column({ type: 'datetime', nullable: true }) supersededAt!: Date | null;
  @Column({ type: 'varchar', length: 1000, nullable: true }) reopenReason!: string | null;
  @Column({ type: 'datetime', nullable: true }) selfDeadline!: Date | null;
  @Column({ type: 'datetime', nullable: true }) evaluationDeadline!: Date | null;
  @Column({ type: 'datetime', nullable: true }) qaDeadline!: Date | null;
  @Column(total()) selfTotal!: Decimal | null;
  @Column(exact) selfTotalExact!: string | null;
  @Column(predicate) selfPredicate!: string | null;
  @Column(total()) evaluatorTotal!: Decimal | null;
  @Column(exact) evaluatorTotalExact!: string | null;
  @Column(predicate) evaluatorPredicate!: string | null;
  @Column(total()) qaTotal!: Decimal | null;
  @Column(exact) qaTotalExact!: string | null;
  @Column(predicate) qaPredicate!: string | null;
  @Column(total()) finalTotal!: Decimal | null;
  @Column(exact) finalTotalExact!: string | null;
  @Column(predicate) finalPredicate!: string | null;
  /** Pemda only: the official KemenPAN-RB result, from component scores. */
  @Column(total()) officialTotal!: Decimal | null;
  @Column(exact) officialTotalExact!: string | null;
  @Column(predicate) officialPredicate!: string | null;
  @Column({ type: 'datetime', nullable: true }) finalizedAt!: Date | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) finalizedBy!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) createdBy!: string | null;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'datetime' }) updatedAt!: Date;
}
