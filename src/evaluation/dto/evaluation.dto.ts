import { MAX_INT } from '../../common/validation/limits';
import { IsOptionalNonNull } from '../../common/validation/is-optional-non-null';
import { IsYear } from '../../common/validation/is-year';
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination';
import { EvaluationResponseDto } from './evaluation-response.dto';
import {
  EVALUATION_KINDS,
  EVALUATION_STATUSES,
  type EvaluationKind,
  type EvaluationStatus,
} from '../entities/evaluation.entity';

export const DEFAULT_RULE_SET = 'permenpanrb-88-2021';

export class OpenEvaluationDto {
  /** The SKPD evaluated; omit and send `pemda: true` for the evaluation of the Pemda itself. */
  @ApiPropertyOptional() @IsOptionalNonNull() @IsUUID() skpdId?: string;
  @ApiPropertyOptional() @IsOptionalNonNull() @IsBoolean() pemda?: boolean;
  @ApiProperty({ example: 2025 }) @IsYear() year!: number;
  @ApiPropertyOptional({ default: DEFAULT_RULE_SET })
  @IsOptionalNonNull()
  @IsString()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  @MaxLength(60)
  ruleSetCode?: string;
  /** Defaults to the latest version of the code. */
  @ApiPropertyOptional() @IsOptionalNonNull() @IsInt() @Min(1) @Max(MAX_INT) ruleSetVersion?: number;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptionalNonNull() @IsISO8601() selfDeadline?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptionalNonNull() @IsISO8601() evaluationDeadline?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptionalNonNull() @IsISO8601() qaDeadline?: string;
}

/**
 * Opens the year's LKE of every active SKPD without one, and of the Pemda, in one action with one stage schedule
 * (deadlines of self-assessment, evaluation and QA, in the region's zone).
 */
export class OpenYearDto extends OmitType(OpenEvaluationDto, ['skpdId', 'pemda'] as const) {}

export class OpenYearResponseDto {
  @ApiProperty() year!: number;
  /** The evaluations opened now, the Pemda first, then the SKPD by code. */
  @ApiProperty({ type: [EvaluationResponseDto] }) opened!: EvaluationResponseDto[];
  /** Subjects that already had an evaluation for the year (left as they were). */
  @ApiProperty() alreadyOpen!: number;
}

/** Stage windows (admin override, audited); null clears a deadline. */
export class UpdateScheduleDto {
  @ApiProperty() @IsInt() @Min(1) @Max(MAX_INT) version!: number;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) @IsOptional() @IsISO8601() selfDeadline?: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) @IsOptional() @IsISO8601() evaluationDeadline?:
    string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) @IsOptional() @IsISO8601() qaDeadline?: string | null;
}

/**
 * Sort keys of the evaluation list; the default is the SKPD code (the Pemda's own evaluation first). `total` is the
 * final total, else the evaluator's provisional one (as the console shows it); `name` is the SKPD name.
 */
export const EVALUATION_SORTS = [
  'skpdCode',
  'name',
  'total',
  'year',
  'kind',
  'status',
  'finalTotal',
  'createdAt',
  'revision',
] as const;

export class EvaluationQueryDto extends PageQueryDto {
  /** One of EVALUATION_SORTS, `-` first for descending (e.g. `-total`); default `skpdCode`. */
  @ApiPropertyOptional({ enum: EVALUATION_SORTS.flatMap((s) => [s, `-${s}`]), default: 'skpdCode' })
  @IsOptional()
  @IsIn(EVALUATION_SORTS.flatMap((s) => [s, `-${s}`]))
  override sort?: string = undefined;
  @ApiPropertyOptional() @IsOptional() @IsYear({ query: true }) year?: number;
  @ApiPropertyOptional({ enum: EVALUATION_KINDS }) @IsOptional() @IsIn(EVALUATION_KINDS) kind?: EvaluationKind;
  @ApiPropertyOptional({ enum: EVALUATION_STATUSES })
  @IsOptional()
  @IsIn(EVALUATION_STATUSES)
  status?: EvaluationStatus;
  /** Also list revisions that a reopen superseded. */
  @ApiPropertyOptional() @IsOptional() @IsIn(['true', 'false']) includeSuperseded?: 'true' | 'false';
}

export class AnswerItemDto {
  @ApiProperty({ example: '1.a.1' })
  @IsString()
  @Matches(/^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/)
  @MaxLength(40)
  criterionId!: string;
  /** Answer code on the criterion's scale (e.g. "BB"); null clears it; omitted leaves it unchanged. */
  @ApiPropertyOptional({ nullable: true, example: 'BB' }) @IsOptional() @IsString() @MaxLength(3) answer?:
    string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(4000) note?: string | null;
  /** Self-assessment only: evidence (bukti dukung) of the SKPD to link to this answer (replaces the links). */
  @ApiPropertyOptional({ type: [String] })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  evidenceIds?: string[];
}

export class SaveAnswersDto {
  /** The evaluation's `version` as read: a write on a changed evaluation (any answer or stage move since) is 409 STALE_VERSION. */
  @ApiProperty() @IsInt() @Min(1) @Max(MAX_INT) version!: number;
  @ApiProperty({ type: [AnswerItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => AnswerItemDto)
  answers!: AnswerItemDto[];
}

export class VersionDto {
  @ApiProperty() @IsInt() @Min(1) @Max(MAX_INT) version!: number;
}

export class ReopenDto {
  @ApiProperty() @IsInt() @Min(1) @Max(MAX_INT) version!: number;
  @ApiProperty({ example: 'Keberatan SKPD atas nilai komponen 2 diterima' })
  @IsString()
  @MinLength(10)
  @MaxLength(1000)
  reason!: string;
}

export class OfficialComponentScoreDto {
  @ApiProperty({ example: '1' }) @IsString() @MaxLength(40) componentId!: string;
  @ApiProperty({ example: '24.15', type: String, format: 'decimal' })
  @IsString()
  @Matches(/^\d{1,3}(\.\d{1,4})?$/)
  score!: string;
}

/** The official KemenPAN-RB result of a Pemda evaluation, component by component. */
export class OfficialResultDto {
  @ApiProperty() @IsInt() @Min(1) @Max(MAX_INT) version!: number;
  @ApiProperty({ type: [OfficialComponentScoreDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => OfficialComponentScoreDto)
  components!: OfficialComponentScoreDto[];
}

export class RuleSetQueryDto {
  @ApiProperty({ example: DEFAULT_RULE_SET })
  @IsString()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  @MaxLength(60)
  code!: string;
  /** Defaults to the latest version. */
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_INT) version?: number;
}
