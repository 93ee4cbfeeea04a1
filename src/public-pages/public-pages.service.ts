import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { NotFoundError, UnprocessableError } from '../common/errors/domain-error';
import { regionOf, type TenantScope } from '../common/tenancy/tenant-scope';
import { SignedDocument } from '../documents/entities/signed-document.entity';
import { Region } from '../organization/entities/region.entity';
import { CapaianService } from '../performance/capaian.service';
import { HistoryService } from '../progress/history.service';
import { signedDocumentsOf } from '../provinces/provinces.service';
import type { PublicItemResponseDto, PublishItemDto } from './dto/public-item.dto';
import { itemKeyOf, PublicItem } from './entities/public-item.entity';

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
    if ((dto.kind !== 'IKU' && dto.year !== undefined) || (dto.kind !== 'DOCUMENT' && dto.documentId !== undefined))
      throw new UnprocessableError(
        'FIELD_NOT_FOR_KIND',
        `A ${dto.kind} item takes no ${dto.year !== undefined ? 'year' : 'documentId'}`,
        [
          {
            field: dto.year !== undefined && dto.kind !== 'IKU' ? 'year' : 'documentId',
            messages: ['not allowed for this kind'],
          },
        ],
      );
    const year = dto.kind === 'IKU' ? dto.year! : null;
    const documentId = dto.kind === 'DOCUMENT' ? dto.documentId! : null;
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

    // A read-only view of the region's own figures, as its head would see them (no caller: a public page).
    const reader: TenantScope = {
      userId: 'public',
      username: 'publik',
      role: 'HEAD',
      regionId: region.id,
      skpdId: null,
      isQa: false,
      correlationId,
    };
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

    const docItems = items.filter((i) => i.kind === 'DOCUMENT');
    const published = new Map(docItems.map((i) => [i.documentId!, i.publishedAt]));
    const docs = docItems.length ? await signedDocumentsOf(m, region.id, [...published.keys()]) : [];
    return {
      region: { code: region.code, name: region.name, kind: region.kind },
      province: province ? { code: province.code, name: province.name, publishes: provincePublishes } : null,
      history,
      iku,
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
