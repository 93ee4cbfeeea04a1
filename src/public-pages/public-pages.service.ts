import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { NotFoundError, UnprocessableError } from '../common/errors/domain-error';
import { regionOf, type TenantScope } from '../common/tenancy/tenant-scope';
import type { DownloadFile } from '../common/http/file-download';
import { SignedDocument } from '../documents/entities/signed-document.entity';
import { LkjipDocumentsService } from '../documents/lkjip-documents.service';
import { Evaluation } from '../evaluation/entities/evaluation.entity';
import { Region } from '../organization/entities/region.entity';
import { CapaianService } from '../performance/capaian.service';
import { HistoryService } from '../progress/history.service';
import { signedDocumentsOf } from '../provinces/provinces.service';
import type { PublicItemResponseDto, PublishItemDto } from './dto/public-item.dto';
import { itemKeyOf, PublicItem, YEAR_ITEM_KINDS } from './entities/public-item.entity';

/** A read-only view of a region's own figures, as its head would see them (no caller: a public page). */
const readerOf = (regionId: string, correlationId: string): TenantScope => ({
  userId: 'public',
  username: 'publik',
  role: 'HEAD',
  regionId,
  skpdId: null,
  isQa: false,
  correlationId,
});

export const lkjipHref = (code: string, year: number) => `/publik/${encodeURIComponent(code)}/lkjip/${year}.docx`;

const toResponse = (i: PublicItem): PublicItemResponseDto => ({
  id: i.id,
  kind: i.kind,
  year: i.year,
  documentId: i.documentId,
  publishedAt: i.publishedAt.toISOString(),
});

/** What a region's public page shows: only published items, no internal ids, signers' names and titles only. */
export interface PublicPage {
  region: { code: string; name: string; kind: string };
  province: { code: string; name: string; publishes: boolean } | null;
  history: { year: number; total: string; predicate: string; source: string }[] | null;
  /** Summaries of the LHE of the published years: total, predicate, source, the date it was made FINAL. */
  lhe: {
    year: number;
    total: string;
    predicate: string;
    source: string;
    finalizedAt: string | null;
    publishedAt: string;
  }[];
  /** The Pemda's published LKjIP, each downloadable as DOCX. */
  lkjip: { year: number; publishedAt: string; href: string }[];
  iku: {
    year: number;
    publishedAt: string;
    indicators: {
      code: string;
      name: string;
      satuan: string | null;
      target: string | null;
      capaian: string | null;
      category: string | null;
    }[];
  }[];
  documents: {
    kind: string;
    title: string;
    issuer: string;
    verificationCode: string;
    signedAt: string | null;
    publishedAt: string;
    signers: { name: string; title: string }[];
  }[];
  /** For a province: its kabupaten/kota that publish at least one item. */
  children: { code: string; name: string; kind: string }[];
}

/**
 * Public pages (no login): REGION_ADMIN opts in item by item; the page is built from the published rows on every
 * request, so a withdrawn item is gone at once.
 */
@Injectable()
export class PublicPagesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly history: HistoryService,
    private readonly capaian: CapaianService,
    private readonly audit: AuditService,
    private readonly lkjip: LkjipDocumentsService,
  ) {}

  async list(scope: TenantScope): Promise<PublicItemResponseDto[]> {
    const rows = await this.db.manager.find(PublicItem, {
      where: { regionId: regionOf(scope) },
      order: { publishedAt: 'ASC' },
    });
    return rows.map(toResponse);
  }

  /** Publishes an item (idempotent: an item already published keeps its publication date). */
  async publish(scope: TenantScope, dto: PublishItemDto): Promise<PublicItemResponseDto> {
    const regionId = regionOf(scope);
    const byYear = YEAR_ITEM_KINDS.includes(dto.kind);
    if ((!byYear && dto.year !== undefined) || (dto.kind !== 'DOCUMENT' && dto.documentId !== undefined))
      throw new UnprocessableError(
        'FIELD_NOT_FOR_KIND',
        `A ${dto.kind} item takes no ${dto.year !== undefined && !byYear ? 'year' : 'documentId'}`,
        [
          {
            field: dto.year !== undefined && !byYear ? 'year' : 'documentId',
            messages: ['not allowed for this kind'],
          },
        ],
      );
    const year = byYear ? dto.year! : null;
    const documentId = dto.kind === 'DOCUMENT' ? dto.documentId! : null;
    // An LHE summary needs the year's result, an LKjIP the year's IKU: nothing empty goes public.
    if (dto.kind === 'LHE' && !(await this.lheSummaries(regionId, [year!])).length)
      throw new UnprocessableError('NOTHING_TO_PUBLISH', `The region has no evaluation result for ${year}`, [
        { field: 'year', messages: ['no evaluation result for this year'] },
      ]);
    if (dto.kind === 'LKJIP' && !(await this.capaian.forPemda(scope, { year: year! })).iku.length)
      throw new UnprocessableError('NOTHING_TO_PUBLISH', `The Pemda has no IKU for ${year}`, [
        { field: 'year', messages: ['no IKU for this year'] },
      ]);
    return this.db.transaction(async (m) => {
      if (documentId && !(await m.existsBy(SignedDocument, { id: documentId, regionId, complete: true })))
        throw new NotFoundError('Signed document');
      const itemKey = itemKeyOf(dto.kind, year, documentId);
      const existing = await m.findOneBy(PublicItem, { regionId, itemKey });
      if (existing) return toResponse(existing);
      const row = await m.save(
        m.create(PublicItem, {
          regionId,
          kind: dto.kind,
          itemKey,
          year,
          documentId,
          publishedBy: scope.userId,
          publishedAt: new Date(),
        }),
      );
      await this.audit.record(m, scope, {
        action: 'CREATE',
        entity: 'PublicItem',
        entityId: row.id,
        regionId,
        after: { kind: row.kind, year, documentId },
      });
      return toResponse(row);
    });
  }

  /** Withdraws an item: the row goes, and with it the item on the next page request. */
  async withdraw(scope: TenantScope, id: string): Promise<void> {
    const regionId = regionOf(scope);
    await this.db.transaction(async (m) => {
      const row = await m.findOneBy(PublicItem, { id, regionId });
      if (!row) throw new NotFoundError('Public item');
      await m.delete(PublicItem, { id: row.id });
      await this.audit.record(m, scope, {
        action: 'DELETE',
        entity: 'PublicItem',
        entityId: row.id,
        regionId,
        before: { kind: row.kind, year: row.year, documentId: row.documentId },
      });
    });
  }

  /** The public page of a region by its Kemendagri code; 404 when it publishes nothing (nor, for a province, any child). */
  async page(code: string, correlationId: string): Promise<PublicPage> {
    const m = this.db.manager;
    const region = await m.findOneBy(Region, { code });
    if (!region) throw new NotFoundError('Region');
    const items = await m.find(PublicItem, { where: { regionId: region.id }, order: { year: 'ASC' } });
    const children = region.kind === 'PROVINSI' ? await this.publishingChildren(m, region.id) : [];
    if (items.length === 0 && children.length === 0) throw new NotFoundError('Region');
    const province = region.provinceId ? await m.findOneBy(Region, { id: region.provinceId }) : null;
    const provincePublishes = province
      ? (await m.existsBy(PublicItem, { regionId: province.id })) ||
        (await this.publishingChildren(m, province.id)).length > 0
      : false;

    const history = items.some((i) => i.kind === 'HISTORY')
      ? (await this.history.historyOf(region.id)).region.entries.map((e) => ({
          year: e.year,
          total: e.total,
          predicate: e.predicate,
          source: e.source,
        }))
      : null;

    const reader = readerOf(region.id, correlationId);
    const iku = [];
    for (const item of items.filter((i) => i.kind === 'IKU')) {
      const figures = await this.capaian.forPemda(reader, { year: item.year! });
      iku.push({
        year: item.year!,
        publishedAt: item.publishedAt.toISOString(),
        indicators: figures.iku.map((i) => ({
          code: i.code,
          name: i.name,
          satuan: i.satuan ?? null,
          target: i.pemdaTarget,
          capaian: i.mean?.display ?? null,
          category: i.category?.label ?? null,
        })),
      });
    }

    const lheItems = items.filter((i) => i.kind === 'LHE');
    const lhe = (
      await this.lheSummaries(
        region.id,
        lheItems.map((i) => i.year!),
      )
    ).map((r) => ({
      ...r,
      publishedAt: lheItems.find((i) => i.year === r.year)!.publishedAt.toISOString(),
    }));
    const lkjip = items
      .filter((i) => i.kind === 'LKJIP')
      .map((i) => ({
        year: i.year!,
        publishedAt: i.publishedAt.toISOString(),
        href: lkjipHref(region.code, i.year!),
      }));

    const docItems = items.filter((i) => i.kind === 'DOCUMENT');
    const published = new Map(docItems.map((i) => [i.documentId!, i.publishedAt]));
    const docs = docItems.length ? await signedDocumentsOf(m, region.id, [...published.keys()]) : [];
    return {
      region: { code: region.code, name: region.name, kind: region.kind },
      province: province ? { code: province.code, name: province.name, publishes: provincePublishes } : null,
      history,
      iku,
      lhe,
      lkjip,
      documents: docs.map((d) => ({
        kind: d.kind,
        title: d.title,
        issuer: d.issuer,
        verificationCode: d.code,
        signedAt: d.signedAt,
        publishedAt: published.get(d.documentId)!.toISOString(),
        signers: d.signers,
      })),
      children,
    };
  }

  /** The published LKjIP of a year as DOCX (404 unless the region published it): the same draft as lkjip-pemda.docx. */
  async lkjipFile(code: string, year: number, correlationId: string): Promise<DownloadFile> {
    const region = await this.db.manager.findOneBy(Region, { code });
    if (
      !region ||
      !(await this.db.manager.existsBy(PublicItem, { regionId: region.id, itemKey: itemKeyOf('LKJIP', year, null) }))
    )
      throw new NotFoundError('LKjIP');
    return this.lkjip.pemdaDocx(readerOf(region.id, correlationId), year);
  }

  /**
   * The region's result of each year asked that has one (as in its predicate history: official, FINAL or imported),
   * with the date its Pemda evaluation was made FINAL (null for an imported result).
   */
  private async lheSummaries(regionId: string, years: readonly number[]) {
    if (years.length === 0) return [];
    const entries = (await this.history.historyOf(regionId)).region.entries.filter((e) => years.includes(e.year));
    const finals = entries.length
      ? await this.db.manager.find(Evaluation, {
          where: {
            regionId,
            kind: 'PEMDA',
            status: 'FINAL',
            supersededAt: IsNull(),
            year: In(entries.map((e) => e.year)),
          },
          select: { id: true, year: true, finalizedAt: true },
        })
      : [];
    return entries.map((e) => ({
      year: e.year,
      total: e.total,
      predicate: e.predicate,
      source: e.source,
      finalizedAt: finals.find((f) => f.year === e.year)?.finalizedAt?.toISOString() ?? null,
    }));
  }

  private async publishingChildren(m: EntityManager, provinceId: string) {
    const kids = await m.find(Region, { where: { provinceId }, order: { code: 'ASC' } });
    if (kids.length === 0) return [];
    const publishing = new Set(
      (await m.find(PublicItem, { where: { regionId: In(kids.map((k) => k.id)) }, select: { regionId: true } })).map(
        (i) => i.regionId,
      ),
    );
    return kids.filter((k) => publishing.has(k.id)).map((k) => ({ code: k.code, name: k.name, kind: k.kind }));
  }
}
