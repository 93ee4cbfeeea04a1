import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  UnprocessableError,
} from '../common/errors/domain-error';
import { isUniqueViolation } from '../common/filters/to-error-body';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { indonesianDateTime } from '../common/time/indonesian-date';
import { updateWithVersion } from '../common/typeorm/versioned-update';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { EvidenceService } from '../evidence/evidence.service';
import { Region } from '../organization/entities/region.entity';
import { DOCUMENT_PARTY_LABEL, type DocumentParty, nextPartyOf } from './domain/document-parties';
import { normalizeCode, verificationCode, verificationUrl, type VerificationView } from './domain/verification';
import type { DocumentSignatureDto, DocumentStatusDto, VerificationDto } from './dto/documents.dto';
import { DocumentSignature } from './entities/document-signature.entity';
import { type DocumentKind, SignedDocument } from './entities/signed-document.entity';
import { SIGNING_PROVIDER, type SigningProvider } from './signing/signing-provider';

/** Who signs as a party: printed name, title (with Plt./Plh.) and NIP; null while not recorded. */
export interface PartySigner {
  name: string;
  title: string;
  nip: string | null;
}

/** A document that can be signed (a PK revision, the Pemda's PK of a year, an LHE), as its service describes it. */
export interface SignableDocument {
  kind: DocumentKind;
  subjectId: string;
  regionId: string;
  skpdId: string | null;
  /** The region's time zone, for signing times. */
  timezone: string;
  /** The parties in signing order. */
  parties: readonly DocumentParty[];
  /** Whether the subject may be signed now (an approved PK that is current, a FINAL evaluation). */
  signable: boolean;
}

export interface SignOptions {
  /** The party the caller asks to sign as (optional: the next one). */
  party?: DocumentParty;
  /** Roles allowed to sign as each party. */
  maySignAs: Partial<Record<DocumentParty, readonly TenantScope['role'][]>>;
  /** Who is printed for each party; a party without a signer refuses with 422 SIGNER_MISSING naming `missingField`. */
  signerOf: (party: DocumentParty) => PartySigner | null;
  missingField: Partial<Record<DocumentParty, { field: string; message: string }>>;
  /** Renders the final (unsigned, not watermarked) PDF carrying its verification URL; called on the first signature. */
  render: (verifyUrl: string) => Promise<Buffer>;
  title: string;
  issuer: string;
  location: string;
  reason: (party: DocumentParty) => string;
  audit: { entity: string; entityId: string };
  credentials?: { nik?: string; passphrase?: string };
}

/** A unique key hit while signing means another signature of the same document landed at the same moment: 409. */
const signingRace = (err: unknown): unknown =>
  isUniqueViolation(err)
    ? new ConflictError('SIGNING_CONFLICT', 'Someone signed this document at the same moment; reload and try again')
    : err;

const sha256Of = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');

/**
 * Electronic signatures of any document a region signs, through the configured SigningProvider, and their public
 * verification. The owning services (PK, Pemda PK, LHE) decide access, who signs and what the PDF says.
 *
 * Decisions:
 * - The first signature renders the final PDF (QR code + verification URL, no watermark) and signs it; each later
 *   one signs the stored signed file again as an incremental update, so earlier signatures stay valid and the last
 *   one covers the whole document.
 * - The provider runs before anything is written: a refused or failed signing stores no file and no row.
 * - The signer's NIK and passphrase go to the provider for this one call: never stored, logged or audited.
 */
@Injectable()
export class DocumentSigningService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SIGNING_PROVIDER) private readonly provider: SigningProvider,
    private readonly evidence: EvidenceService,
    private readonly audit: AuditService,
  ) {}

  /** True when the configured provider needs the signer's NIK and passphrase (gateway). */
  get needsCredentials(): boolean {
    return this.provider.needsCredentials;
  }

  find(kind: DocumentKind, subjectId: string, m: EntityManager = this.db.manager): Promise<SignedDocument | null> {
    return m.getRepository(SignedDocument).findOne({ where: { kind, subjectId } });
  }

  /** The stored signed PDF of a subject, or null while nobody signed. */
  async signedContent(kind: DocumentKind, subjectId: string): Promise<Buffer | null> {
    const doc = await this.find(kind, subjectId);
    return doc ? this.evidence.readContent(doc.sha256) : null;
  }

  async status(d: SignableDocument): Promise<DocumentStatusDto> {
    const doc = await this.find(d.kind, d.subjectId);
    const signatures = doc ? await this.signaturesOf(this.db.manager, doc.id) : [];
    return {
      signed: Boolean(doc),
      complete: doc?.complete ?? false,
      code: doc?.code ?? null,
      verifyUrl: doc ? verificationUrl(this.config.PUBLIC_URL, doc.code) : null,
      sha256: doc?.sha256 ?? null,
      nextParty: d.signable
        ? nextPartyOf(
            d.parties,
            signatures.map((s) => s.party),
          )
        : null,
      signatures: signatures.map((s) => this.signatureDto(s, d.timezone)),
    };
  }

  /** Signs as the next party; the caller has checked access and that the subject is signable. */
  async sign(scope: TenantScope, d: SignableDocument, o: SignOptions): Promise<DocumentStatusDto> {
    const doc = await this.find(d.kind, d.subjectId);
    const signatures = doc ? await this.signaturesOf(this.db.manager, doc.id) : [];
    const party = nextPartyOf(
      d.parties,
      signatures.map((s) => s.party),
    );
    if (!party) throw new ConflictError('DOCUMENT_COMPLETE', 'Every party has already signed this document');
    if (o.party && o.party !== party)
      throw new ConflictError(
        'SIGNING_OUT_OF_ORDER',
        `${DOCUMENT_PARTY_LABEL[party]} signs next (order: ${d.parties.map((p) => DOCUMENT_PARTY_LABEL[p]).join(', ')})`,
      );
    const roles = o.maySignAs[party] ?? [];
    if (!roles.includes(scope.role))
      throw new ForbiddenError(
        `A ${scope.role} cannot sign as ${DOCUMENT_PARTY_LABEL[party].toLowerCase()}; allowed: ${roles.join(', ')}`,
      );
    const missing = d.parties.filter((p) => !o.signerOf(p));
    if (missing.length)
      throw new UnprocessableError(
        'SIGNER_MISSING',
        'Fill in who signs (title and name) before signing',
        missing.map((p) => ({
          field: o.missingField[p]?.field ?? p,
          messages: [o.missingField[p]?.message ?? 'Penanda tangan belum diisi.'],
        })),
      );
    const signer = o.signerOf(party)!;
    const { nik, passphrase } = o.credentials ?? {};
    if (this.provider.needsCredentials && (!nik || !passphrase))
      throw new UnprocessableError('SIGNING_CREDENTIALS_REQUIRED', 'Send the signer’s nik and passphrase', [
        { field: nik ? 'passphrase' : 'nik', messages: ['NIK dan passphrase penanda tangan wajib diisi.'] },
      ]);

    const code = doc?.code ?? verificationCode(randomBytes(12));
    const base = doc
      ? await this.evidence.readContent(doc.sha256)
      : await o.render(verificationUrl(this.config.PUBLIC_URL, code));
    const signed = await this.provider.sign({
      pdf: base,
      signerName: signer.name,
      location: o.location,
      reason: o.reason(party),
      credentials: nik && passphrase ? { nik, passphrase } : undefined,
    });
    const file = await this.evidence.storeContent(signed, { ext: 'pdf', mime: 'application/pdf' });
    const complete = nextPartyOf(d.parties, [...signatures.map((s) => s.party), party]) === null;
    await this.db.transaction(async (m) => {
      let saved: SignedDocument;
      if (doc) {
        saved = await updateWithVersion(
          m,
          SignedDocument,
          doc,
          doc.version,
          { fileId: file.id, sha256: file.sha256, complete },
          'Signed document',
        );
      } else {
        try {
          saved = await m.save(
            m.create(SignedDocument, {
              regionId: d.regionId,
              skpdId: d.skpdId,
              kind: d.kind,
              subjectId: d.subjectId,
              code,
              title: o.title,
              issuer: o.issuer,
              fileId: file.id,
              sha256: file.sha256,
              complete,
            }),
          );
        } catch (err) {
          throw signingRace(err);
        }
      }
      try {
        await m.insert(DocumentSignature, {
          regionId: d.regionId,
          skpdId: d.skpdId,
          documentId: saved.id,
          party,
          signerName: signer.name,
          signerTitle: signer.title,
          signerNip: signer.nip,
          signedBy: scope.userId,
          provider: this.provider.name,
          sha256: file.sha256,
          signedAt: new Date(),
        });
      } catch (err) {
        throw signingRace(err);
      }
      // Never the nik or the passphrase.
      await this.audit.record(m, scope, {
        action: 'SIGN',
        entity: o.audit.entity,
        entityId: o.audit.entityId,
        regionId: d.regionId,
        after: { kind: d.kind, party, signer: signer.name, provider: this.provider.name, sha256: file.sha256, code },
      });
    });
    return this.status(d);
  }

  /** The public verification of a code, optionally of a presented file. Unknown or malformed code: 404. */
  async verify(rawCode: string, presented?: Buffer): Promise<VerificationDto> {
    const code = normalizeCode(rawCode);
    const doc = code ? await this.db.getRepository(SignedDocument).findOne({ where: { code } }) : null;
    if (!doc) throw new NotFoundError('Document');
    const region = await this.db.getRepository(Region).findOneByOrFail({ id: doc.regionId });
    const signatures = await this.signaturesOf(this.db.manager, doc.id);
    const result: VerificationDto = {
      code: doc.code,
      kind: doc.kind,
      title: doc.title,
      issuer: doc.issuer,
      sha256: doc.sha256,
      complete: doc.complete,
      signatures: signatures.map((s) => this.signatureDto(s, region.timezone)),
    };
    if (presented) {
      const sha256 = sha256Of(presented);
      result.presented = {
        sha256,
        matches: sha256 === doc.sha256,
        matchesEarlierVersion: sha256 !== doc.sha256 && signatures.some((s) => s.sha256 === sha256),
      };
    }
    return result;
  }

  /** The verification as the public page shows it. */
  toView(v: VerificationDto): VerificationView {
    return {
      code: v.code,
      title: v.title,
      issuer: v.issuer,
      sha256: v.sha256,
      complete: v.complete,
      signatures: v.signatures.map((s) => ({
        partyLabel: s.partyLabel,
        name: s.name,
        title: s.title,
        signedAt: s.signedAt,
      })),
      presented: v.presented,
    };
  }

  /** 404 DOCUMENT_NOT_SIGNED while nobody signed. */
  static notSigned(what: string): DomainError {
    return new DomainError('DOCUMENT_NOT_SIGNED', 'not_found', `Nobody has signed this ${what} yet`);
  }

  private signatureDto(s: DocumentSignature, timezone: string): DocumentSignatureDto {
    return {
      party: s.party,
      partyLabel: DOCUMENT_PARTY_LABEL[s.party],
      name: s.signerName,
      title: s.signerTitle,
      signedAt: indonesianDateTime(new Date(s.signedAt), timezone),
    };
  }

  private signaturesOf(m: EntityManager, documentId: string): Promise<DocumentSignature[]> {
    return m.getRepository(DocumentSignature).find({ where: { documentId }, order: { signedAt: 'ASC', party: 'ASC' } });
  }
}
