import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsOptionalNonNull } from '../../common/validation/is-optional-non-null';
import { NOMENCLATURE_LEVELS, type NomenclatureLevel } from '../domain/nomenclature-code';

const CODE_PATTERN = /^[0-9X.]{1,30}$/;

export class NomenclatureListQueryDto {
  @ApiPropertyOptional({ enum: NOMENCLATURE_LEVELS })
  @IsOptional()
  @IsIn(NOMENCLATURE_LEVELS)
  level?: NomenclatureLevel;
  @ApiPropertyOptional({ example: '1.02.02' })
  @IsOptional()
  @IsString()
  @Matches(CODE_PATTERN)
  parentCode?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 5000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  limit?: number;
}

export class NomenclatureEntryDto {
  @ApiProperty({ example: '1.02.02.2.01.0001' }) code!: string;
  @ApiProperty({ enum: NOMENCLATURE_LEVELS }) level!: NomenclatureLevel;
  @ApiProperty({ type: String, nullable: true }) parentCode!: string | null;
  @ApiProperty() name!: string;
}

export class NomenclatureImportSummaryDto {
  @ApiProperty({ description: 'Codes read' }) rows!: number;
  @ApiProperty() added!: number;
  @ApiProperty({ description: 'Codes whose name changes' }) renamed!: number;
  @ApiProperty() unchanged!: number;
}

export class NomenclaturePreviewDto extends NomenclatureImportSummaryDto {
  @ApiProperty({ description: 'Send with the same file to /commit' }) previewToken!: string;
}

/** Multipart form of an import preview: the file (xlsx or CSV) in "file". */
export class BudgetFileFormDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'An .xlsx workbook or a UTF-8 CSV file' })
  file!: unknown;
}

/** Fields of a commit besides the file. */
export class BudgetCommitDto {
  /** The token returned by the preview of this very file. */
  @ApiPropertyOptional() @IsOptionalNonNull() @IsString() @MaxLength(100) previewToken?: string;
}

export class BudgetCommitFormDto extends BudgetCommitDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The same file as previewed' }) file!: unknown;
}

/** Links a PROGRAM or KEGIATAN plan node to a nomenclature code of the same level; `code: null` unlinks it. */
export class PutNodeLinkDto {
  @ApiProperty() @IsUUID() nodeId!: string;
  @ApiProperty({ type: String, nullable: true, example: '1.02.02' })
  @ValidateIf((o: PutNodeLinkDto) => o.code !== null)
  @IsString()
  @Matches(CODE_PATTERN)
  code!: string | null;
}

export class NodeLinkDto {
  @ApiProperty() nodeId!: string;
  @ApiProperty({ type: String, nullable: true }) code!: string | null;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
}
