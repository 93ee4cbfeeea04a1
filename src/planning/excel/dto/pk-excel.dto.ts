import { IsOptionalNonNull } from '../../../common/validation/is-optional-non-null';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

/** Multipart form of a preview: the filled template in "file". */
export class PkExcelPreviewFormDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The filled PK template (.xlsx)' }) file!: unknown;
}

/** Fields of a commit besides the file. */
export class PkExcelCommitDto {
  /** The token returned by the preview of this very file. */
  @ApiPropertyOptional() @IsOptionalNonNull() @IsString() @MaxLength(100) previewToken?: string;
}

export class PkExcelCommitFormDto extends PkExcelCommitDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The same file as previewed' }) file!: unknown;
}

export class PkExcelSummaryDto {
  @ApiProperty() pkId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty({ description: 'Data rows read' }) rows!: number;
  @ApiProperty({ description: 'Indicators the PK holds after the commit' }) inPk!: number;
  @ApiProperty() added!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty({ type: [String], description: 'Codes of indicators leaving the PK (targets emptied)' })
  removed!: string[];
  @ApiProperty({ type: [String], description: 'Codes of indicators whose satuan, polarity or aggregation change' })
  settingsChanged!: string[];
}

export class PkExcelPreviewDto extends PkExcelSummaryDto {
  @ApiProperty({ description: 'Send with the same file to /commit' }) previewToken!: string;
}

export class PkExcelCommitResultDto extends PkExcelSummaryDto {
  @ApiProperty({ description: 'The PK version after the commit' }) version!: number;
}
