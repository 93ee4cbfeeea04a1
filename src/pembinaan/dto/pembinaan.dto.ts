import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { MAX_INT } from '../../common/validation/limits';
import { IsYear } from '../../common/validation/is-year';
import {
  RECOMMENDATION_STATUSES,
  type RecommendationStatus,
} from '../../evaluation/entities/evaluation-recommendation.entity';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_ONLY_MESSAGE = '$property must be a calendar date YYYY-MM-DD';

export class PembinaanRecommendationInputDto {
  @ApiProperty({ example: 'Agar menetapkan IKU seluruh perangkat daerah dengan keputusan kepala daerah.' })
  @IsString()
  @MinLength(5)
  @MaxLength(4000)
  text!: string;
  /** By when the kabupaten/kota follows it up (on or after the pembinaan's date). */
  @ApiProperty({ example: '2026-06-30' })
  @Matches(DATE_ONLY, { message: DATE_ONLY_MESSAGE })
  @IsDateString({ strict: true })
  dueDate!: string;
}

/** A pembinaan recorded by the province for one of its kabupaten/kota, with its recommendations (1 to 30). */
export class CreatePembinaanDto {
  @ApiProperty({ example: '2026-03-12' })
  @Matches(DATE_ONLY, { message: DATE_ONLY_MESSAGE })
  @IsDateString({ strict: true })
  date!: string;
  @ApiProperty({ example: 'Pendampingan penyusunan Perjanjian Kinerja' })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  topic!: string;
  @ApiProperty({ example: 'IKU perangkat daerah belum selaras dengan sasaran RPJMD.' })
  @IsString()
  @MinLength(5)
  @MaxLength(8000)
  findings!: string;
  @ApiProperty({ type: [PembinaanRecommendationInputDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PembinaanRecommendationInputDto)
  recommendations!: PembinaanRecommendationInputDto[];
}

/** Tindak lanjut of a recommendation by the kabupaten/kota. */
export class PembinaanFollowUpDto {
  @ApiProperty() @IsInt() @Min(1) @Max(MAX_INT) version!: number;
  @ApiProperty({ example: 'IKU perangkat daerah telah ditetapkan dengan Keputusan Bupati Nomor 12 Tahun 2026.' })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  followUp!: string;
  @ApiProperty({ enum: RECOMMENDATION_STATUSES })
  @IsIn(RECOMMENDATION_STATUSES)
  status!: RecommendationStatus;
}

export class PembinaanQueryDto {
  /** Only pembinaan dated in this year; omitted = all. */
  @ApiPropertyOptional({ example: 2026 }) @IsOptional() @IsYear({ query: true }) year?: number;
}

export class PembinaanRecommendationResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() ordinal!: number;
  @ApiProperty() text!: string;
  @ApiProperty({ example: '2026-06-30' }) dueDate!: string;
  @ApiProperty({ nullable: true }) followUp!: string | null;
  @ApiProperty({ enum: RECOMMENDATION_STATUSES }) status!: RecommendationStatus;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) followedUpAt!: string | null;
  @ApiProperty() version!: number;
}

export class PembinaanResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() regionId!: string;
  @ApiProperty({ example: '2026-03-12' }) date!: string;
  @ApiProperty() topic!: string;
  @ApiProperty() findings!: string;
  @ApiProperty({ type: [PembinaanRecommendationResponseDto] }) recommendations!: PembinaanRecommendationResponseDto[];
}

export class PembinaanSummaryDto {
  @ApiProperty() visits!: number;
  @ApiProperty() recommendations!: number;
  @ApiProperty() open!: number;
  @ApiProperty() inProgress!: number;
  @ApiProperty() done!: number;
}

/** A kabupaten/kota's pembinaan history, newest first, with counts of its recommendations by status. */
export class PembinaanHistoryDto {
  @ApiProperty() regionId!: string;
  @ApiProperty() regionName!: string;
  @ApiProperty({ type: PembinaanSummaryDto }) summary!: PembinaanSummaryDto;
  @ApiProperty({ type: [PembinaanResponseDto] }) items!: PembinaanResponseDto[];
}
