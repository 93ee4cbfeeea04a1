import { MAX_INT } from '../../common/validation/limits';
import { IsOptionalNonNull } from '../../common/validation/is-optional-non-null';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination';
import { PLAN_NODE_KINDS, type PlanNode, type PlanNodeKind } from '../entities/plan-node.entity';

export const CODE_PATTERN = /^[A-Za-z0-9._/-]{1,60}$/;

export class CreatePlanNodeDto {
  @ApiProperty() @IsUUID() periodId!: string;
  /** Omit for a Pemda-level (RPJMD) node; REGION_ADMIN only. */
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsUUID() skpdId?: string | null;
  @ApiProperty({ enum: PLAN_NODE_KINDS }) @IsIn(PLAN_NODE_KINDS) kind!: PlanNodeKind;
  /** Required except for TUJUAN: the node one level up, same owner. */
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsUUID() parentId?: string | null;
  /** SKPD SASARAN only: the Pemda SASARAN it supports (pohon kinerja). */
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsUUID() supportsNodeId?: string | null;
  @ApiProperty({ example: 'S.1.2' }) @IsString() @Matches(CODE_PATTERN) code!: string;
  @ApiProperty() @IsString() @MinLength(3) @MaxLength(500) name!: string;
}

export class UpdatePlanNodeDto {
  @ApiProperty() @IsInt() @Min(1) @Max(MAX_INT) version!: number;
  @ApiPropertyOptional() @IsOptionalNonNull() @IsString() @Matches(CODE_PATTERN) code?: string;
  @ApiPropertyOptional() @IsOptionalNonNull() @IsString() @MinLength(3) @MaxLength(500) name?: string;
  /** Moves the node under another parent of the kind one level up, in the same plan (not for a TUJUAN). */
  @ApiPropertyOptional() @IsOptionalNonNull() @IsUUID() parentId?: string;
  /** Null unlinks the sasaran from the Pemda sasaran. */
  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUUID()
  supportsNodeId?: string | null;
  /** False deactivates (only once no active child node, indicator or supporting sasaran remains); true reactivates. */
  @ApiPropertyOptional() @IsOptionalNonNull() @IsBoolean() active?: boolean;
}

export class PlanNodeQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() periodId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() skpdId?: string;
  /** PEMDA = RPJMD nodes only, SKPD = Renstra nodes only. */
  @ApiPropertyOptional({ enum: ['PEMDA', 'SKPD'] }) @IsOptional() @IsIn(['PEMDA', 'SKPD']) level?: 'PEMDA' | 'SKPD';
  @ApiPropertyOptional({ enum: PLAN_NODE_KINDS }) @IsOptional() @IsIn(PLAN_NODE_KINDS) kind?: PlanNodeKind;
  @ApiPropertyOptional() @IsOptional() @IsUUID() parentId?: string;
}

export class PlanNodeResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() regionId!: string;
  @ApiProperty() periodId!: string;
  @ApiProperty({ nullable: true, type: String }) skpdId!: string | null;
  @ApiProperty({ enum: ['PEMDA', 'SKPD'] }) level!: 'PEMDA' | 'SKPD';
  @ApiProperty({ enum: PLAN_NODE_KINDS }) kind!: PlanNodeKind;
  @ApiProperty({ nullable: true, type: String }) parentId!: string | null;
  @ApiProperty({ nullable: true, type: String }) supportsNodeId!: string | null;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty() version!: number;
}

export const toPlanNodeResponse = (n: PlanNode): PlanNodeResponseDto => ({
  id: n.id,
  regionId: n.regionId,
  periodId: n.periodId,
  skpdId: n.skpdId,
  level: n.skpdId === null ? 'PEMDA' : 'SKPD',
  kind: n.kind,
  parentId: n.parentId,
  supportsNodeId: n.supportsNodeId,
  code: n.code,
  name: n.name,
  active: Boolean(n.active),
  version: n.version,
});
