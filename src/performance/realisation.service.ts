import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { DomainError, NotFoundError, UnprocessableError } from '../common/errors/domain-error';
import { assertSkpdWritable, canSeeSkpd, regionOf, type TenantScope } from '../common/tenancy/tenant-scope';
import { EvidenceLinkService } from '../evidence/evidence-links.service';
import { Skpd } from '../organization/entities/skpd.entity';
import { PkIndicator } from '../planning/entities/pk-indicator.entity';
import { decimalText, toDecimal } from '../planning/planning-access';
import { PkService } from '../planning/pk.service';
import type { PutRealisationsDto, PutWindowDto, ReopenWindowDto } from './dto/realisation.dto';
import { Realisation } from './entities/realisation.entity';
import { ReportingWindow } from './entities/reporting-window.entity';
import { WindowReopening } from './entities/window-reopening.entity';

/** A write after the quarter's deadline without an active reopening for the SKPD. */
export class PeriodClosedError extends DomainError {
  constructor(year: number, quarter: number, deadline: Date) {
    super('PERIOD_CLOSED', 'conflict', `Realisation entry for ${year} TW ${quarter} closed at ${deadline.toISOString()}`);
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
    const deadline = new Date(dto.deadline);
    return this.db.transaction(async (m) => {
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
    const until = new Date(dto.until);
    if (until.getTime() <= Date.now())
      throw new UnprocessableError('REOPEN_UNTIL_PAST', 'The reopening must last until a moment in the future', [
        { field: 'until', message: 'must be in the future' },
      ]);
    return this.db.transaction(async (m) => {
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
    const links = await this.evidence.linkedIds(m, scope, 'REALISATION', rows.map((r) => r.id));
    return rows.map((r) => toResponse(r, links.get(r.id) ?? []));
  }

  /** Upserts one quarter's realisations of the SKPD's effective PK indicators, in one transaction, audited. */
  async put(scope: TenantScope, dto: PutRealisationsDto): Promise<RealisationResponse[]> {
    const regionId = regionOf(scope);
    assertSkpdWritable(scope, dto.skpdId);
    const ids = dto.items.map((i) => i.indicatorId);
    if (new Set(ids).size !== ids.length)
      throw new UnprocessableError('DUPLICATE_INDICATOR', 'Each indicator may appear only once');
    return this.db.transaction(async (m) => {
      await this.assertSkpdVisible(m, scope, dto.skpdId);
      const pk = await this.pk.findEffectiveIn(m, regionId, dto.skpdId, dto.year);
      if (!pk)
        throw new UnprocessableError('NO_EFFECTIVE_PK', `No approved Perjanjian Kinerja for ${dto.year}`);
      const pkIndicators = await m.find(PkIndicator, { where: { pkId: pk.id, indicatorId: In(ids) } });
      const inPk = new Set(pkIndicators.map((p) => p.indicatorId));
      const outside = dto.items
        .map((item, i) => ({ item, i }))
        .filter(({ item }) => !inPk.has(item.indicatorId))
        .map(({ i }) => ({ field: `items.${i}.indicatorId`, message: 'is not in the effective PK of this SKPD and year' }));
      if (outside.length) throw new UnprocessableError('INDICATOR_NOT_IN_PK', 'Indicator not in the PK', outside);
      await this.assertOpen(m, regionId, dto.skpdId, dto.year, dto.quarter);

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
          await m.update(Realisation, { id }, { ...fields, version: old.version + 1 });
        } else {
          const created = await m.save(
            m.create(Realisation, {
              regionId,
              skpdId: dto.skpdId,
              indicatorId: item.indicatorId,
              year: dto.year,
              quarter: dto.quarter,
              ...fields,
            }),
          );
          id = created.id;
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
      const links = await this.evidence.linkedIds(m, scope, 'REALISATION', out.map((r) => r.id));
      return out.map((r) => ({ ...r, evidenceIds: links.get(r.id) ?? [] }));
    });
  }
}
