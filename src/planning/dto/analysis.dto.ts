import { IsYear } from '../../common/validation/is-year';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNumber, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { PlanNodeResponseDto } from './plan-node.dto';

export class OrphansQueryDto {
  @ApiProperty() @IsUUID() periodId!: string;
}

export class OrphansResponseDto {
  @ApiProperty() periodId!: string;
  /** SKPD sasaran that support no Pemda sasaran (planners: their own SKPD only). */
  @ApiProperty({ type: [PlanNodeResponseDto] }) unlinkedSkpdSasaran!: PlanNodeResponseDto[];
  /** Pemda sasaran that no SKPD sasaran supports. */
  @ApiProperty({ type: [PlanNodeResponseDto] }) unsupportedPemdaSasaran!: PlanNodeResponseDto[];
}

export class OverlapQueryDto {
  @ApiProperty() @IsYear({ query: true }) year!: number;
  /** Minimum name similarity (Dice over stems), default 0.6. */
  @ApiPropertyOptional({ minimum: 0.3, maximum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0.3)
  @Max(1)
  threshold?: number;
  @ApiPropertyOptional({ enum: ['INDICATOR', 'PROGRAM'] }) @IsOptional() @IsIn(['INDICATOR', 'PROGRAM']) kind?:
    'INDICATOR' | 'PROGRAM';
}

export class OverlapItemDto {
  @ApiProperty() id!: string;
  @ApiProperty() skpdId!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
}

export class OverlapPairDto {
  @ApiProperty({ enum: ['INDICATOR', 'PROGRAM'] }) kind!: string;
  @ApiProperty() left!: OverlapItemDto;
  @ApiProperty() right!: OverlapItemDto;
  /** Similarity 0..1 (a ranking heuristic, not a computed value). */
  @ApiProperty() score!: number;
  @ApiProperty({ type: [String] }) sharedTokens!: string[];
  @ApiProperty({ enum: ['MERGE', 'CROSSCUTTING'] }) suggestion!: 'MERGE' | 'CROSSCUTTING';
}

export class OverlapResponseDto {
  @ApiProperty() year!: number;
  @ApiProperty({ nullable: true, type: String }) periodId!: string | null;
  @ApiProperty() threshold!: number;
  @ApiProperty({ type: [OverlapPairDto] }) pairs!: OverlapPairDto[];
}
