import { MAX_INT } from '../../common/validation/limits';
import { IsOptionalNonNull } from '../../common/validation/is-optional-non-null';
import { IsYear } from '../../common/validation/is-year';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
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
import {
  LOWER_IS_BETTER_FORMULAS,
  type LowerIsBetterFormula,
  POLARITIES,
  type Polarity,
  QUARTER_AGGREGATIONS,
  type QuarterAggregation,
} from '../domain/indicator-settings';
import type { IndicatorTarget } from '../entities/indicator-target.entity';
import type { Indicator } from '../entities/indicator.entity';
import { DECIMAL_MESSAGE, DECIMAL_PATTERN, decimalText } from '../planning-access';
import { CODE_PATTERN } from './plan-node.dto';

const present = (_: unknown, v: unknown) => v !== null && v !== undefined;

/** Attributes shared by create and update; on update every field is optional and nullable ones accept null. */
export class IndicatorAttributesDto {
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(5000) definition?: string | null;
  @ApiPropertyOptional({ type: String, format: 'decimal', nullable: true })
  @ValidateIf(present)
  @Matches(DECIMAL_PATTERN, { message: DECIMAL_MESSAGE })
  rangeMin?: string | null;
  @ApiPropertyOptional({ type: String, format: 'decimal', nullable: true })
  @ValidateIf(present)
  @Matches(DECIMAL_PATTERN, { message: DECIMAL_MESSAGE })
  rangeMax?: string | null;
  @ApiPropertyOptional({ enum: LOWER_IS_BETTER_FORMULAS, nullable: true })
  @ValidateIf(present)
  @IsIn(LOWER_IS_BETTER_FORMULAS)
  lowerIsBetterFormula?: LowerIsBetterFormula | null;
  @ApiPropertyOptional({ type: String, format: 'decimal', nullable: true })
  @ValidateIf(present)
  @Matches(DECIMAL_PATTERN, { message: DECIMAL_MESSAGE })
  baselineValue?: string | null;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf(present) @IsInt() @Min(1990) @Max(2100) baselineYear?:
    number | null;
  @ApiPropertyOptional({ type: String, format: 'decimal', nullable: true })
  @ValidateIf(present)
  @Matches(DECIMAL_PATTERN, { message: DECIMAL_MESSAGE })
  endTarget?: string | null;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf(present) @IsString() @MaxLength(300) dataSource?: string | null;
  @ApiPropertyOptional() @IsOptionalNonNull() @IsBoolean() isIku?: boolean;
  /**
   * Realisations may be negative (a growth rate, a correction in a summed series); default false, and then a negative
   * realisation is refused at entry (422 INVALID_REALISATION). Not for yes/no (BINARY) indicators.
   */
  @ApiPropertyOptional({ default: false }) @IsOptionalNonNull() @IsBoolean() allowsNegative?: boolean;
  @ApiPropertyOptional({ minimum: 0, maximum: 4 }) @IsOptionalNonNull() @IsInt() @Min(0) @Max(4) decimals?: number;
}

export class CreateIndicatorDto extends IndicatorAttributesDto {
  @ApiProperty() @IsUUID() nodeId!: string;
  @ApiProperty({ example: 'IKU.1' }) @IsString() @Matches(CODE_PATTERN) code!: string;
  @ApiProperty() @IsString() @MinLength(3) @MaxLength(500) name!: string;
  @ApiProperty({ example: '%' }) @IsString() @MinLength(1) @MaxLength(60) satuan!: string;
  @ApiProperty({ enum: POLARITIES }) @IsIn(POLARITIES) polarity!: Polarity;
  @ApiProperty({ enum: QUARTER_AGGREGATIONS }) @IsIn(QUARTER_AGGREGATIONS) aggregation!: QuarterAggregation;
}

export class UpdateIndicatorDto extends IndicatorAttributesDto {
  @ApiProperty() @IsInt() @Min(1) @Max(MAX_INT) version!: number;
  @ApiPropertyOptional() @IsOptionalNonNull() @IsString() @Matches(CODE_PATTERN) code?: string;
  @ApiPropertyOptional() @IsOptionalNonNull() @IsString() @MinLength(3) @MaxLength(500) name?: string;
  @ApiPropertyOptional() @IsOptionalNonNull() @IsString() @MinLength(1) @MaxLength(60) satuan?: string;
  @ApiPropertyOptional({ enum: POLARITIES }) @IsOptionalNonNull() @IsIn(POLARITIES) polarity?: Polarity;
  @ApiPropertyOptional({ enum: QUARTER_AGGREGATIONS })
  @IsOptionalNonNull()
  @IsIn(QUARTER_AGGREGATIONS)
  aggregation?: QuarterAggregation;
  /** False deactivates (history kept; no new PK rows or realisations), true reactivates (its node must be active). */
  @ApiPropertyOptional() @IsOptionalNonNull() @IsBoolean() active?: boolean;
}

export class IndicatorQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() periodId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() nodeId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() skpdId?: string;
  @ApiPropertyOptional({ enum: ['PEMDA', 'SKPD'] }) @IsOptional() @IsIn(['PEMDA', 'SKPD']) level?: 'PEMDA' | 'SKPD';
  @ApiPropertyOptional() @IsOptional() @IsIn(['true', 'false']) isIku?: 'true' | 'false';
  /** `true` = active indicators only (what a new PK may take), `false` = deactivated only. */
  @ApiPropertyOptional() @IsOptional() @IsIn(['true', 'false']) active?: 'true' | 'false';
  /** Matches code or name. */
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) q?: string;
}

export class IndicatorResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() regionId!: string;
  @ApiProperty() periodId!: string;
  @ApiProperty() nodeId!: string;
  @ApiProperty({ nullable: true, type: String }) skpdId!: string | null;
  @ApiProperty({ enum: ['PEMDA', 'SKPD'] }) level!: 'PEMDA' | 'SKPD';
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) definition!: string | null;
  @ApiProperty() satuan!: string;
  @ApiProperty({ enum: POLARITIES }) polarity!: Polarity;
  @ApiProperty({ nullable: true, type: String, format: 'decimal' }) rangeMin!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'decimal' }) rangeMax!: string | null;
  @ApiProperty({ enum: QUARTER_AGGREGATIONS }) aggregation!: QuarterAggregation;
  @ApiProperty() allowsNegative!: boolean;
  @ApiProperty({ enum: LOWER_IS_BETTER_FORMULAS, nullable: true }) lowerIsBetterFormula!: LowerIsBetterFormula | null;
  @ApiProperty({ nullable: true, type: String, format: 'decimal' }) baselineValue!: string | null;
  @ApiProperty({ nullable: true, type: Number }) baselineYear!: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'decimal' }) endTarget!: string | null;
  @ApiProperty({ nullable: true, type: String }) dataSource!: string | null;
  @ApiProperty() isIku!: boolean;
  @ApiProperty() decimals!: number;
  @ApiProperty() active!: boolean;
  @ApiProperty() version!: number;
}

export const toIndicatorResponse = (i: Indicator): IndicatorResponseDto => ({
  id: i.id,
  regionId: i.regionId,
  periodId: i.periodId,
  nodeId: i.nodeId,
  skpdId: i.skpdId,
  level: i.skpdId === null ? 'PEMDA' : 'SKPD',
  code: i.code,
  name: i.name,
  definition: i.definition,
  satuan: i.satuan,
  polarity: i.polarity,
  rangeMin: decimalText(i.rangeMin),
  rangeMax: decimalText(i.rangeMax),
  aggregation: i.aggregation,
  allowsNegative: Boolean(i.allowsNegative),
  lowerIsBetterFormula: i.lowerIsBetterFormula,
  baselineValue: decimalText(i.baselineValue),
  baselineYear: i.baselineYear,
  endTarget: decimalText(i.endTarget),
  dataSource: i.dataSource,
  isIku: Boolean(i.isIku),
  decimals: i.decimals,
  active: Boolean(i.active),
  version: i.version,
});

export class AnnualTargetDto {
  @ApiProperty({ example: 2025 }) @IsYear() year!: number;
  @ApiProperty({ type: String, format: 'decimal', example: '75.5' })
  @IsString()
  @Matches(DECIMAL_PATTERN, { message: DECIMAL_MESSAGE })
  target!: string;
}

/** Sets the annual plan targets of the years given (other years are left as they are). */
export class PutAnnualTargetsDto {
  @ApiProperty({ type: [AnnualTargetDto] })
  @IsArray()
  @ArrayMaxSize(10)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => AnnualTargetDto)
  targets!: AnnualTargetDto[];
}

export class AnnualTargetResponseDto {
  @ApiProperty() indicatorId!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ type: String, format: 'decimal' }) target!: string;
}

export const toAnnualTargetResponse = (t: IndicatorTarget): AnnualTargetResponseDto => ({
  indicatorId: t.indicatorId,
  year: t.year,
  target: t.target.toFixed(),
});
