import { MAX_INT } from '../../common/validation/limits';
import { IsOptionalNonNull } from '../../common/validation/is-optional-non-null';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination';
import { SKPD_KINDS, type SkpdKind, Skpd } from '../entities/skpd.entity';
import { HeadOfOfficeDto, HeadOfOfficeResponseDto, toHeadOfOffice } from './head-of-office.dto';

export class CreateSkpdDto extends HeadOfOfficeDto {
  @ApiProperty({ example: '1.02.01' }) @IsString() @Matches(/^[A-Za-z0-9.-]{1,30}$/) code!: string;
  @ApiProperty({ example: 'Dinas Kesehatan' }) @IsString() @MinLength(3) @MaxLength(200) name!: string;
  @ApiProperty({ example: 'Dinkes' }) @IsString() @MinLength(2) @MaxLength(60) shortName!: string;
  @ApiProperty({ enum: SKPD_KINDS }) @IsIn(SKPD_KINDS) kind!: SkpdKind;
}

export class UpdateSkpdDto extends HeadOfOfficeDto {
  @ApiProperty() @IsInt() @Min(1) @Max(MAX_INT) version!: number;
  @ApiPropertyOptional() @IsOptionalNonNull() @IsString() @MinLength(3) @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptionalNonNull() @IsString() @MinLength(2) @MaxLength(60) shortName?: string;
  @ApiPropertyOptional({ enum: SKPD_KINDS }) @IsOptionalNonNull() @IsIn(SKPD_KINDS) kind?: SkpdKind;
  @ApiPropertyOptional() @IsOptionalNonNull() @IsBoolean() active?: boolean;
}

export class SkpdQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SKPD_KINDS }) @IsOptional() @IsIn(SKPD_KINDS) kind?: SkpdKind;
  @ApiPropertyOptional() @IsOptional() @IsIn(['true', 'false']) active?: 'true' | 'false';
  /** Matches code, name or short name. */
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) q?: string;
}

export class SkpdResponseDto extends HeadOfOfficeResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() regionId!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() shortName!: string;
  @ApiProperty({ enum: SKPD_KINDS }) kind!: SkpdKind;
  @ApiProperty() active!: boolean;
  @ApiProperty() version!: number;
}

export const toSkpdResponse = (s: Skpd): SkpdResponseDto => ({
  id: s.id,
  regionId: s.regionId,
  code: s.code,
  name: s.name,
  shortName: s.shortName,
  kind: s.kind,
  active: Boolean(s.active),
  ...toHeadOfOffice(s),
  version: s.version,
});
