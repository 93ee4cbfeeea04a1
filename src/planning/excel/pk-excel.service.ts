import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, FindOptionsSelect } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { ConflictError, UnprocessableError } from '../../common/errors/domain-error';
import type { TenantScope } from '../../common/tenancy/tenant-scope';
import { previewToken, readXlsxUpload, type XlsxUpload } from '../../common/excel/read-xlsx';
import { capProblems } from '../../common/excel/raw-cell';
import { ParsedUploads, sha256Of } from '../../common/excel/parsed-uploads';
import { Indicator } from '../entities/indicator.entity';
import { PerformanceAgreement } from '../entities/performance-agreement.entity';
import { PkIndicator } from '../entities/pk-indicator.entity';
import { UpdateIndicatorDto } from '../dto/indicator.dto';
import { IndicatorsService } from '../indicators.service';
import { PkService } from '../pk.service';
import { PlanNodesService } from '../plan-nodes.service';
import { updateWithVersion } from '../../common/typeorm/versioned-update';
import {
  COLUMNS,
  COMMON_SATUAN,
  type CurrentPkItem,
  PK_SHEET,
  type RawWorkbook,
  readPkSheet,
  type SheetContext,
  type SheetResult,
  type SheetSummary,
  summarize,
} from './domain/pk-sheet';
import { buildPkTemplate, readPkWorkbook, type TemplateRow } from './pk-workbook';

export interface PkExcelPreview extends SheetSummary {
  pkId: string;
  revision: number;
  /** Send back with the same file to commit; bound to this file's bytes and the PK's current version. */
  previewToken: string;
}

export interface PkExcelCommit extends SheetSummary {
  pkId: string;
  revision: number;
  /** The PK's version after the commit. */
  version: number;
}

const AGREED = ['APPROVED', 'LOCKED'];
/** The indicator columns the sheet rules and the commit read (10,000 rows of every column cost as much as a parse). */
const CHECKED_COLUMNS: FindOptionsSelect<Indicator> = {
  id: true,
  code: true,
  satuan: true,
  polarity: true,
  aggregation: true,
  rangeMin: true,
  rangeMax: true,
  version: true,
};

/**
 * Excel round-trip of a Perjanjian Kinerja (issue 5 item 8). Thin adapter: the sheet rules are in domain/pk-sheet.ts,
 * cells in pk-workbook.ts, targets and the workflow in PkService / IndicatorsService.
 *
 * - template: the PK's SKPD indicators in its period (PK rows first, in PK order), current targets filled in.
 * - preview: checks everything, writes nothing; 422 PK_EXCEL_INVALID lists every problem (sheet, row, column,
 *   Indonesian message); otherwise a change summary and a previewToken.
 * - commit: the same file with that token; re-checks everything inside ONE transaction and writes all rows or none.
 *   The token (PK version + file hash) guarantees that what is written is exactly what was previewed, with no upload
 *   kept on the server between the two calls: a changed file or a PK edited meanwhile → 409 PREVIEW_STALE. Only the
 *   preview's parse of the bytes and its sheet-rule result may be kept in memory (ParsedUploads), so the commit of
 *   the same bytes against unchanged indicators neither parses nor runs the rules again.
 */
@Injectable()
export class PkExcelService {
  private readonly parsed = new ParsedUploads<RawWorkbook>();
  private readonly checked = new ParsedUploads<SheetResult>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly pk: PkService,
    private readonly indicators: IndicatorsService,
    private readonly nodes: PlanNodesService,
    private readonly audit: AuditService,
  ) {}

  /** The template workbook of a PK revision the caller may see (planners: own SKPD, else 404). */
  async template(scope: TenantScope, pkId: string): Promise<{ fileName: string; content: Buffer }> {
    const m = this.db.manager;
    const pk = await this.pk.findVisible(scope, pkId, m);
    const skpd = await this.nodes.findSkpd(m, scope, pk.skpdId);
    const indicators = await this.indicatorsOf(m, pk);
    const current = await m.getRepository(PkIndicator).find({ where: { pkId: pk.id }, order: { sortOrder: 'ASC' } });
    const byId = new Map(indicators.map((i) => [i.id, i]));
    const inPk = new Set(current.map((c) => c.indicatorId));
    const toRow = (i: Indicator, item?: PkIndicator): TemplateRow => ({
      id: i.id,
      code: i.code,
      name: i.name,
      satuan: i.satuan,
      polarity: i.polarity,
      aggregation: i.aggregation,
      annual: item?.annualTarget ?? null,
      quarters: item ? [item.q1Target, item.q2Target, item.q3Target, item.q4Target] : [null, null, null, null],
    });
    const rows = [
      ...current.filter((c) => byId.has(c.indicatorId)).map((c) => toRow(byId.get(c.indicatorId)!, c)),
      ...indicators.filter((i) => !inPk.has(i.id)).map((i) => toRow(i)),
    ];
    // Satuan already used in the Pemda's and this SKPD's plans (never another SKPD's), plus the common ones.
    const used = await m
      .getRepository(Indicator)
      .createQueryBuilder('i')
      .select('DISTINCT i.satuan', 'satuan')
      .where('i.regionId = :regionId AND (i.skpdId IS NULL OR i.skpdId = :skpdId)', {
        regionId: pk.regionId,
        skpdId: pk.skpdId,
      })
      .getRawMany<{ satuan: string }>();
    const satuanOptions = [...new Set([...COMMON_SATUAN, ...used.map((u) => u.satuan)])]
      .sort((a, b) => a.localeCompare(b, 'id'))
      .slice(0, 500);
    const content = await buildPkTemplate({
      skpdId: pk.skpdId,
      skpdName: skpd.name,
      year: pk.year,
      revision: pk.revision,
      status: pk.status,
      rows,
      satuanOptions,
    });
    const slug = (skpd.shortName || skpd.code || 'skpd').replace(/[^A-Za-z0-9.-]+/g, '-');
    return { fileName: `PK-${slug}-${pk.year}-rev${pk.revision}.xlsx`, content };
  }

  /** Dry run: every problem as a 422, or what a commit would change plus the token to commit it. Writes nothing. */
  async preview(scope: TenantScope, pkId: string, file: XlsxUpload | undefined): Promise<PkExcelPreview> {
    const m = this.db.manager;
    const pk = await this.editablePk(scope, pkId, m);
    const { workbook, sha256 } = await this.readUpload(file);
    const { summary } = await this.analyse(m, pk, workbook, sha256);
    return { pkId: pk.id, revision: pk.revision, ...summary, previewToken: previewToken(pk.id, pk.version, sha256) };
  }

  /**
   * Writes a previewed file in ONE transaction, all or nothing: every check again (422 with the full list), then the
   * preview token (409 PREVIEW_STALE), then changed indicator settings and the PK's full indicator list (replace).
   */
  async commit(
    scope: TenantScope,
    pkId: string,
    file: XlsxUpload | undefined,
    token: string | undefined,
  ): Promise<PkExcelCommit> {
    await this.editablePk(scope, pkId, this.db.manager);
    const { workbook, sha256 } = await this.readUpload(file);
    return this.db.transaction(async (m) => {
      const pk = await this.editablePk(scope, pkId, m);
      const { result, summary, indicators } = await this.analyse(m, pk, workbook, sha256);
      if (!token || token !== previewToken(pk.id, pk.version, sha256))
        throw new ConflictError(
          'PREVIEW_STALE',
          'Preview this file first: the file differs from the previewed one, or the PK changed since the preview',
        );
      const known = new Map(indicators.map((i) => [i.id, i]));
      for (const r of result.rows) {
        const before = known.get(r.indicatorId)!;
        if (r.satuan === before.satuan && r.polarity === before.polarity && r.aggregation === before.aggregation)
          continue;
        await this.indicators.updateIn(
          m,
          scope,
          r.indicatorId,
          Object.assign(new UpdateIndicatorDto(), {
            version: before.version,
            satuan: r.satuan,
            polarity: r.polarity,
            aggregation: r.aggregation,
            ...(r.polarity !== 'RANGE' ? { rangeMin: null, rangeMax: null } : {}),
            ...(r.polarity !== 'LOWER_IS_BETTER' ? { lowerIsBetterFormula: null } : {}),
          }),
        );
      }
      const items = result.rows
        .filter((r) => r.targets !== null)
        .map((r) => ({ indicatorId: r.indicatorId, annualTarget: r.targets!.annual, quarters: r.targets!.quarters }));
      await this.pk.writeIndicatorsIn(m, scope, pk, items, 'replace');
      const saved = await updateWithVersion(m, PerformanceAgreement, pk, pk.version, {}, 'Performance agreement');
      await this.audit.record(m, scope, {
        action: 'IMPORT_EXCEL',
        entity: 'PerformanceAgreement',
        entityId: pk.id,
        regionId: pk.regionId,
        after: {
          fileSha256: sha256,
          ...summary,
          removed: summary.removed.length,
          settingsChanged: summary.settingsChanged.length,
        },
      });
      return { pkId: pk.id, revision: pk.revision, version: saved.version, ...summary };
    });
  }

  /** A PK the caller may see (else 404) in DRAFT (approved/locked → 409 LOCKED, submitted → 409 PK_SUBMITTED). */
  private async editablePk(scope: TenantScope, pkId: string, m: EntityManager): Promise<PerformanceAgreement> {
    const pk = await this.pk.findVisible(scope, pkId, m);
    this.pk.assertDraft(pk);
    return pk;
  }

  /**
   * The upload opened as hostile input (see readXlsxUpload), read as the sheet rules see it; the commit of a
   * previewed file reuses the preview's parse of the same bytes (see ParsedUploads).
   */
  private async readUpload(file: XlsxUpload | undefined): Promise<{ workbook: RawWorkbook; sha256: string }> {
    const { value, sha256 } = await this.parsed.read(
      'pk',
      file?.buffer,
      async () => {
        const { workbook, sha256 } = await readXlsxUpload(file);
        return { value: readPkWorkbook(workbook), sha256 };
      },
      (wb) => wb.rows.length * COLUMNS.length,
    );
    return { workbook: value, sha256 };
  }

  /**
   * Loads what the sheet rules need and applies them; any problem → 422 PK_EXCEL_INVALID with the (capped) list. The
   * rules are a pure function of the file and this context: when both are exactly the preview's (same bytes, same
   * indicators read now, in this transaction), the commit takes the preview's result instead of running them again.
   */
  private async analyse(
    m: EntityManager,
    pk: PerformanceAgreement,
    workbook: RawWorkbook,
    sha256: string,
  ): Promise<{ result: SheetResult; summary: SheetSummary; indicators: Indicator[] }> {
    const indicators = await this.indicatorsOf(m, pk, CHECKED_COLUMNS);
    const agreed = new Set(
      // From the SKPD's agreed PKs (index uq_pk_revision) to their rows (uq_pk_indicators): pk_indicators has no
      // index on its SKPD, and MariaDB scanned all of it (0.6 s a call on the bench province).
      (
        await m
          .getRepository(PerformanceAgreement)
          .createQueryBuilder('pk')
          .innerJoin(PkIndicator, 'pi', 'pi.pkId = pk.id')
          .select('DISTINCT pi.indicatorId', 'indicatorId')
          .where('pk.skpdId = :skpdId AND pk.regionId = :regionId AND pk.status IN (:...agreed)', {
            regionId: pk.regionId,
            skpdId: pk.skpdId,
            agreed: AGREED,
          })
          .andWhere('pi.regionId = :regionId AND pi.skpdId = :skpdId')
          .getRawMany<{ indicatorId: string }>()
      ).map((r) => r.indicatorId),
    );
    const ctx: SheetContext = {
      skpdId: pk.skpdId,
      year: pk.year,
      indicators: indicators.map((i) => ({
        id: i.id,
        code: i.code,
        satuan: i.satuan,
        polarity: i.polarity,
        aggregation: i.aggregation,
        rangeMin: i.rangeMin,
        rangeMax: i.rangeMax,
        inAgreedPk: agreed.has(i.id),
      })),
    };
    const key = `${sha256}|${sha256Of(Buffer.from(JSON.stringify(ctx)))}`;
    const result =
      this.checked.get(key) ??
      this.checked.keep(key, readPkSheet(workbook, ctx), workbook.rows.length * COLUMNS.length);
    if (result.problems.length)
      throw new UnprocessableError(
        'PK_EXCEL_INVALID',
        `The workbook has ${result.problems.length} problem(s); nothing was written`,
        capProblems(result.problems, PK_SHEET).map((p) => ({ ...p })),
      );
    const current: CurrentPkItem[] = (await m.getRepository(PkIndicator).findBy({ pkId: pk.id })).map((r) => ({
      indicatorId: r.indicatorId,
      annualTarget: r.annualTarget,
      quarters: [r.q1Target, r.q2Target, r.q3Target, r.q4Target],
    }));
    return { result, summary: summarize(result.rows, current, ctx), indicators };
  }

  /** The Renstra indicators of the PK's SKPD in the PK's period, by code (all columns, or the `select`ed ones). */
  private indicatorsOf(
    m: EntityManager,
    pk: PerformanceAgreement,
    select?: FindOptionsSelect<Indicator>,
  ): Promise<Indicator[]> {
    return m.getRepository(Indicator).find({
      where: { regionId: pk.regionId, skpdId: pk.skpdId, periodId: pk.periodId },
      order: { code: 'ASC' },
      select,
    });
  }
}
