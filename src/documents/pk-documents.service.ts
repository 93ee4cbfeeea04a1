import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In, IsNull, LessThanOrEqual, MoreThanOrEqual } from 'typeorm';
import type Decimal from 'decimal.js';
import { BudgetService } from '../budget/budget.service';
import { InvalidStateError } from '../common/errors/domain-error';
import type { DownloadFile } from '../common/http/file-download';
import { regionOf, type TenantScope } from '../common/tenancy/tenant-scope';
import { printedTitle, type Signer, signerOf } from '../organization/domain/signer';
import { Region } from '../organization/entities/region.entity';
import { Skpd } from '../organization/entities/skpd.entity';
import { Indicator } from '../planning/entities/indicator.entity';
import { IndicatorTarget } from '../planning/entities/indicator-target.entity';
import type { PerformanceAgreement } from '../planning/entities/performance-agreement.entity';
import { PkIndicator } from '../planning/entities/pk-indicator.entity';
import { PlanNode } from '../planning/entities/plan-node.entity';
import { PlanningPeriod } from '../planning/entities/planning-period.entity';
import { PkService } from '../planning/pk.service';
import { DocumentSigningService, type PartySigner, type SignableDocument } from './document-signing.service';
import type { DocumentParty } from './domain/document-parties';
import {
  buildPkDocument,
  PARTY_LABEL,
  type PkDocumentInput,
  type PkDocumentModel,
  type PkTargetInput,
  signingParties,
} from './domain/pk-document';
import type { DocumentStatusDto, SignPkDto } from './dto/documents.dto';
import { renderPkPdf } from './pk-pdf';

export type PdfFile = DownloadFile;

/** Everything the PK document shows: an SKPD's PK revision, or the Pemda's own PK of a year (pk and skpd null). */
interface PkSource {
  pk: PerformanceAgreement | null;
  year: number;
  region: Region;
  skpd: Skpd | null;
  first: Signer | null;
  second: Signer | null;
  targets: PkTargetInput[];
  /** The SKPD's programs with their pagu of the PK's year (undefined: no budget data, the page is left out). */
  budget?: { program: string; amount: Decimal }[];
}

/** Who may sign as which party: the SKPD's planner for its head, the HEAD role for the regional head; the region admin on behalf of either. */
const MAY_SIGN_AS = {
  FIRST: ['PLANNER', 'REGION_ADMIN'],
  SECOND: ['HEAD', 'REGION_ADMIN'],
} as const;

/** The subject id of the Pemda's PK of a year (signed_documents.subjectId is 36 characters: a UUID-shaped hash). */
export function pemdaPkSubject(regionId: string, year: number): string {
  const h = createHash('sha256').update(`PK_PEMDA:${regionId}:${year}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const asPartySigner = (s: Signer | null): PartySigner | null =>
  s ? { name: s.name, title: printedTitle(s), nip: s.nip } : null;

/**
 * The PK as a PDF and its electronic signature: an SKPD's PK by the SKPD head then the regional head, the Pemda's own
 * PK (its IKU with the RPJMD targets of the year) by the regional head alone. Access follows the PK's (planning.read
 * to read, planners only their SKPD's); signing needs document.sign and the role of the party (MAY_SIGN_AS).
 *
 * Decisions:
 * - Only an APPROVED or LOCKED revision that is not superseded is signed. Those statuses never return to DRAFT
 *   (pk.service assertDraft refuses every target change with 409 LOCKED), so a signed PK is immutable; a change
 *   is a new revision (POST /pk/:id/revisions), which has no signatures and is signed anew.
 * - The Pemda's PK is signed once it has IKU targets for the year; once signed, the stored file is what it serves.
 * - Signing itself (provider, storage, verification code) is DocumentSigningService's.
 */
@Injectable()
export class PkDocumentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly pks: PkService,
    private readonly signing: DocumentSigningService,
    private readonly budgets: BudgetService,
  ) {}

  /** The signed PDF when anybody signed, else a fresh draft watermarked "DRAF". */
  async document(scope: TenantScope, pkId: string): Promise<PdfFile> {
    return this.documentOf(await this.source(scope, pkId));
  }

  /** The signed PDF; 404 DOCUMENT_NOT_SIGNED while nobody signed. */
  async signedFile(scope: TenantScope, pkId: string): Promise<PdfFile> {
    return this.signedOf(await this.source(scope, pkId));
  }

  async status(scope: TenantScope, pkId: string): Promise<DocumentStatusDto> {
    return this.signing.status(this.signable(await this.source(scope, pkId)));
  }

  /** Signs as the next party (the SKPD head, then the regional head). */
  async sign(scope: TenantScope, pkId: string, dto: SignPkDto): Promise<DocumentStatusDto> {
    const source = await this.source(scope, pkId);
    const pk = source.pk!;
    if (pk.status !== 'APPROVED' && pk.status !== 'LOCKED')
      throw new InvalidStateError('PK_NOT_AGREED', `Only an approved or locked PK is signed; this one is ${pk.status}`);
    if (pk.supersededAt)
      throw new InvalidStateError('PK_SUPERSEDED', 'This PK revision was replaced by a later one; sign that one');
    return this.signSource(scope, source, dto);
  }

  /** The Pemda's own PK of a year (region-wide callers). */
  async pemdaDocument(scope: TenantScope, year: number): Promise<PdfFile> {
    return this.documentOf(await this.pemdaSource(scope, year));
  }

  async pemdaSignedFile(scope: TenantScope, year: number): Promise<PdfFile> {
    return this.signedOf(await this.pemdaSource(scope, year));
  }

  async pemdaStatus(scope: TenantScope, year: number): Promise<DocumentStatusDto> {
    return this.signing.status(this.signable(await this.pemdaSource(scope, year)));
  }

  /** Signs the Pemda's PK of a year as the regional head (HEAD, or the region admin on their behalf). */
  async signPemda(scope: TenantScope, year: number, dto: SignPkDto): Promise<DocumentStatusDto> {
    const source = await this.pemdaSource(scope, year);
    if (source.targets.length === 0)
      throw new InvalidStateError('PK_NOT_AGREED', `The Pemda has no IKU with a target for ${year} to sign`);
    return this.signSource(scope, source, dto);
  }

  private async documentOf(source: PkSource): Promise<PdfFile> {
    const signed = await this.signing.signedContent(...this.subject(source));
    if (signed) return this.pdfFile(source, signed, false);
    const content = await renderPkPdf(this.model(source, new Date()), { draft: true, verifyUrl: null });
    return this.pdfFile(source, content, true);
  }

  private async signedOf(source: PkSource): Promise<PdfFile> {
    const signed = await this.signing.signedContent(...this.subject(source));
    if (!signed) throw DocumentSigningService.notSigned('PK');
    return this.pdfFile(source, signed, false);
  }

  private signSource(scope: TenantScope, source: PkSource, dto: SignPkDto): Promise<DocumentStatusDto> {
    const model = this.model(source, new Date());
    const signers: Record<DocumentParty, Signer | null> = {
      FIRST: source.first,
      SECOND: source.second,
      INSPECTOR: null,
    };
    return this.signing.sign(scope, this.signable(source), {
      party: dto.party,
      maySignAs: MAY_SIGN_AS,
      signerOf: (p) => asPartySigner(signers[p]),
      missingField: {
        FIRST: { field: 'skpd.headName', message: 'Nama dan jabatan kepala SKPD belum diisi.' },
        SECOND: { field: 'region.headName', message: 'Nama dan jabatan kepala daerah belum diisi.' },
      },
      render: (verifyUrl) => renderPkPdf(model, { draft: false, verifyUrl }),
      title: model.title,
      issuer: model.subtitle.join(' – '),
      location: source.region.seatCity ?? source.region.name,
      reason: (p) =>
        source.skpd
          ? `${PARTY_LABEL[p === 'FIRST' ? 'FIRST' : 'SECOND']} Perjanjian Kinerja Tahun ${source.year}`
          : `Perjanjian Kinerja Pemerintah Daerah Tahun ${source.year}`,
      audit: source.pk
        ? { entity: 'PerformanceAgreement', entityId: source.pk.id }
        : { entity: 'PemdaPerformanceAgreement', entityId: this.subject(source)[1] },
      credentials: { nik: dto.nik, passphrase: dto.passphrase },
    });
  }

  private subject(source: PkSource): ['PK' | 'PK_PEMDA', string] {
    return source.pk ? ['PK', source.pk.id] : ['PK_PEMDA', pemdaPkSubject(source.region.id, source.year)];
  }

  private signable(source: PkSource): SignableDocument {
    const [kind, subjectId] = this.subject(source);
    const pk = source.pk;
    return {
      kind,
      subjectId,
      regionId: source.region.id,
      skpdId: source.skpd?.id ?? null,
      timezone: source.region.timezone,
      parties: signingParties(!source.skpd),
      signable: pk
        ? (pk.status === 'APPROVED' || pk.status === 'LOCKED') && !pk.supersededAt
        : source.targets.length > 0,
    };
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
      year: pk.year,
      region,
      skpd,
      first: signerOf(skpd) ?? fallback(pk.signerName, pk.signerTitle),
      second: signerOf(region) ?? fallback(pk.counterpartName, pk.counterpartTitle),
      targets: await this.targetsOf(pk.id),
      budget: await this.budgetOf(scope, pk.skpdId, pk.year),
    };
  }

  /** Program and pagu (DPA-P when revised) of the SKPD's budget in the year, the PK's "Program dan Anggaran" page. */
  private async budgetOf(scope: TenantScope, skpdId: string, year: number) {
    const rows = await this.budgets.programBudgetRows(scope, skpdId, year);
    return rows.length ? rows.map((r) => ({ program: `${r.code} ${r.program}`, amount: r.pagu })) : undefined;
  }

  /**
   * The Pemda's PK of a year: the IKU Pemda of the RPJMD periods covering the year with their target for the year,
   * in code order. Anyone of the region who reads plans may read it; only the regional head (or the admin) signs.
   */
  private async pemdaSource(scope: TenantScope, year: number): Promise<PkSource> {
    const regionId = regionOf(scope);
    const region = await this.db.getRepository(Region).findOneByOrFail({ id: regionId });
    const periods = await this.db.getRepository(PlanningPeriod).find({
      where: { regionId, startYear: LessThanOrEqual(year), endYear: MoreThanOrEqual(year) },
    });
    const indicators = periods.length
      ? await this.db.getRepository(Indicator).find({
          where: { regionId, periodId: In(periods.map((p) => p.id)), skpdId: IsNull(), isIku: true },
          order: { code: 'ASC' },
        })
      : [];
    const targets = indicators.length
      ? new Map(
          (
            await this.db
              .getRepository(IndicatorTarget)
              .find({ where: { regionId, year, indicatorId: In(indicators.map((i) => i.id)) } })
          ).map((t) => [t.indicatorId, t.target]),
        )
      : new Map();
    const withTarget = indicators.filter((i) => targets.has(i.id));
    const nodes = withTarget.length
      ? new Map(
          (await this.db.getRepository(PlanNode).findBy({ id: In(withTarget.map((i) => i.nodeId)) })).map((n) => [
            n.id,
            n,
          ]),
        )
      : new Map<string, PlanNode>();
    return {
      pk: null,
      year,
      region,
      skpd: null,
      first: null,
      second: signerOf(region),
      targets: withTarget.map((i) => ({
        sasaran: nodes.get(i.nodeId)?.name ?? '',
        indicator: i.name,
        satuan: i.satuan,
        annual: targets.get(i.id)!,
        quarters: [],
      })),
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
      year: source.year,
      revision: source.pk?.revision ?? 0,
      regionName: source.region.name,
      seatCity: source.region.seatCity,
      timezone: source.region.timezone,
      skpdName: source.skpd?.name ?? null,
      firstParty: source.first,
      secondParty: source.second,
      targets: source.targets,
      budget: source.budget,
      date,
    };
  }

  private pdfFile(source: PkSource, content: Buffer, draft: boolean): PdfFile {
    const revision = source.pk?.revision ? `-Perubahan-${source.pk.revision}` : '';
    const owner = source.skpd ? (source.skpd.shortName ?? source.skpd.code) : 'Pemda';
    const stem = `Perjanjian-Kinerja-${source.year}${revision}-${owner}`;
    const fileName = `${stem.replace(/[^A-Za-z0-9._-]+/g, '-')}${draft ? '-DRAF' : ''}.pdf`;
    return { content, fileName };
  }
}
