import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID, ValidateIf } from 'class-validator';
import { IsYear } from '../../common/validation/is-year';
import { PUBLIC_ITEM_KINDS, type PublicItemKind, YEAR_ITEM_KINDS } from '../entities/public-item.entity';

/**
 * Publishes one item: HISTORY (the Pemda's predicate history), IKU of a year, LHE (the summary of a year's result:
 * total, predicate, date), LKJIP (the Pemda's LKjIP of a year), or a completely signed DOCUMENT (PK, signed LHE).
 */
export class PublishItemDto {
  @ApiProperty({ enum: PUBLIC_ITEM_KINDS }) @IsIn(PUBLIC_ITEM_KINDS) kind!: PublicItemKind;
  /** Required for IKU, LHE and LKJIP. */
  @ApiPropertyOptional({ example: 2025 })
  @ValidateIf((o: PublishItemDto) => YEAR_ITEM_KINDS.includes(o.kind) || o.year !== undefined)
  @IsYear()
  year?: number;
  /** Required for DOCUMENT: a signed document of the region whose every party signed. */
  @ApiPropertyOptional({ format: 'uuid' })
  @ValidateIf((o: PublishItemDto) => o.kind === 'DOCUMENT' || o.documentId !== undefined)
  @IsUUID()
  documentId?: string;
}

export class PublicItemResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: PUBLIC_ITEM_KINDS }) kind!: PublicItemKind;
  @ApiProperty({ nullable: true, type: Number }) year!: number | null;
  @ApiProperty({ nullable: true, type: String }) documentId!: string | null;
  @ApiProperty() publishedAt!: string;
}
