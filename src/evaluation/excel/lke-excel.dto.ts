import { IsOptionalNonNull } from '../../common/validation/is-optional-non-null';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

/** Multipart form of a preview: the filled worksheet in "file". */
export class LkeExcelPreviewFormDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The filled LKE worksheet (.xlsx)' }) file!: unknown;
}

/** Fields of a commit besides the file. */
export class LkeExcelCommitDto {
  /** The token returned by the preview of this very file. */
  @ApiPropertyOptional() @IsOptionalNonNull() @IsString() @MaxLength(100) previewToken?: string;
}

export class LkeExcelCommitFormDto extends LkeExcelCommitDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The same file as previewed' }) file!: unknown;
}
