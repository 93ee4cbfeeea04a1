import { IsOptionalNonNull } from '../../common/validation/is-optional-non-null';
import { IsYear } from '../../common/validation/is-year';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { DECIMAL_MESSAGE, DECIMAL_PATTERN } from '../planning-access';

export class CrosscutContributionDto {
  @ApiProperty() @IsUUID() skpdId!: string;
  /** Share of the Pemda target in percent (0–100). Give this or subTarget, not both. */
  @ApiPropertyOptional({ type: String, format: 'decimal', example: '40' })
  @IsOptionalNonNull()
  @Matches(DECIMAL_PATTERN, { message: DECIMAL_MESSAGE })
  sharePercent?: string;
  /** The SKPD's own sub-target in the indicator's unit. */
  @ApiPropertyOptional({ type: String, format: 'decimal', example: '1200' })
  @IsOptionalNonNull()
  @Matches(DECIMAL_PATTERN, { message: DECIMAL_MESSAGE })
  subTarget?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) note?: string | null;
}

/** Replaces the contributions to a Pemda indicator's target in one year. */
export class PutCrosscutDto {
  @ApiProperty() @IsYear() year!: number;
  @ApiProperty({ type: [CrosscutContributionDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CrosscutContributionDto)
  contributions!: CrosscutContributionDto[];
}

export class CrosscutYearQueryDto {
  /** One year; omitted = every year of the indicator's period. */
  @ApiPropertyOptional() @IsOptional() @IsYear({ query: true }) year?: number;
}

export class CrosscutListQueryDto {
  @ApiProperty() @IsYear({ query: true }) year!: number;
  /** Contributions of one SKPD (planners: always their own). */
  @ApiPropertyOptional() @IsOptional() @IsUUID() skpdId?: string;
}

export class CrosscutContributionResponseDto {
  @ApiProperty() skpdId!: string;
  @ApiProperty() skpdName!: string;
  @ApiProperty({ nullable: true, type: String, format: 'decimal' }) sharePercent!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'decimal' }) subTarget!: string | null;
  /** The sub-target, or share × Pemda target / 100; null when a share has no Pemda target to apply to. */
  @ApiProperty({ nullable: true, type: String, format: 'decimal' }) effectiveTarget!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
}

export const CROSSCUT_STATUSES = ['NO_CONTRIBUTIONS', 'NO_PEMDA_TARGET', 'BALANCED', 'UNDER', 'OVER'] as const;
export type CrosscutStatus = (typeof CROSSCUT_STATUSES)[number];

/** The Pemda view: the shared target and what the contributing SKPD carry. */
export class CrosscutRollupDto {
  @ApiProperty() indicatorId!: string;
  @ApiProperty() indicatorCode!: string;
  @ApiProperty() indicatorName!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ nullable: true, type: String, format: 'decimal' }) pemdaTarget!: string | null;
  @ApiProperty({ type: [CrosscutContributionResponseDto] }) contributions!: CrosscutContributionResponseDto[];
  /** Σ sharePercent of share-based contributions. */
  @ApiProperty({ type: String, format: 'decimal' }) totalSharePercent!: string;
  /** Σ effective targets; null when one cannot be computed. */
  @ApiProperty({ nullable: true, type: String, format: 'decimal' }) rolledUpTarget!: string | null;
  /** rolledUpTarget against pemdaTarget (exact comparison). */
  @ApiProperty({ enum: CROSSCUT_STATUSES }) status!: CrosscutStatus;
}

export class CrosscutAssignmentDto {
  @ApiProperty() indicatorId!: string;
  @ApiProperty() indicatorCode!: string;
  @ApiProperty() indicatorName!: string;
  @ApiProperty() year!: number;
  @ApiProperty() skpdId!: string;
  @ApiProperty({ nullable: true, type: String, format: 'decimal' }) sharePercent!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'decimal' }) subTarget!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
}
