import { IsYear } from '../../common/validation/is-year';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class RegionRecapQueryDto {
  @ApiProperty({ example: 2025 }) @IsYear({ query: true }) year!: number;
}

/** One SKPD's report for a year (planners: only their own SKPD; another is a 404). */
export class SkpdReportQueryDto {
  @ApiProperty() @IsUUID() skpdId!: string;
  @ApiProperty({ example: 2025 }) @IsYear({ query: true }) year!: number;
}

export class TrendQueryDto {
  @ApiPropertyOptional({ example: 2021 })
  @IsOptional()
  @IsYear({ query: true })
  fromYear?: number;
  @ApiPropertyOptional({ example: 2025 })
  @IsOptional()
  @IsYear({ query: true })
  toYear?: number;
}
