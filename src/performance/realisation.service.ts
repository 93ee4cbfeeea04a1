import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { DomainError, NotFoundError, StaleVersionError, UnprocessableError } from '../common/errors/domain-error';
import { isUniqueViolation } from '../common/filters/to-error-body';
import { assertSkpdWritable, canSeeSkpd, regionOf, type TenantScope } from '../common/tenancy/tenant-scope';
import { updateWithVersion } from '../common/typeorm/versioned-update';
import { EvidenceLinkService } from '../evidence/evidence-links.service';
import { Region } from '../organization/entities/region.entity';
import { regionInstant, regionTimeZone } from '../organization/region-time-zone';
import { Skpd } from '../organization/entities/skpd.entity';
import type { Quarter } from '../planning/domain/indicator-settings';
import { Indicator } from '../planning/entities/indicator.entity';
import { PkIndicator } from '../planning/entities/pk-indicator.entity';
import { decimalText, toDecimal } from '../planning/planning-access';
import { PkService } from '../planning/pk.service';
import { CapaianCalculator, type CapaianRules } from './capaian-calculator';
import { introducedWarnings, type DataQualityWarning } from './domain/data-quality';
import { checkRealisationValue } from './domain/realisation-rules';
import type { PutRealisationsDto, PutWindowDto, ReopenWindowDto } from './dto/realisation.dto';
import { Realisation } from './entities/realisation.entity';
import { ReportingWindow } from './entities/reporting-window.entity';
import { WindowReopening } from './entities/window-reopening.entity';
import { PerformanceSettingsService, capaianRules } from './performance-settings.service';

/** A write after the quarter's deadline without an active reopening for the SKPD. */
export class PeriodClosedError extends DomainError {
  constructor(year: number, quarter: number, deadline: Date) {
    super(
      'PERIOD_CLOSED',
      'conflict',
      `Realisation entry for ${year} TW ${quarter} closed at ${deadline.toISOString()}`,
    );
  }
}

export interface RealisationResponse {
  id: string;
  skpdId: string;
  indicatorId: string;
  year: number;
  quarter: number;
  value: string | null;
  notes: string | null;
  problems: string | null;
  followUpPlan: string | null;
  evidenceIds: string[];
  version: number;
  updatedAt: Date;
}

/** A saved realisation with the data-quality warnings of its indicator's entry after the write. */
export interface SavedRealisationResponse extends RealisationResponse {
  warnings: DataQualityWarning[];
}

/** One quarter's deadline (null = no deadline, open) and the reopenings of the quarter the caller may see. */
export interface WindowListItem {
  quarter: number;
  id: string | null;
  deadline: Date | null;
  version: number | null;
  reopenings: {
    id: string;
    skpdId: string;
    skpdName: string | null;
    reason: string;
    until: Date;
    active: boolean;
    createdBy: string;
    createdAt: Date;
  }[];
}

export interface WindowResponse {
  id: string;
  year: number;
  quarter: number;
  deadline: Date;
  version: number;
}

/** The audited fields of a realisation (also the core of its response). */
const snapshot = (r: Realisation) => ({
  indicatorId: r.indicatorId,
  year: r.year,
  quarter: r.quarter,
  value: decimalText(r.value),
  notes: r.notes,
  problems: r.problems,
  followUpPlan: r.followUpPlan,
});

const toResponse = (r: Realisation, evidenceIds: string[]): RealisationResponse => ({
  id: r.id,
  skpdId: r.skpdId,
  ...snapshot(r),
  evidenceIds,
  version: r.version,
  updatedAt: r.updatedAt,
});

/** Quarterly realisations per PK indicator, their entry windows and reopenings. */
@Injectable()
export class RealisationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly pk: PkService,
    private readonly evidence: EvidenceLinkService,
    private readonly calculator: CapaianCalculator,
    private readonly settings: PerformanceSettingsService,
  ) {}

  /** An SKPD of the caller's region that the caller may see; otherwise 404. */
  async assertSkpdVisible(m: EntityManager, scope: TenantScope, skpdId: string): Promise<Skpd> {
    const skpd = await m.findOne(Skpd, { where: { id: skpdId, regionId: regionOf(scope) } });
    if (!skpd || !canSeeSkpd(scope, skpd.id)) throw new NotFoundError('SKPD');
    return skpd;
  }

  /** Sets (creates or moves) the deadline of one quarter of the caller's region. */
  async putWindow(scope: TenantScope, dto: PutWindowDto): Promise<WindowResponse> {
    const regionId = regionOf(scope);
    return this.db.transaction(async (m) => {
      const deadline = regionInstant(dto.deadline, await regionTimeZone(m, regionId));
      const existing = await m.findOne(ReportingWindow, { where: { regionId, year: dto.year, quarter: dto.quarter } });
      if (existing) {
        await m.update(ReportingWindow, { id: existing.id }, { deadline, version: existing.version + 1 });
      } else {
        await m.insert(ReportingWindow, { regionId, year: dto.year, quarter: dto.quarter, deadline, version: 1 });
      }
      const row = await m.findOneOrFail(ReportingWindow, { where: { regionId, year: dto.year, quarter: dto.quarter } });
      await this.audit.record(m, scope, {
        action: existing ? 'UPDATE' : 'CREATE',
        entity: 'ReportingWindow',
        entityId: row.id,
        regionId,
        before: existing ? { deadline: existing.deadline.toISOString() } : null,
        after: { year: row.year, quarter: row.quarter, deadline: deadline.toISOString() },
      });
      return { id: row.id, year: row.year, quarter: row.quarter, deadline: row.deadline, version: row.version };
    });
  }

  /** Reopens a quarter for one SKPD until a moment; the reason is kept on the row and in the audit log. */
  async reopen(scope: TenantScope, dto: ReopenWindowDto) {
    const regionId = regionOf(scope);
    return this.db.transaction(async (m) => {
      const until = regionInstant(dto.until, await regionTimeZone(m, regionId));
      if (until.getTime() <= Date.now())
        throw new UnprocessableError('REOPEN_UNTIL_PAST', 'The reopening must last until a moment in the future', [
          { field: 'until', message: 'must be in the future' },
        ]);
      await this.assertSkpdVisible(m, scope, dto.skpdId);
      const row = m.create(WindowReopening, {
        regionId,
        skpdId: dto.skpdId,
        year: dto.year,
        quarter: dto.quarter,
        reason: dto.reason,
        until,
        createdBy: scope.userId,
      });
      const saved = await m.save(row);
      await this.audit.record(m, scope, {
        action: 'REOPEN',
        entity: 'ReportingWindow',
        entityId: saved.id,
        regionId,
        after: { skpdId: dto.skpdId, year: dto.year, quarter: dto.quarter, until: until.toISOString() },
        reason: dto.reason,
      });
      return {
        id: saved.id,
        skpdId: saved.skpdId,
        year: saved.year,
        quarter: saved.quarter,
        reason: saved.reason,
        until: saved.until,
      };
    });
  }

  /** The four quarters of a year: deadline and reopenings (planners see only their own SKPD's reopenings). */
  async listWindows(scope: TenantScope, year: number): Promise<WindowListItem[]> {
    const regionId = regionOf(scope);
    const m = this.db.manager;
    const windows = await m.find(ReportingWindow, { where: { regionId, year } });
    const reopenings = await m.find(WindowReopening, {
      where: scope.skpdId ? { regionId, year, skpdId: scope.skpdId } : { regionId, year },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const skpdIds = [...new Set(reopenings.map((r) => r.skpdId))];
    const names = new Map(
      (skpdIds.length ? await m.find(Skpd, { where: { regionId, id: In(skpdIds) } }) : []).map((s) => [s.id, s.name]),
    );
    const now = Date.now();
    return [1, 2, 3, 4].map((quarter) => {
      const w = windows.find((x) => x.quarter === quarter);
      return {
        quarter,
        id: w?.id ?? null,
        deadline: w?.deadline ?? null,
        version: w?.version ?? null,
        reopenings: reopenings
          .filter((r) => r.quarter === quarter)
          .map((r) => ({
            id: r.id,
            skpdId: r.skpdId,
            skpdName: names.get(r.skpdId) ?? null,
            reason: r.reason,
            until: r.until,
            active: r.until.getTime() > now,
            createdBy: r.createdBy,
            createdAt: r.createdAt,
          })),
      };
    });
  }

  /** 409 PERIOD_CLOSED when the quarter's deadline passed and no reopening for the SKPD is still active. */
  private async assertOpen(m: EntityManager, regionId: string, skpdId: string, year: number, quarter: number) {
    const window = await m.findOne(ReportingWindow, { where: { regionId, year, quarter } });
    const now = Date.now();
    if (!window || window.deadline.getTime() >= now) return;
    const reopenings = await m.find(WindowReopening, { where: { regionId, skpdId, year, quarter } });
    if (reopenings.some((r) => r.until.getTime() > now)) return;
    throw new PeriodClosedError(year, quarter, window.deadline);
  }

  /** Realisations of an SKPD for a year, with their linked evidence ids. */
  async list(scope: TenantScope, skpdId: string, year: number): Promise<RealisationResponse[]> {
    const m = this.db.manager;
    await this.assertSkpdVisible(m, scope, skpdId);
    const rows = await m.find(Realisation, {
      where: { regionId: regionOf(scope), skpdId, year },
      order: { indicatorId: 'ASC', quarter: 'ASC' },
    });
    const links = await this.evidence.linkedIds(
      m,
      scope,
      'REALISATION',
      rows.map((r) => r.id),
    );
    return rows.map((r) => toResponse(r, links.get(r.id) ?? []));
  }

  /** The data-quality warnings of each indicator's entry, evaluated to the quarter written. */
  private async warningsOf(
    m: EntityManager,
    scope: TenantScope,
    regionId: string,
    rules: CapaianRules,
    dto: PutRealisationsDto,
    ids: readonly string[],
  ): Promise<Map<string, DataQualityWarning[]>> {
    const { entries } = await this.calculator.load(m, scope, regionId, dto.skpdId, dto.year, ids);
    return new Map(
      entries.map((e) => [e.indicator.id, this.calculator.evaluate(e, rules, dto.quarter as Quarter).warnings]),
    );
  }

  /**
   * 422 INVALID_REALISATION when a value does not fit its indicator (`checkRealisationValue`: a yes/no indicator
   * takes 1 or 0, a negative value needs an indicator that allows it). Every entry path (API, console) writes through
   * `put`, so they share this check.
   */
  private async assertValuesFit(m: EntityManager, regionId: string, dto: PutRealisationsDto): Promise<void> {
    const ids = dto.items.map((i) => i.indicatorId);
    const indicators = new Map(
      (await m.find(Indicator, { where: { regionId, id: In(ids) } })).map((i) => [i.id, i] as const),
    );
    const problems = dto.items.flatMap((item, i) => {
      const indicator = indicators.get(item.indicatorId);
      if (indicator && !indicator.active)
        return [
          {
            field: `items.${i}.indicatorId`,
            code: 'INDICATOR_INACTIVE',
            messages: [`Indikator ${indicator.code} nonaktif; realisasi baru tidak dapat dicatat.`],
          },
        ];
      const problem = indicator
        ? checkRealisationValue(
            { polarity: indicator.polarity, allowsNegative: Boolean(indicator.allowsNegative) },
            toDecimal(item.value),
          )
        : null;
      return problem ? [{ field: `items.${i}.value`, code: problem.code, messages: [problem.message] }] : [];
    });
    if (problems.length)
      throw new UnprocessableError('INVALID_REALISATION', 'A realisation does not fit its indicator', problems);
  }

  /**
   * Upserts one quarter's realisations of the SKPD's effective PK indicators, in one transaction, audited. Changing
   * an existing quarter needs the version read (409 STALE_VERSION). Each saved row comes back with its indicator's
   * data-quality warnings; when the region blocks on data quality, a write that introduces a warning (one that was
   * not there before the write) is refused with 422 DATA_QUALITY and nothing is written.
   */
  async put(scope: TenantScope, dto: PutRealisationsDto): Promise<SavedRealisationResponse[]> {
    const regionId = regionOf(scope);
    assertSkpdWritable(scope, dto.skpdId);
    const ids = dto.items.map((i) => i.indicatorId);
    if (new Set(ids).size !== ids.length)
      throw new UnprocessableError('DUPLICATE_INDICATOR', 'Each indicator may appear only once');
    return this.db.transaction(async (m) => {
      await this.assertSkpdVisible(m, scope, dto.skpdId);
      const pk = await this.pk.findEffectiveIn(m, regionId, dto.skpdId, dto.year);
      if (!pk) throw new UnprocessableError('NO_EFFECTIVE_PK', `No approved Perjanjian Kinerja for ${dto.year}`);
      const pkIndicators = await m.find(PkIndicator, { where: { pkId: pk.id, indicatorId: In(ids) } });
      const inPk = new Set(pkIndicators.map((p) => p.indicatorId));
      const outside = dto.items
        .map((item, i) => ({ item, i }))
        .filter(({ item }) => !inPk.has(item.indicatorId))
        .map(({ i }) => ({
          field: `items.${i}.indicatorId`,
          message: 'is not in the effective PK of this SKPD and year',
        }));
      if (outside.length) throw new UnprocessableError('INDICATOR_NOT_IN_PK', 'Indicator not in the PK', outside);
      await this.assertValuesFit(m, regionId, dto);
      await this.assertOpen(m, regionId, dto.skpdId, dto.year, dto.quarter);
      const region = await m.findOneOrFail(Region, { where: { id: regionId } });
      const settings = await this.settings.of(m, regionId);
      const rules = capaianRules(region, settings);
      const before = settings.blockOnDataQuality ? await this.warningsOf(m, scope, regionId, rules, dto, ids) : null;

      const existing = await m.find(Realisation, {
        where: { regionId, skpdId: dto.skpdId, year: dto.year, quarter: dto.quarter, indicatorId: In(ids) },
      });
      const byIndicator = new Map(existing.map((r) => [r.indicatorId, r]));
      const out: RealisationResponse[] = [];
      for (const item of dto.items) {
        const fields = {
          value: toDecimal(item.value),
          notes: item.notes ?? null,
          problems: item.problems ?? null,
          followUpPlan: item.followUpPlan ?? null,
          updatedBy: scope.userId,
        };
        const old = byIndicator.get(item.indicatorId);
        let id: string;
        if (old) {
          id = old.id;
          if (item.version === undefined) throw new StaleVersionError('Realisation');
          await updateWithVersion(m, Realisation, { ...old }, item.version, fields, 'Realisation');
        } else {
          if (item.version !== undefined) throw new StaleVersionError('Realisation');
          id = await this.insert(m, {
            regionId,
            skpdId: dto.skpdId,
            indicatorId: item.indicatorId,
            year: dto.year,
            quarter: dto.quarter,
            ...fields,
          });
        }
        const row = await m.findOneOrFail(Realisation, { where: { id } });
        await this.audit.record(m, scope, {
          action: old ? 'UPDATE' : 'CREATE',
          entity: 'Realisation',
          entityId: id,
          regionId,
          before: old ? snapshot(old) : null,
          after: snapshot(row),
        });
        if (item.evidenceIds?.length)
          await this.evidence.link(m, scope, { type: 'REALISATION', id, skpdId: dto.skpdId }, item.evidenceIds);
        out.push(toResponse(row, []));
      }
      const links = await this.evidence.linkedIds(
        m,
        scope,
        'REALISATION',
        out.map((r) => r.id),
      );
      const after = await this.warningsOf(m, scope, regionId, rules, dto, ids);
      if (before) {
        const introduced = dto.items.flatMap((item, i) =>
          introducedWarnings(before.get(item.indicatorId) ?? [], after.get(item.indicatorId) ?? []).map((w) => ({
            field: `items.${i}`,
            indicatorId: item.indicatorId,
            code: w.code,
            quarter: w.quarter,
            messages: [w.message],
          })),
        );
        // Thrown inside the transaction: the rows, links and audit entries written above roll back.
        if (introduced.length)
          throw new UnprocessableError(
            'DATA_QUALITY',
            'The entry has data-quality warnings and the region blocks them',
            introduced,
          );
      }
      return out.map((r) => ({ ...r, evidenceIds: links.get(r.id) ?? [], warnings: after.get(r.indicatorId) ?? [] }));
    });
  }

  /** A new row; a concurrent insert of the same quarter (unique index) is a stale read → 409 STALE_VERSION. */
  private async insert(m: EntityManager, row: Partial<Realisation>): Promise<string> {
    try {
      return (await m.save(m.create(Realisation, row))).id;
    } catch (err) {
      if (isUniqueViolation(err)) throw new StaleVersionError('Realisation');
      throw err;
    }
  }
}
