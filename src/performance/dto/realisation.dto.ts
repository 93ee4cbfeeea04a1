import { MAX_INT } from '../../common/validation/limits';
import { IsOptionalNonNull } from '../../common/validation/is-optional-non-null';
import { IsYear } from '../../common/validation/is-year';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DECIMAL_MESSAGE, DECIMAL_PATTERN } from '../../planning/planning-access';
import { ZERO_TARGET_CONVENTIONS, type ZeroTargetConvention } from '../domain/capaian';

const present = (_: unknown, v: unknown) => v !== null && v !== undefined;

/** Sets the entry deadline of one quarter for the caller's region. */
export class PutWindowDto {
  @ApiProperty({ example: 2025 }) @IsYear() year!: number;
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(4) quarter!: number;
  @ApiProperty({ example: '2025-04-15T16:59:59Z' }) @IsDateString() deadline!: string;
}

/** Reopens a closed quarter for one SKPD until a moment, with a reason (audited). */
export class ReopenWindowDto {
  @ApiProperty() @IsUUID() skpdId!: string;
  @ApiProperty({ example: 2025 }) @IsYear() year!: number;
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(4) quarter!: number;
  @ApiProperty() @IsString() @MinLength(5) @MaxLength(1000) reason!: string;
  @ApiProperty({ example: '2025-04-30T16:59:59Z' }) @IsDateString() until!: string;
}

export class RealisationQueryDto {
  @ApiProperty() @IsUUID() skpdId!: string;
  @ApiProperty() @IsYear({ query: true }) year!: number;
}

export class CapaianQueryDto extends RealisationQueryDto {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(4) quarter?: number;
}

/** The year (and optionally the quarter, capaian to date) of a region-wide view. */
export class PemdaCapaianQueryDto {
  @ApiProperty() @IsYear({ query: true }) year!: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(4) quarter?: number;
}

export class WindowListQueryDto {
  @ApiProperty() @IsYear({ query: true }) year!: number;
}

/** Realisation settings of the caller's region. */
export class PutPerformanceSettingsDto {
  /** Refuse (422 DATA_QUALITY, nothing written) a realisation write that introduces a data-quality warning. */
  @ApiProperty() @IsBoolean() blockOnDataQuality!: boolean;
  /**
   * What a lower-is-better indicator with target 0 scores: `NOT_COMPUTABLE` (default, reason ZERO_TARGET) or
   * `ZERO_CASES` (realisation 0 → 100, above 0 → 0). Omit to keep the current choice.
   */
  @ApiPropertyOptional({ enum: ZERO_TARGET_CONVENTIONS })
  @IsOptionalNonNull()
  @IsIn(ZERO_TARGET_CONVENTIONS)
  lowerIsBetterZeroTarget?: ZeroTargetConvention;
  /** The version read with GET (0 while the region still has the defaults). */
  @ApiProperty({ example: 0 }) @IsInt() @Min(0) @Max(MAX_INT) version!: number;
}

export class RealisationItemDto {
  @ApiProperty() @IsUUID() indicatorId!: string;
  /** null = not reported (a reported 0 is "0"). */
  @ApiPropertyOptional({ type: String, format: 'decimal', nullable: true })
  @ValidateIf(present)
  @IsString()
  @Matches(DECIMAL_PATTERN, { message: DECIMAL_MESSAGE })
  value?: string | null;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf(present) @IsString() @MaxLength(5000) notes?: string | null;
  /** Kendala. */
  @ApiPropertyOptional({ nullable: true }) @ValidateIf(present) @IsString() @MaxLength(5000) problems?: string | null;
  /** Rencana tindak lanjut. */
  @ApiPropertyOptional({ nullable: true }) @ValidateIf(present) @IsString() @MaxLength(5000) followUpPlan?:
    string | null;
  /** Required to change an existing quarter: the version you read (409 STALE_VERSION otherwise); omit for a new one. */
  @ApiPropertyOptional() @IsOptionalNonNull() @IsInt() @Min(1) @Max(MAX_INT) version?: number;
  /** Evidence items to link (added to existing links). */
  @ApiPropertyOptional({ type: [String] })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  evidenceIds?: string[];
}

export class PutRealisationsDto {
  @ApiProperty() @IsUUID() skpdId!: string;
  @ApiProperty({ example: 2025 }) @IsYear() year!: number;
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(4) quarter!: number;
  @ApiProperty({ type: [RealisationItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RealisationItemDto)
  items!: RealisationItemDto[];
}
