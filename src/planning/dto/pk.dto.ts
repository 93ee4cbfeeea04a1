import { MAX_INT } from '../../common/validation/limits';
import { IsYear } from '../../common/validation/is-year';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
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
import { PageQueryDto } from '../../common/http/pagination';
import type { QuarterAggregation } from '../domain/indicator-settings';
import { PK_STATUSES, type PerformanceAgreement, type PkStatus } from '../entities/performance-agreement.entity';
import type { PkIndicator } from '../entities/pk-indicator.entity';
import { DECIMAL_MESSAGE, DECIMAL_PATTERN, decimalText } from '../planning-access';

const present = (_: unknown, v: unknown) => v !== null && v !== undefined;

export class PkSignersDto {
  @ApiPropertyOptional({ nullable: true }) @ValidateIf(present) @IsString() @MaxLength(150) signerName?: string | null;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf(present) @IsString() @MaxLength(200) signerTitle?: string | null;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf(present) @IsString() @MaxLength(150) counterpartName?:
    string | null;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf(present) @IsString() @MaxLength(200) counterpartTitle?:
    string | null;
}

/** Opens revision 0 (DRAFT) of an SKPD's PK for a year. */
export class CreatePkDto extends PkSignersDto {
  @ApiProperty() @IsUUID() skpdId!: string;
  @ApiProperty({ example: 2025 }) @IsYear() year!: number;
}

export class UpdatePkDto extends PkSignersDto {
  @ApiProperty() @IsInt() @Min(1) @Max(MAX_INT) version!: number;
}

export class PkIndicatorItemDto {
  @ApiProperty() @IsUUID() indicatorId!: string;
  @ApiProperty({ type: String, format: 'decimal' })
  @IsString()
  @Matches(DECIMAL_PATTERN, { message: DECIMAL_MESSAGE })
  annualTarget!: string;
  @ApiPropertyOptional({ type: String, format: 'decimal', nullable: true })
  @ValidateIf(present)
  @Matches(DECIMAL_PATTERN, { message: DECIMAL_MESSAGE })
  q1Target?: string | null;
  @ApiPropertyOptional({ type: String, format: 'decimal', nullable: true })
  @ValidateIf(present)
  @Matches(DECIMAL_PATTERN, { message: DECIMAL_MESSAGE })
  q2Target?: string | null;
  @ApiPropertyOptional({ type: String, format: 'decimal', nullable: true })
  @ValidateIf(present)
  @Matches(DECIMAL_PATTERN, { message: DECIMAL_MESSAGE })
  q3Target?: string | null;
  @ApiPropertyOptional({ type: String, format: 'decimal', nullable: true })
  @ValidateIf(present)
  @Matches(DECIMAL_PATTERN, { message: DECIMAL_MESSAGE })
  q4Target?: string | null;
}

/** Replaces the PK's indicator list with these rows (in this order), checked against each indicator's aggregation. */
export class PutPkIndicatorsDto {
  @ApiProperty() @IsInt() @Min(1) @Max(MAX_INT) version!: number;
  @ApiProperty({ type: [PkIndicatorItemDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PkIndicatorItemDto)
  items!: PkIndicatorItemDto[];
}

export class PkQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() skpdId?: string;
  @ApiPropertyOptional() @IsOptional() @IsYear({ query: true }) year?: number;
  @ApiPropertyOptional({ enum: PK_STATUSES }) @IsOptional() @IsIn(PK_STATUSES) status?: PkStatus;
  /** true = only the latest revision of each SKPD and year. */
  @ApiPropertyOptional() @IsOptional() @IsIn(['true', 'false']) latest?: 'true' | 'false';
}

export class PkHistoryQueryDto {
  @ApiProperty() @IsUUID() skpdId!: string;
  @ApiProperty() @IsYear({ query: true }) year!: number;
}

export class PkReasonDto {
  /** Why the PK changes (perubahan PK) or is returned; recorded in the audit log. */
  @ApiProperty({ example: 'Perubahan APBD 2025' }) @IsString() @MinLength(5) @MaxLength(1000) reason!: string;
}

export class PkIndicatorResponseDto {
  /** The pk_indicators row: realisations reference it. */
  @ApiProperty() id!: string;
  @ApiProperty() indicatorId!: string;
  @ApiProperty() indicatorCode!: string;
  @ApiProperty() indicatorName!: string;
  @ApiProperty() satuan!: string;
  @ApiProperty() aggregation!: QuarterAggregation;
  @ApiProperty({ type: String, format: 'decimal' }) annualTarget!: string;
  @ApiProperty({ nullable: true, type: String, format: 'decimal' }) q1Target!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'decimal' }) q2Target!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'decimal' }) q3Target!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'decimal' }) q4Target!: string | null;
  @ApiProperty() sortOrder!: number;
}

export class PkResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() regionId!: string;
  @ApiProperty() skpdId!: string;
  @ApiProperty() periodId!: string;
  @ApiProperty() year!: number;
  @ApiProperty() revision!: number;
  @ApiProperty({ enum: PK_STATUSES }) status!: PkStatus;
  @ApiProperty({ nullable: true, type: String }) previousId!: string | null;
  @ApiProperty({ nullable: true, type: String }) revisionReason!: string | null;
  @ApiProperty({ nullable: true, type: String }) signerName!: string | null;
  @ApiProperty({ nullable: true, type: String }) signerTitle!: string | null;
  @ApiProperty({ nullable: true, type: String }) counterpartName!: string | null;
  @ApiProperty({ nullable: true, type: String }) counterpartTitle!: string | null;
  @ApiProperty({ nullable: true, type: Date }) submittedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date }) approvedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date }) lockedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date }) supersededAt!: Date | null;
  /** Approved or locked and not superseded: the PK capaian is measured against. */
  @ApiProperty() effective!: boolean;
  @ApiProperty() version!: number;
  /** Present on single-PK responses. */
  @ApiPropertyOptional({ type: [PkIndicatorResponseDto] }) indicators?: PkIndicatorResponseDto[];
}

export const isEffective = (pk: PerformanceAgreement): boolean =>
  (pk.status === 'APPROVED' || pk.status === 'LOCKED') && pk.supersededAt === null;

export const toPkResponse = (pk: PerformanceAgreement, indicators?: PkIndicatorResponseDto[]): PkResponseDto => ({
  id: pk.id,
  regionId: pk.regionId,
  skpdId: pk.skpdId,
  periodId: pk.periodId,
  year: pk.year,
  revision: pk.revision,
  status: pk.status,
  previousId: pk.previousId,
  revisionReason: pk.revisionReason,
  signerName: pk.signerName,
  signerTitle: pk.signerTitle,
  counterpartName: pk.counterpartName,
  counterpartTitle: pk.counterpartTitle,
  submittedAt: pk.submittedAt,
  approvedAt: pk.approvedAt,
  lockedAt: pk.lockedAt,
  supersededAt: pk.supersededAt,
  effective: isEffective(pk),
  version: pk.version,
  ...(indicators ? { indicators } : {}),
});

export const toPkIndicatorResponse = (
  row: PkIndicator,
  indicator: { code: string; name: string; satuan: string; aggregation: QuarterAggregation },
): PkIndicatorResponseDto => ({
  id: row.id,
  indicatorId: row.indicatorId,
  indicatorCode: indicator.code,
  indicatorName: indicator.name,
  satuan: indicator.satuan,
  aggregation: indicator.aggregation,
  annualTarget: row.annualTarget.toFixed(),
  q1Target: decimalText(row.q1Target),
  q2Target: decimalText(row.q2Target),
  q3Target: decimalText(row.q3Target),
  q4Target: decimalText(row.q4Target),
  sortOrder: row.sortOrder,
});
