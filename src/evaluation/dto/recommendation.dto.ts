import { MAX_INT } from '../../common/validation/limits';
import { IsOptionalNonNull } from '../../common/validation/is-optional-non-null';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  RECOMMENDATION_STATUSES,
  type EvaluationRecommendation,
  type RecommendationStatus,
} from '../entities/evaluation-recommendation.entity';

const REF = /^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/;

export class CreateRecommendationDto {
  @ApiProperty({ example: 'Agar menyusun rencana aksi triwulanan untuk setiap sasaran strategis.' })
  @IsString()
  @MinLength(5)
  @MaxLength(4000)
  text!: string;
  /** Criterion, sub-component or component id of the evaluation's rule set. */
  @ApiPropertyOptional({ example: '1.c.4', nullable: true })
  @IsOptional()
  @IsString()
  @Matches(REF)
  @MaxLength(40)
  refId?: string | null;
  /** When the follow-up is due: a date alone is the end of that day in the region's zone; null = none. */
  @ApiPropertyOptional({ nullable: true, example: '2026-06-30' })
  @IsOptional()
  @IsDateString()
  dueDate?: string | null;
}

export class UpdateRecommendationDto {
  @ApiProperty() @IsInt() @Min(1) @Max(MAX_INT) version!: number;
  @ApiPropertyOptional() @IsOptionalNonNull() @IsString() @MinLength(5) @MaxLength(4000) text?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @Matches(REF) @MaxLength(40) refId?: string | null;
  @ApiPropertyOptional({ enum: RECOMMENDATION_STATUSES })
  @IsOptionalNonNull()
  @IsIn(RECOMMENDATION_STATUSES)
  status?: RecommendationStatus;
  /** When the follow-up is due: a date alone is the end of that day in the region's zone; null = none. */
  @ApiPropertyOptional({ nullable: true, example: '2026-06-30' })
  @IsOptional()
  @IsDateString()
  dueDate?: string | null;
}

/** Tindak lanjut: the SKPD reports what it did (OPEN / IN_PROGRESS); only an evaluator marks a recommendation DONE. */
export class FollowUpDto {
  @ApiProperty() @IsInt() @Min(1) @Max(MAX_INT) version!: number;
  @ApiProperty({ example: 'Rencana aksi triwulanan telah ditetapkan dengan SK Kepala Dinas.' })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  followUp!: string;
  @ApiPropertyOptional({ enum: RECOMMENDATION_STATUSES })
  @IsOptionalNonNull()
  @IsIn(RECOMMENDATION_STATUSES)
  status?: RecommendationStatus;
}

export class RecommendationResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() evaluationId!: string;
  @ApiProperty({ nullable: true }) skpdId!: string | null;
  @ApiProperty({ nullable: true }) refId!: string | null;
  @ApiProperty() text!: string;
  @ApiProperty({ nullable: true }) followUp!: string | null;
  @ApiProperty({ enum: RECOMMENDATION_STATUSES }) status!: RecommendationStatus;
  @ApiProperty({ nullable: true }) carriedFromId!: string | null;
  /** When the follow-up is due (an instant; shown in the region's zone). */
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) dueAt!: string | null;
  @ApiProperty() version!: number;
}

export const toRecommendationResponse = (r: EvaluationRecommendation): RecommendationResponseDto => ({
  id: r.id,
  evaluationId: r.evaluationId,
  skpdId: r.skpdId,
  refId: r.refId,
  text: r.text,
  followUp: r.followUp,
  status: r.status,
  carriedFromId: r.carriedFromId,
  dueAt: r.dueAt?.toISOString() ?? null,
  version: r.version,
});
