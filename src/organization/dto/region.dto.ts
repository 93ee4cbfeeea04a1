import { INDONESIAN_TIME_ZONES } from '../../common/time/zoned-time';
import { MAX_INT } from '../../common/validation/limits';
import { IsOptionalNonNull } from '../../common/validation/is-optional-non-null';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
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
  ValidateNested,
} from 'class-validator';
import { parseReminderDays, REMINDER_DAY_LIMITS } from '../domain/reminder-days';
import { PageQueryDto } from '../../common/http/pagination';
import { HeadOfOfficeDto, HeadOfOfficeResponseDto, toHeadOfOffice } from './head-of-office.dto';
import {
  LOWER_IS_BETTER_FORMULAS,
  type LowerIsBetterFormula,
  REGION_KINDS,
  type RegionKind,
  Region,
} from '../entities/region.entity';

export class FirstAdminDto {
  @ApiProperty() @IsString() @Matches(/^[a-z0-9._-]{3,60}$/) username!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(150) displayName!: string;
  @ApiProperty({ format: 'password' }) @IsString() @MaxLength(128) password!: string;
}

export class CreateRegionDto extends HeadOfOfficeDto {
  /** Kemendagri code, e.g. "62.07". */
  @ApiProperty({ example: '62.07' })
  @IsString()
  @Matches(/^\d{2}(\.\d{2}){0,1}$/, { message: 'code must be a Kemendagri code such as 62 or 62.07' })
  code!: string;
  @ApiProperty({ example: 'Kabupaten Seruyan' }) @IsString() @MinLength(3) @MaxLength(150) name!: string;
  @ApiProperty({ enum: REGION_KINDS }) @IsIn(REGION_KINDS) kind!: RegionKind;
  @ApiPropertyOptional({ enum: LOWER_IS_BETTER_FORMULAS })
  @IsOptionalNonNull()
  @IsIn(LOWER_IS_BETTER_FORMULAS)
  lowerIsBetterFormula?: LowerIsBetterFormula;
  /** Null or omitted: no cap. */
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(100) @Max(200) capaianCap?: number | null;
  /** WIB, WITA or WIT: every deadline of the region is evaluated in this zone. */
  @ApiPropertyOptional({ enum: INDONESIAN_TIME_ZONES, example: 'Asia/Jakarta' })
  @IsOptionalNonNull()
  @IsIn(INDONESIAN_TIME_ZONES)
  timezone?: string;
  /** Where the region's documents are signed (ibu kota); null clears it. */
  @ApiPropertyOptional({ nullable: true, example: 'Kuala Pembuang' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  seatCity?: string | null;
  /** Days before each deadline that remind (H-n), e.g. [14, 7, 1]; null restores H-7, H-3, H-1. Overdue always follows. */
  @ApiPropertyOptional({ nullable: true, type: [Number], example: [7, 3, 1], minItems: 1, maxItems: 5 })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(REMINDER_DAY_LIMITS.min)
  @ArrayMaxSize(REMINDER_DAY_LIMITS.count)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(REMINDER_DAY_LIMITS.min, { each: true })
  @Max(REMINDER_DAY_LIMITS.max, { each: true })
  reminderDays?: number[] | null;
  /** The region's first REGION_ADMIN, created in the same transaction. */
  @ApiPropertyOptional({ type: FirstAdminDto })
  @IsOptionalNonNull()
  @IsObject()
  @ValidateNested()
  @Type(() => FirstAdminDto)
  firstAdmin?: FirstAdminDto;
}

export class UpdateRegionDto extends HeadOfOfficeDto {
  @ApiProperty() @IsInt() @Min(1) @Max(MAX_INT) version!: number;
  @ApiPropertyOptional() @IsOptionalNonNull() @IsString() @MinLength(3) @MaxLength(150) name?: string;
  @ApiPropertyOptional({ enum: LOWER_IS_BETTER_FORMULAS })
  @IsOptionalNonNull()
  @IsIn(LOWER_IS_BETTER_FORMULAS)
  lowerIsBetterFormula?: LowerIsBetterFormula;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(100) @Max(200) capaianCap?: number | null;
  @ApiPropertyOptional({ enum: INDONESIAN_TIME_ZONES })
  @IsOptionalNonNull()
  @IsIn(INDONESIAN_TIME_ZONES)
  timezone?: string;
  /** Where the region's documents are signed (ibu kota); null clears it. */
  @ApiPropertyOptional({ nullable: true, example: 'Kuala Pembuang' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  seatCity?: string | null;
  /** Days before each deadline that remind (H-n), e.g. [14, 7, 1]; null restores H-7, H-3, H-1. Overdue always follows. */
  @ApiPropertyOptional({ nullable: true, type: [Number], example: [7, 3, 1], minItems: 1, maxItems: 5 })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(REMINDER_DAY_LIMITS.min)
  @ArrayMaxSize(REMINDER_DAY_LIMITS.count)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(REMINDER_DAY_LIMITS.min, { each: true })
  @Max(REMINDER_DAY_LIMITS.max, { each: true })
  reminderDays?: number[] | null;
}

/** Attaches a kabupaten/kota to a province (a region of kind PROVINSI), or detaches it with null. */
export class SetRegionProvinceDto {
  @ApiProperty() @IsInt() @Min(1) @Max(MAX_INT) version!: number;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) @IsOptional() @IsUUID() provinceId!: string | null;
}

export class RegionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REGION_KINDS }) @IsOptional() @IsIn(REGION_KINDS) kind?: RegionKind;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) q?: string;
}

export class RegionResponseDto extends HeadOfOfficeResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: REGION_KINDS }) kind!: RegionKind;
  @ApiProperty({ enum: LOWER_IS_BETTER_FORMULAS }) lowerIsBetterFormula!: LowerIsBetterFormula;
  @ApiProperty({ nullable: true, type: Number }) capaianCap!: number | null;
  @ApiProperty() timezone!: string;
  @ApiProperty({ nullable: true, type: String }) seatCity!: string | null;
  /** Days before each deadline that remind (largest first). */
  @ApiProperty({ type: [Number], example: [7, 3, 1] }) reminderDays!: number[];
  /** A kabupaten/kota's province; null for a province or a region not attached to one. */
  @ApiProperty({ nullable: true, type: String }) provinceId!: string | null;
  /** True for the synthetic demo regions seeded on the embedded database. */
  @ApiProperty() isDemo!: boolean;
  @ApiProperty() version!: number;
}

export const toRegionResponse = (r: Region): RegionResponseDto => ({
  id: r.id,
  code: r.code,
  name: r.name,
  kind: r.kind,
  lowerIsBetterFormula: r.lowerIsBetterFormula,
  capaianCap: r.capaianCap,
  timezone: r.timezone,
  seatCity: r.seatCity ?? null,
  reminderDays: parseReminderDays(r.reminderDays),
  ...toHeadOfOffice(r),
  provinceId: r.provinceId ?? null,
  isDemo: Boolean(r.isDemo),
  version: r.version,
});
