import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsYear } from '../../common/validation/is-year';

/** A year of results; omitted: the latest year with a result. */
export class ProvinceYearQueryDto {
  @ApiPropertyOptional({ example: 2025 }) @IsOptional() @IsYear({ query: true }) year?: number;
}

/** The recap's year (required). */
export class ProvinceRecapQueryDto {
  @ApiProperty({ example: 2025 }) @IsYear({ query: true }) year!: number;
}
