import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  UnprocessableError,
} from '../common/errors/domain-error';
import { isUniqueViolation } from '../common/filters/to-error-body';
import type { DownloadFile } from '../common/http/file-download';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { updateWithVersion } from '../common/typeorm/versioned-update';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { EvidenceService } from '../evidence/evidence.service';
import { type Signer, signerOf } from '../organization/domain/signer';
import { Region } from '../organization/entities/region.entity';
import { Skpd } from '../organization/entities/skpd.entity';
import { Indicator } from '../planning/entities/indicator.entity';
import type { PerformanceAgreement } from '../planning/entities/performance-agreement.entity';
import { PkIndicator } from '../planning/entities/pk-indicator.entity';
import { PlanNode } from '../planning/entities/plan-node.entity';
import { PkService } from '../planning/pk.service';
import { indonesianDateTime } from '../common/time/indonesian-date';
import {
  buildPkDocument,
  nextParty,
  PARTY_LABEL,
  type PkDocumentInput,
  type PkDocumentModel,
  type PkParty,
  type PkTargetInput,
} from './domain/pk-document';
import { normalizeCode, verificationCode, verificationUrl, type VerificationView } from './domain/verification';
import type { DocumentSignatureDto, DocumentStatusDto, SignPkDto, VerificationDto } from './dto/documents.dto';
import { DocumentSignature } from './entities/document-signature.entity';
import { SignedDocument } from './entities/signed-document.entity';
import { renderPkPdf } from './pk-pdf';
import { SIGNING_PROVIDER, type SigningProvider } from './signing/signing-provider';

export type PdfFile = DownloadFile;

/** A unique key hit while signing means another signature of the same PK landed at the same moment: 409. */
const signingRace = (err: unknown): unknown =>
  isUniqueViolation(err)
    ? new ConflictError('SIGNING_CONFLICT', 'Someone signed this PK at the same moment; reload and try again')
    : err;

/** Everything the PK document shows, loaded for one PK revision. */
interface PkSource {
  pk: PerformanceAgreement;
  region: Region;
  skpd: Skpd;
  first: Signer | null;
  second: Signer | null;
  targets: PkTargetInput[];
}

/** Who may sign as which party: the SKPD's planner for its head, the HEAD role for the regional head; the region admin on behalf of either. */
const MAY_SIGN_AS: Record<PkParty, readonly TenantScope['role'][]> = {
  FIRST: ['PLANNER', 'REGION_ADMIN'],
  SECOND: ['HEAD', 'REGION_ADMIN'],
};

const sha256Of = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');

/**
 * The PK as a PDF and its electronic signature by both parties. Access follows the PK's (planning.read to read,
 * planners only their SKPD's); signing needs document.sign and the role of the party (MAY_SIGN_AS).
 *
 * Decisions:
 * - Only an APPROVED or LOCKED revision that is not superseded is signed. Those statuses never return to DRAFT
 *   (pk.service assertDraft refuses every target change with 409 LOCKED), so a signed PK is immutable; a change
 *   is a new revision (POST /pk/:id/revisions), which has no signatures and is signed anew.
 * - The first signature renders the final PDF (QR code + verification URL, no watermark) and signs it; the second
 *   signs the stored signed file again as an incremental update, so the first signature stays valid and the last
 *   one covers the whole document.
 * - The provider runs before anything is written: a refused or failed signing stores no file and no row.
 */
@Injectable()
export class PkDocumentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SIGNING_PROVIDER) private readonly provider: SigningProvider,
    private readonly pks: PkService,
    private readonly evidence: EvidenceService,
    private readonly audit: AuditService,
  ) {}

  /** The signed PDF when anybody signed, else a fresh draft watermarked "DRAF". */
  async document(scope: TenantScope, pkId: string): Promise<PdfFile> {
    const source = await this.source(scope, pkId);
    const doc = await this.findDocument(this.db.manager, source.pk.id);
    if (doc) return this.pdfFile(source, await this.evidence.readContent(doc.sha256), false);
    const content = await renderPkPdf(this.model(source, new Date()), { draft: true, verifyUrl: null });
    return this.pdfFile(source, content, true);
  }

  /** The signed PDF; 404 DOCUMENT_NOT_SIGNED while nobody signed. */
  async signedFile(scope: TenantScope, pkId: string): Promise<PdfFile> {
    const source = await this.source(scope, pkId);
    const doc = await this.findDocument(this.db.manager, source.pk.id);
    if (!doc) throw new DomainError('DOCUMENT_NOT_SIGNED', 'not_found', 'Nobody has signed this PK yet');
    return this.pdfFile(source, await this.evidence.readContent(doc.sha256), false);
  }

  async status(scope: TenantScope, pkId: string): Promise<DocumentStatusDto> {
    const source = await this.source(scope, pkId);
    return this.statusOf(source);
  }

  /** Signs as the next party (the SKPD head, then the regional head). */
  async sign(scope: TenantScope, pkId: string, dto: SignPkDto): Promise<DocumentStatusDto> {
    const source = await this.source(scope, pkId);
    const { pk, region } = source;
    if (pk.status !== 'APPROVED' && pk.status !== 'LOCKED')
      throw new InvalidStateError('PK_NOT_AGREED', `Only an approved or locked PK is signed; this one is ${pk.status}`);
    if (pk.supersededAt)
      throw new InvalidStateError('PK_SUPERSEDED', 'This PK revision was replaced by a later one; sign that one');
    const doc = await this.findDocument(this.db.manager, pk.id);
    const signatures = doc ? await this.signaturesOf(this.db.manager, doc.id) : [];
    const party = nextParty(
      false,
      signatures.map((s) => s.party),
    );
    if (!party) throw new ConflictError('DOCUMENT_COMPLETE', 'Every party has already signed this PK');
    if (dto.party && dto.party !== party)
      throw new ConflictError(
        'SIGNING_OUT_OF_ORDER',
        `${PARTY_LABEL[party]} signs next: the SKPD head signs first, then the regional head`,
      );
    if (!MAY_SIGN_AS[party].includes(scope.role))
      throw new ForbiddenError(
        `A ${scope.role} cannot sign as ${PARTY_LABEL[party].toLowerCase()}; allowed: ${MAY_SIGN_AS[party].join(', ')}`,
      );
    this.assertSignersKnown(source);
    const signer = (party === 'FIRST' ? source.first : source.second)!;
    if (this.provider.needsCredentials && (!dto.nik || !dto.passphrase))
      throw new UnprocessableError('SIGNING_CREDENTIALS_REQUIRED', 'Send the signer’s nik and passphrase', [
        { field: dto.nik ? 'passphrase' : 'nik', messages: ['NIK dan passphrase penanda tangan wajib diisi.'] },
      ]);

    const code = doc?.code ?? verificationCode(randomBytes(12));
    const base = doc
      ? await this.evidence.readContent(doc.sha256)
      : await renderPkPdf(this.model(source, new Date()), {
          draft: false,
          verifyUrl: verificationUrl(this.config.PUBLIC_URL, code),
        });
    const signed = await this.provider.sign({
      pdf: base,
      signerName: signer.name,
      location: region.seatCity ?? region.name,
      reason: `${PARTY_LABEL[party]} Perjanjian Kinerja Tahun ${pk.year}`,
      credentials: dto.nik && dto.passphrase ? { nik: dto.nik, passphrase: dto.passphrase } : undefined,
    });
    const file = await this.evidence.storeContent(signed, { ext: 'pdf', mime: 'application/pdf' });
    const complete = nextParty(false, [...signatures.map((s) => s.party), party]) === null;
    const model = this.model(source, new Date());
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
              regionId: pk.regionId,
              skpdId: pk.skpdId,
              kind: 'PK',
              subjectId: pk.id,
              code,
              title: model.title,
              issuer: model.subtitle.join(' – '),
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
          regionId: pk.regionId,
          skpdId: pk.skpdId,
          documentId: saved.id,
          party,
          signerName: signer.name,
          signerTitle: model.signatures.find((s) => s.party === party)!.title,
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
        entity: 'PerformanceAgreement',
        entityId: pk.id,
        regionId: pk.regionId,
        after: { party, signer: signer.name, provider: this.provider.name, sha256: file.sha256, code },
      });
    });
    return this.statusOf(source);
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

  private async statusOf(source: PkSource): Promise<DocumentStatusDto> {
    const doc = await this.findDocument(this.db.manager, source.pk.id);
    const signatures = doc ? await this.signaturesOf(this.db.manager, doc.id) : [];
    const signable = (source.pk.status === 'APPROVED' || source.pk.status === 'LOCKED') && !source.pk.supersededAt;
    return {
      signed: Boolean(doc),
      complete: doc?.complete ?? false,
      code: doc?.code ?? null,
      verifyUrl: doc ? verificationUrl(this.config.PUBLIC_URL, doc.code) : null,
      sha256: doc?.sha256 ?? null,
      nextParty: signable
        ? nextParty(
            false,
            signatures.map((s) => s.party),
          )
        : null,
      signatures: signatures.map((s) => this.signatureDto(s, source.region.timezone)),
    };
  }

  private signatureDto(s: DocumentSignature, timezone: string): DocumentSignatureDto {
    return {
      party: s.party,
      partyLabel: PARTY_LABEL[s.party],
      name: s.signerName,
      title: s.signerTitle,
      signedAt: indonesianDateTime(new Date(s.signedAt), timezone),
    };
  }

  private assertSignersKnown(source: PkSource): void {
    const missing = [
      ...(source.first ? [] : [{ field: 'skpd.headName', messages: ['Nama dan jabatan kepala SKPD belum diisi.'] }]),
      ...(source.second
        ? []
        : [{ field: 'region.headName', messages: ['Nama dan jabatan kepala daerah belum diisi.'] }]),
    ];
    if (missing.length)
      throw new UnprocessableError('SIGNER_MISSING', 'Fill in who signs (title and name) before signing', missing);
  }

  private findDocument(m: EntityManager, pkId: string): Promise<SignedDocument | null> {
    return m.getRepository(SignedDocument).findOne({ where: { kind: 'PK', subjectId: pkId } });
  }

  private signaturesOf(m: EntityManager, documentId: string): Promise<DocumentSignature[]> {
    return m.getRepository(DocumentSignature).find({ where: { documentId }, order: { signedAt: 'ASC', party: 'ASC' } });
  }

  /** The PK (tenancy as for the PK itself), its region and SKPD, and who signs for each. */
  private async source(scope: TenantScope, pkId: string): Promise<PkSource> {
    const pk = await this.pks.findVisible(scope, pkId);
    const region = await this.db.getRepository(Region).findOneByOrFail({ id: pk.regionId });
    const skpd = await this.db.getRepository(Skpd).findOneByOrFail({ id: pk.skpdId });
    // The heads recorded on the SKPD and region (with NIP, rank, Plt./Plh.); the PK's own signer fields otherwise.
    const fallback = (name: string | null, title: string | null): Signer | null =>
      name && title ? { name, title, nip: null, rank: null, acting: null } : null;
    return {
      pk,
      region,
      skpd,
      first: signerOf(skpd) ?? fallback(pk.signerName, pk.signerTitle),
      second: signerOf(region) ?? fallback(pk.counterpartName, pk.counterpartTitle),
      targets: await this.targetsOf(pk.id),
    };
  }

  /** The PK's indicators in their order, each with its sasaran (the indicator's plan node). */
  private async targetsOf(pkId: string): Promise<PkTargetInput[]> {
    const rows = await this.db.getRepository(PkIndicator).find({ where: { pkId }, order: { sortOrder: 'ASC' } });
    if (rows.length === 0) return [];
    const indicators = new Map(
      (await this.db.getRepository(Indicator).findBy({ id: In(rows.map((r) => r.indicatorId)) })).map((i) => [i.id, i]),
    );
    const nodes = new Map(
      (await this.db.getRepository(PlanNode).findBy({ id: In([...indicators.values()].map((i) => i.nodeId)) })).map(
        (n) => [n.id, n],
      ),
    );
    return rows.map((r) => {
      const indicator = indicators.get(r.indicatorId)!;
      return {
        sasaran: nodes.get(indicator.nodeId)?.name ?? '',
        indicator: indicator.name,
        satuan: indicator.satuan,
        annual: r.annualTarget,
        quarters: [r.q1Target, r.q2Target, r.q3Target, r.q4Target],
      };
    });
  }

  private model(source: PkSource, date: Date): PkDocumentModel {
    return buildPkDocument(this.inputOf(source, date));
  }

  private inputOf(source: PkSource, date: Date): PkDocumentInput {
    return {
      year: source.pk.year,
      revision: source.pk.revision,
      regionName: source.region.name,
      seatCity: source.region.seatCity,
      timezone: source.region.timezone,
      skpdName: source.skpd.name,
      firstParty: source.first,
      secondParty: source.second,
      targets: source.targets,
      // Program and budget rows come here once budget data exists (the budget issue); until then no page 3b.
      budget: undefined,
      date,
    };
  }

  private pdfFile(source: PkSource, content: Buffer, draft: boolean): PdfFile {
    const stem = `Perjanjian-Kinerja-${source.pk.year}${source.pk.revision ? `-Perubahan-${source.pk.revision}` : ''}-${source.skpd.shortName ?? source.skpd.code}`;
    const fileName = `${stem.replace(/[^A-Za-z0-9._-]+/g, '-')}${draft ? '-DRAF' : ''}.pdf`;
    return { content, fileName };
  }
}
