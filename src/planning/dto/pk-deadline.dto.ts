import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsOptional } from 'class-validator';
import { IsYear } from '../../common/validation/is-year';
import type { PkDeadline } from '../entities/pk-deadline.entity';

/** The PK deadlines of a year: a date alone is the end of that day in the region's zone; null removes one. */
export class PutPkDeadlinesDto {
  @ApiProperty({ example: 2026 }) @IsYear() year!: number;
  /** By when SKPD submit their PK (planners are reminded while theirs is not submitted). */
  @ApiPropertyOptional({ nullable: true, example: '2026-01-31' })
  @IsOptional()
  @IsDateString()
  submitDeadline?: string | null;
  /** By when the region approves submitted PKs (region admins are reminded while some wait). */
  @ApiPropertyOptional({ nullable: true, example: '2026-02-14' })
  @IsOptional()
  @IsDateString()
  approvalDeadline?: string | null;
}

export class PkDeadlineQueryDto {
  @ApiProperty() @IsYear({ query: true }) year!: number;
}

export class PkDeadlinesResponseDto {
  @ApiProperty() year!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) submitDeadline!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) approvalDeadline!: string | null;
  /** 0 while the year has no deadlines. */
  @ApiProperty() version!: number;
}

export const toPkDeadlinesResponse = (year: number, row: PkDeadline | null): PkDeadlinesResponseDto => ({
  year,
  submitDeadline: row?.submitDeadline?.toISOString() ?? null,
  approvalDeadline: row?.approvalDeadline?.toISOString() ?? null,
  version: row?.version ?? 0,
});
