import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ACTING_KINDS, type ActingKind, type HeadOfOffice } from '../entities/head-of-office';

/** The signer's fields of a region or an SKPD; each optional, null clears it. */
export class HeadOfOfficeDto {
  @ApiPropertyOptional({ nullable: true, example: 'Kepala Dinas Kesehatan' })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  headTitle?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MinLength(3) @MaxLength(150) headName?:
    string | null;
  @ApiPropertyOptional({ nullable: true, example: '197001011990031001' })
  @IsOptional()
  @Matches(/^\d{18}$/, { message: 'headNip must be the 18-digit NIP' })
  headNip?: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'Pembina Utama Muda (IV/c)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  headRank?: string | null;
  /** PLT / PLH while the post is held by an acting official; null otherwise. */
  @ApiPropertyOptional({ nullable: true, enum: ACTING_KINDS })
  @IsOptional()
  @IsIn(ACTING_KINDS)
  headActing?: ActingKind | null;
}

export class HeadOfOfficeResponseDto {
  @ApiPropertyOptional({ nullable: true, type: String }) headTitle!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) headName!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) headNip!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) headRank!: string | null;
  @ApiPropertyOptional({ nullable: true, enum: ACTING_KINDS }) headActing!: ActingKind | null;
}

export const toHeadOfOffice = (h: HeadOfOffice): HeadOfOfficeResponseDto => ({
  headTitle: h.headTitle ?? null,
  headName: h.headName ?? null,
  headNip: h.headNip ?? null,
  headRank: h.headRank ?? null,
  headActing: h.headActing ?? null,
});
