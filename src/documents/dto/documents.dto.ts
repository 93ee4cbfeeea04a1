import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsOptionalNonNull } from '../../common/validation/is-optional-non-null';
import { DOCUMENT_PARTIES, type DocumentParty } from '../domain/document-parties';
import { PK_PARTIES, type PkParty } from '../domain/pk-document';

export class SignPkDto {
  /** The party signing now; optional (the next one in order). FIRST = the SKPD head, SECOND = the regional head. */
  @IsOptionalNonNull() @IsIn(PK_PARTIES) party?: PkParty;
  /** Gateway only: the signer's NIK (16 digits). Sent to the gateway, never stored. */
  @IsOptionalNonNull() @Matches(/^\d{16}$/, { message: 'nik must be 16 digits' }) nik?: string;
  /** Gateway only: the signer's passphrase. Sent to the gateway, never stored or logged. */
  @IsOptionalNonNull() @IsString() @MinLength(1) @MaxLength(200) passphrase?: string;
}

/** Signing an LHE: the Inspektur is the only party. */
export class SignDocumentDto {
  /** Gateway only: the signer's NIK (16 digits). Sent to the gateway, never stored. */
  @IsOptionalNonNull() @Matches(/^\d{16}$/, { message: 'nik must be 16 digits' }) nik?: string;
  /** Gateway only: the signer's passphrase. Sent to the gateway, never stored or logged. */
  @IsOptionalNonNull() @IsString() @MinLength(1) @MaxLength(200) passphrase?: string;
}

export class DocumentSignatureDto {
  @ApiProperty({ enum: DOCUMENT_PARTIES }) party!: DocumentParty;
  /** "PIHAK PERTAMA" / "PIHAK KEDUA" / "INSPEKTUR". */
  partyLabel!: string;
  name!: string;
  /** As printed, with "Plt."/"Plh." for an acting official. */
  title!: string;
  signedAt!: string;
}

export class DocumentStatusDto {
  /** False while nobody signed: the PDF is a watermarked draft. */
  signed!: boolean;
  complete!: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) code!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) verifyUrl!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) sha256!: string | null;
  /** The party who signs next (null when complete or when the PK cannot be signed yet). */
  @ApiPropertyOptional({ enum: DOCUMENT_PARTIES, nullable: true }) nextParty!: DocumentParty | null;
  signatures!: DocumentSignatureDto[];
}

export class PresentedFileDto {
  sha256!: string;
  /** The presented file is exactly the signed document. */
  matches!: boolean;
  /** It is the document as it was before the last signature. */
  matchesEarlierVersion!: boolean;
}

export class VerificationDto {
  code!: string;
  kind!: string;
  title!: string;
  issuer!: string;
  sha256!: string;
  complete!: boolean;
  signatures!: DocumentSignatureDto[];
  @ApiPropertyOptional({ type: PresentedFileDto }) presented?: PresentedFileDto;
}

export class VerifyFileFormDto {
  @ApiProperty({ type: 'string', format: 'binary' }) file!: unknown;
}
