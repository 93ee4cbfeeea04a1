import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { NotFoundError } from '../common/errors/domain-error';
import { regionOf, type TenantScope } from '../common/tenancy/tenant-scope';
import { Fraction } from '../evaluation/domain/fraction';
import type { Band } from '../evaluation/domain/rule-set';
import { Evaluation } from '../evaluation/entities/evaluation.entity';
import { evaluationResultOf } from '../evaluation/evaluation-result';
import { DocumentSignature } from '../documents/entities/document-signature.entity';
import { SignedDocument } from '../documents/entities/signed-document.entity';
import { Region } from '../organization/entities/region.entity';
import { Skpd } from '../organization/entities/skpd.entity';
import type { RegionAggregate } from '../progress/domain/benchmark';
import { gapJson, gapOf } from '../progress/domain/gap';
import { HistoryService } from '../progress/history.service';
import { ProgressResultsService } from '../progress/progress-results.service';
import { RoadmapService } from '../progress/roadmap.service';
import type { DownloadFile } from '../common/http/file-download';
import { signerOf } from '../organization/domain/signer';
import { childRegion, childRegions } from './province-access';
import { writeProvinceRecapWorkbook } from './province-recap-workbook';

/** Years the recap's trend covers, ending with the recap's year. */
export const TREND_YEARS = 5;

/** A region's result of one year as the province sees it: FINAL or official only, never a draft. */
export interface YearResult {
  year: number;
  total: Fraction;
  predicate: string;
  /** OFFICIAL (KemenPAN-RB), OWN_SHEET (the Pemda's FINAL LKE), SKPD_MEAN (mean of FINAL SKPD sheets), IMPORTED. */
  source: string;
  bands: readonly Band[] | null;
  components: { id: string; name: string; weight: string; score: Fraction | null }[];
}

const scoreText = (f: Fraction | null) => (f ? f.toFixedHalfUp(2) : null);

/** A year result as JSON (figures rounded half-up to 2 places for display; the exact total beside). */
export function yearResultJson(r: YearResult) {
  return {
    year: r.year,
    source: r.source,
    total: r.total.toFixedHalfUp(2),
    totalExact: r.total.toString(),
    predicate: r.predicate,
    components: r.components.map((c) => ({ id: c.id, name: c.name, weight: c.weight, score: scoreText(c.score) })),
    nextBand: r.bands ? gapJson(gapOf(r.total, r.predicate, r.bands, null)).next : null,
  };
}

/**
 * Province oversight (read-only): the kabupaten/kota of the caller's province — their FINAL and official results,
 * predicate history, roadmap of a FINAL Pemda evaluation, completely signed documents — and the province recap.
 * Drafts, work in progress and every other region are 404s (province-access.ts).
 */
@Injectable()
export class ProvincesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly results: ProgressResultsService,
    private readonly history: HistoryService,
    private readonly roadmaps: RoadmapService,
  ) {}

  async children(scope: TenantScope) {
    const rows = await childRegions(this.db.manager, scope);
    return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind }));
  }

  async historyOf(scope: TenantScope, regionId: string) {
    const child = await childRegion(this.db.manager, scope, regionId);
    return { region: regionHead(child), history: await this.history.historyOf(child.id) };
  }

  /** The region's result of a year: its Pemda aggregate (official, else FINAL sheet, else mean of FINAL SKPD sheets), else an imported result. */
  async yearResult(m: EntityManager, regionId: string, year: number): Promise<YearResult | null> {
    const agg = await this.results.regionAggregate(m, regionId, year);
    if (agg) return this.fromAggregate(year, agg);
    const imported = (await this.history.resultsBySubject(m, regionId)).get('PEMDA')?.find((r) => r.year === year);
    if (!imported) return null;
    return {
      year,
      total: imported.total,
      predicate: imported.predicate,
      source: imported.source,
      bands: imported.ruleSet?.bands ?? null,
      components: [],
    };
  }

  private fromAggregate(year: number, agg: RegionAggregate): YearResult {
    return {
      year,
      total: agg.total,
      predicate: agg.predicate,
      source: agg.source ?? agg.basis,
      bands: this.results.ruleSets.find(agg.ruleSet.code, agg.ruleSet.version)?.bands ?? null,
      components: agg.components.map((c) => ({ id: c.id, name: c.name, weight: c.weight, score: c.score })),
    };
  }

  /** The latest year with a current evaluation or an imported result (null: none). */
  private async latestYear(m: EntityManager, regionId: string): Promise<number | null> {
    const years = [
      ...(await this.results.current(m, regionId)).map((e) => e.year),
      ...[...(await this.history.resultsBySubject(m, regionId)).values()].flat().map((r) => r.year),
    ];
    return years.length ? Math.max(...years) : null;
  }

  /** A kabupaten/kota's result of a year and its SKPD's FINAL results (drafts never appear). */
  async resultsOf(scope: TenantScope, regionId: string, year?: number) {
    const m = this.db.manager;
    const child = await childRegion(m, scope, regionId);
    const y = year ?? (await this.latestYear(m, child.id));
    if (y === null) return { region: regionHead(child), year: null, result: null, skpd: [] };
    const [result, evs] = await Promise.all([this.yearResult(m, child.id, y), this.results.current(m, child.id, [y])]);
    const finals = evs.filter((e) => e.kind === 'SKPD' && e.status === 'FINAL');
    const skpds = new Map(
      (finals.length
        ? await m.find(Skpd, { where: { regionId: child.id, id: In(finals.map((e) => e.skpdId!)) } })
        : []
      ).map((s) => [s.id, s]),
    );
    // A year asked for whose results are drafts only (or absent) is a 404, like any row the caller may not read.
    if (year !== undefined && !result && finals.length === 0) throw new NotFoundError('Result');
    const skpd = finals
      .map((e) => ({ ev: e, result: evaluationResultOf(e), unit: skpds.get(e.skpdId!) }))
      .filter((x) => x.result && x.unit)
      .sort((a, b) => a.unit!.code.localeCompare(b.unit!.code))
      .map((x) => ({
        skpdId: x.unit!.id,
        code: x.unit!.code,
        name: x.unit!.name,
        total: x.result!.total.toFixedHalfUp(2),
        predicate: x.result!.predicate,
      }));
    return { region: regionHead(child), year: y, result: result ? yearResultJson(result) : null, skpd };
  }

  /** The next-predicate roadmap of the region's FINAL Pemda evaluation of a year; 404 while it is not FINAL. */
  async roadmapOf(scope: TenantScope, regionId: string, year?: number) {
    const m = this.db.manager;
    const child = await childRegion(m, scope, regionId);
    const pemda = await m.find(Evaluation, {
      where: { regionId: child.id, kind: 'PEMDA', status: 'FINAL', supersededAt: IsNull(), ...(year ? { year } : {}) },
      order: { year: 'DESC' },
      take: 1,
    });
    if (!pemda[0]) throw new NotFoundError('Evaluation');
    return { region: regionHead(child), roadmap: await this.roadmaps.roadmapOf(m, child.id, pemda[0]) };
  }

  /** The region's completely signed documents, with signers' names and titles only. */
  async documentsOf(scope: TenantScope, regionId: string) {
    const m = this.db.manager;
    const child = await childRegion(m, scope, regionId);
    return { region: regionHead(child), documents: await signedDocumentsOf(m, child.id) };
  }

  /** The recap as the workbook "Rekapitulasi Hasil Evaluasi SAKIP Kabupaten/Kota", signed by the province's head. */
  async recapFile(scope: TenantScope, year: number): Promise<DownloadFile> {
    const recap = await this.recap(scope, year);
    const province = await this.db.manager.findOneByOrFail(Region, { id: regionOf(scope) });
    const content = await writeProvinceRecapWorkbook(recap, {
      place: province.seatCity,
      date: new Date(),
      timeZone: province.timezone,
      signer: signerOf(province),
      title: province.headTitle ?? `Gubernur ${province.name.replace(/^Provinsi\s+/i, '')}`,
    });
    return { fileName: `Rekap SAKIP ${province.name} ${year}.xlsx`, content };
  }

  /** Every kabupaten/kota of the province for a year, with the province's own result, the distribution and the trend. */
  async recap(scope: TenantScope, year: number) {
    const m = this.db.manager;
    const provinceId = regionOf(scope);
    const province = await m.findOneByOrFail(Region, { id: provinceId });
    const children = await childRegions(m, scope);
    const years = Array.from({ length: TREND_YEARS }, (_, i) => year - TREND_YEARS + 1 + i);
    const seriesOf = async (regionId: string) =>
      new Map(
        (await Promise.all(years.map((y) => this.yearResult(m, regionId, y))))
          .filter((r): r is YearResult => r !== null)
          .map((r) => [r.year, r]),
      );
    const rows = [];
    for (const child of children) {
      const series = await seriesOf(child.id);
      const current = series.get(year) ?? null;
      const previous = series.get(year - 1) ?? null;
      rows.push({
        ...regionHead(child),
        result: current ? yearResultJson(current) : null,
        previous: previous ? { total: previous.total.toFixedHalfUp(2), predicate: previous.predicate } : null,
        change: current && previous ? current.total.plus(previous.total.times(Fraction.of(-1))).toFixedHalfUp(2) : null,
        trend: years.map((y) => {
          const r = series.get(y);
          return { year: y, total: r ? r.total.toFixedHalfUp(2) : null, predicate: r?.predicate ?? null };
        }),
      });
    }
    const own = await this.yearResult(m, provinceId, year);
    const distribution = new Map<string, number>();
    for (const r of rows)
      if (r.result) distribution.set(r.result.predicate, (distribution.get(r.result.predicate) ?? 0) + 1);
    return {
      province: { ...regionHead(province), result: own ? yearResultJson(own) : null },
      year,
      years,
      regions: rows,
      distribution: [...distribution].map(([predicate, count]) => ({ predicate, count })),
      withoutResult: rows.filter((r) => !r.result).length,
    };
  }
}

export type ProvinceRecap = Awaited<ReturnType<ProvincesService['recap']>>;

export const regionHead = (r: Region) => ({ regionId: r.id, code: r.code, name: r.name, kind: r.kind });

/** Completely signed documents of a region: title, issuer, verification code, when signed, signers (name, title). */
export async function signedDocumentsOf(m: EntityManager, regionId: string, ids?: readonly string[]) {
  const docs = await m.find(SignedDocument, {
    where: { regionId, complete: true, ...(ids ? { id: In([...ids]) } : {}) },
    order: { createdAt: 'ASC' },
  });
  if (docs.length === 0) return [];
  const sigs = await m.find(DocumentSignature, {
    where: { regionId, documentId: In(docs.map((d) => d.id)) },
    order: { signedAt: 'ASC' },
  });
  return docs.map((d) => {
    const own = sigs.filter((s) => s.documentId === d.id);
    return {
      documentId: d.id,
      kind: d.kind,
      code: d.code,
      title: d.title,
      issuer: d.issuer,
      signedAt: own.length ? own[own.length - 1].signedAt.toISOString() : null,
      signers: own.map((s) => ({ name: s.signerName, title: s.signerTitle })),
    };
  });
}
