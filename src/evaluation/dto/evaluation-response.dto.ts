import { ApiProperty } from '@nestjs/swagger';
import { Fraction } from '../domain/fraction';
import {
  EVALUATION_KINDS,
  EVALUATION_STATUSES,
  type Evaluation,
  type EvaluationKind,
  type EvaluationStatus,
} from '../entities/evaluation.entity';

/** A stage's stored result: total (4 dp string), exact fraction, 2-dp display and predicate; nulls while incomplete. */
export class StageTotalDto {
  @ApiProperty({ nullable: true, type: String, format: 'decimal', example: '72.1858' }) total!: string | null;
  @ApiProperty({ nullable: true, example: '1333993/18480' }) totalExact!: string | null;
  @ApiProperty({ nullable: true, example: '72.19' }) totalDisplay!: string | null;
  @ApiProperty({ nullable: true, example: 'BB' }) predicate!: string | null;
}

export class EvaluationResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() regionId!: string;
  @ApiProperty({ nullable: true }) skpdId!: string | null;
  @ApiProperty({ nullable: true }) skpdName!: string | null;
  @ApiProperty() year!: number;
  @ApiProperty({ enum: EVALUATION_KINDS }) kind!: EvaluationKind;
  @ApiProperty() ruleSetCode!: string;
  @ApiProperty() ruleSetVersion!: number;
  @ApiProperty({ enum: EVALUATION_STATUSES }) status!: EvaluationStatus;
  @ApiProperty() revision!: number;
  @ApiProperty({ nullable: true }) previousId!: string | null;
  @ApiProperty({ nullable: true }) supersededAt!: string | null;
  @ApiProperty({ nullable: true }) reopenReason!: string | null;
  @ApiProperty({ nullable: true }) selfDeadline!: string | null;
  @ApiProperty({ nullable: true }) evaluationDeadline!: string | null;
  @ApiProperty({ nullable: true }) qaDeadline!: string | null;
  @ApiProperty({ type: StageTotalDto }) self!: StageTotalDto;
  @ApiProperty({ type: StageTotalDto }) evaluator!: StageTotalDto;
  @ApiProperty({ type: StageTotalDto }) qa!: StageTotalDto;
  @ApiProperty({ type: StageTotalDto }) final!: StageTotalDto;
  /** Pemda evaluations: the official KemenPAN-RB result, if recorded. */
  @ApiProperty({ type: StageTotalDto }) official!: StageTotalDto;
  @ApiProperty({ nullable: true }) finalizedAt!: string | null;
  @ApiProperty() version!: number;
}

type StagePrefix = 'self' | 'evaluator' | 'qa' | 'final' | 'official';

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

function stageTotal(e: Evaluation, p: StagePrefix): StageTotalDto {
  const total = e[`${p}Total`];
  const exact = e[`${p}TotalExact`];
  return {
    total: total ? total.toFixed(4) : null,
    totalExact: exact,
    // From the exact fraction: rounding the 4-dp column again could round twice (72.12499… → 72.1250 → 72.13).
    totalDisplay: exact ? Fraction.parseRatio(exact).toFixedHalfUp(2) : total ? total.toFixed(2) : null,
    predicate: e[`${p}Predicate`],
  };
}

export const toEvaluationResponse = (e: Evaluation, skpdName: string | null = null): EvaluationResponseDto => ({
  id: e.id,
  regionId: e.regionId,
  skpdId: e.skpdId,
  skpdName,
  year: e.year,
  kind: e.kind,
  ruleSetCode: e.ruleSetCode,
  ruleSetVersion: e.ruleSetVersion,
  status: e.status,
  revision: e.revision,
  previousId: e.previousId,
  supersededAt: iso(e.supersededAt),
  reopenReason: e.reopenReason,
  selfDeadline: iso(e.selfDeadline),
  evaluationDeadline: iso(e.evaluationDeadline),
  qaDeadline: iso(e.qaDeadline),
  self: stageTotal(e, 'self'),
  evaluator: stageTotal(e, 'evaluator'),
  qa: stageTotal(e, 'qa'),
  final: stageTotal(e, 'final'),
  official: stageTotal(e, 'official'),
  finalizedAt: iso(e.finalizedAt),
  version: e.version,
});
