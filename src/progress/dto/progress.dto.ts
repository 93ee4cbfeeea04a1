import { IsOptionalNonNull } from '../../common/validation/is-optional-non-null';
import { MAX_INT } from '../../common/validation/limits';
import { IsYear } from '../../common/validation/is-year';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

export class PeersQueryDto {
  @ApiPropertyOptional({ example: 2025 })
  @IsOptional()
  @IsYear({ query: true })
  year?: number;
}

export class SkpdIndexQueryDto {
  @ApiProperty({ example: 2025 }) @IsYear({ query: true }) year!: number;
  @ApiProperty({ example: 2, minimum: 1, maximum: 4 }) @Type(() => Number) @IsInt() @Min(1) @Max(4) quarter!: number;
}

export class BenchmarkQueryDto {
  /** The peer's published year; defaults to its latest published year. */
  @ApiPropertyOptional({ example: 2025 })
  @IsOptional()
  @IsYear({ query: true })
  year?: number;
  /** The caller's own year to compare; defaults to the peer's year. */
  @ApiPropertyOptional({ example: 2025 })
  @IsOptional()
  @IsYear({ query: true })
  ownYear?: number;
}

export class ProgressWorkbookQueryDto {
  @ApiProperty({ example: 2025 }) @IsYear({ query: true }) year!: number;
  /** Quarter of the SKPD performance index; defaults to 4. */
  @ApiPropertyOptional({ example: 4 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(4) quarter?: number;
  /** A region that published its result for `year`: adds the studi-tiru comparison sheet. */
  @ApiPropertyOptional() @IsOptional() @IsUUID() peerRegionId?: string;
}

/** An official result of a year before this service (Pemda when skpdId is omitted). */
export class HistoricalResultDto {
  @ApiProperty({ example: 2019 }) @IsYear() year!: number;
  @ApiPropertyOptional() @IsOptionalNonNull() @IsUUID() skpdId?: string;
  @ApiProperty({ example: '62.35', type: String, format: 'decimal' })
  @IsString()
  @Matches(/^\d{1,3}(\.\d{1,4})?$/)
  total!: string;
  /** As published; derived from the rule set's bands when omitted. */
  @ApiPropertyOptional({ example: 'B' }) @IsOptionalNonNull() @IsString() @Matches(/^[A-Z]{1,3}$/) predicate?: string;
  @ApiPropertyOptional({ example: 'permenpanrb-12-2015' })
  @IsOptionalNonNull()
  @IsString()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  @MaxLength(60)
  ruleSetCode?: string;
  @ApiPropertyOptional() @IsOptionalNonNull() @IsInt() @Min(1) @Max(MAX_INT) ruleSetVersion?: number;
  @ApiPropertyOptional({ example: 'LHE KemenPAN-RB 2019' })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(200)
  source?: string;
}

/** The region's goal: predicate P by year Y. */
export class RegionTargetDto {
  @ApiProperty({ example: 'A' }) @IsString() @Matches(/^[A-Z]{1,3}$/) predicate!: string;
  @ApiProperty({ example: 2027 }) @IsYear() year!: number;
}

/** Opt in (or out) of publishing the region's yearly result for benchmarking by other regions. */
export class PublicationDto {
  @ApiProperty({ example: 2025 }) @IsYear() year!: number;
  @ApiProperty() @IsBoolean() published!: boolean;
}
