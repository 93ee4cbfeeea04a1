import { IsOptionalNonNull } from '../../common/validation/is-optional-non-null';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination';
import { ALLOWED_TYPES, type EvidenceExt } from '../domain/evidence-file';
import type { EvidenceFile } from '../entities/evidence-file.entity';
import type { EvidenceItem } from '../entities/evidence-item.entity';
import { EVIDENCE_TARGET_TYPES, type EvidenceTargetType } from '../entities/evidence-link.entity';

const EXTS = Object.keys(ALLOWED_TYPES) as EvidenceExt[];

/** Multipart form fields besides `file`. */
export class UploadEvidenceDto {
  /** The SKPD the evidence belongs to. Planners may omit it (their own SKPD); region-wide roles omit it for region-level evidence. */
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptionalNonNull() @IsUUID() skpdId?: string;
}

/** Swagger description of the multipart body. */
export class UploadEvidenceFormDto extends UploadEvidenceDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'pdf, xlsx, docx, jpg or png; the type is read from the content',
  })
  file!: unknown;
}

export class EvidenceQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() skpdId?: string;
  @ApiPropertyOptional({ enum: EXTS }) @IsOptional() @IsIn(EXTS) ext?: EvidenceExt;
  /** Part of the file name. */
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) q?: string;
  /** Only evidence linked to this target (both targetType and targetId). */
  @ApiPropertyOptional({ enum: EVIDENCE_TARGET_TYPES })
  @IsOptional()
  @IsIn(EVIDENCE_TARGET_TYPES)
  targetType?: EvidenceTargetType;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() targetId?: string;
}

export class EvidenceResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() regionId!: string;
  @ApiProperty({ nullable: true, type: String }) skpdId!: string | null;
  /** Sanitised name as uploaded. */
  @ApiProperty() originalName!: string;
  /** Sniffed from the content. */
  @ApiProperty({ enum: Object.values(ALLOWED_TYPES) }) mime!: string;
  @ApiProperty({ enum: EXTS }) ext!: string;
  @ApiProperty() size!: number;
  @ApiProperty({ description: 'SHA-256 of the content, lowercase hex' }) sha256!: string;
  @ApiProperty() uploadedBy!: string;
  @ApiProperty() createdAt!: Date;
}

export const toEvidenceResponse = (item: EvidenceItem, file: EvidenceFile): EvidenceResponseDto => ({
  id: item.id,
  regionId: item.regionId,
  skpdId: item.skpdId,
  originalName: item.originalName,
  mime: file.mime,
  ext: file.ext,
  size: Number(file.size),
  sha256: file.sha256,
  uploadedBy: item.uploadedBy,
  createdAt: item.createdAt,
});
