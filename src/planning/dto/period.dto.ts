import { MAX_INT } from '../../common/validation/limits';
import { IsOptionalNonNull } from '../../common/validation/is-optional-non-null';
import { IsYear } from '../../common/validation/is-year';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { PlanningPeriod } from '../entities/planning-period.entity';

export class CreatePeriodDto {
  @ApiProperty({ example: 'RPJMD 2021–2026' }) @IsString() @MinLength(3) @MaxLength(150) name!: string;
  @ApiProperty({ example: 2021 }) @IsYear() startYear!: number;
  @ApiProperty({ example: 2026 }) @IsYear() endYear!: number;
  /** Perda / Perkada number and date. */
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(300) legalBasis?: string | null;
}

export class UpdatePeriodDto {
  @ApiProperty() @IsInt() @Min(1) @Max(MAX_INT) version!: number;
  @ApiPropertyOptional() @IsOptionalNonNull() @IsString() @MinLength(3) @MaxLength(150) name?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(300) legalBasis?: string | null;
}

export class PeriodResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() regionId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() startYear!: number;
  @ApiProperty() endYear!: number;
  /** The fiscal years of the period, startYear..endYear. */
  @ApiProperty({ type: [Number] }) years!: number[];
  @ApiProperty({ nullable: true, type: String }) legalBasis!: string | null;
  @ApiProperty() version!: number;
}

export const toPeriodResponse = (p: PlanningPeriod): PeriodResponseDto => ({
  id: p.id,
  regionId: p.regionId,
  name: p.name,
  startYear: p.startYear,
  endYear: p.endYear,
  years: Array.from({ length: p.endYear - p.startYear + 1 }, (_, i) => p.startYear + i),
  legalBasis: p.legalBasis,
  version: p.version,
});
