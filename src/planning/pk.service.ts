import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Decimal from 'decimal.js';
import { type DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { AuditEntry } from '../audit/audit-entry.entity';
import { AuditService } from '../audit/audit.service';
import {
  ConflictError,
  InvalidStateError,
  LockedError,
  NotFoundError,
  StaleVersionError,
  UnprocessableError,
} from '../common/errors/domain-error';
import { type Page, paginate } from '../common/http/pagination';
import { canSeeSkpd, regionOf, scoped, type TenantScope } from '../common/tenancy/tenant-scope';
import { updateWithVersion } from '../common/typeorm/versioned-update';
import { insertInChunks } from '../common/typeorm/insert-in-chunks';
import { pkAwaitingApproval, pkReturned } from '../notifications/domain/messages';
import { NotificationOutbox } from '../notifications/notification-outbox';
import { Skpd } from '../organization/entities/skpd.entity';
import { type Quarter, QUARTERS } from './domain/indicator-settings';
import { checkQuarterTargets } from './domain/target-rules';
import {
  CreatePkDto,
  PkHistoryQueryDto,
  PkQueryDto,
  PkResponseDto,
  PutPkIndicatorsDto,
  toPkIndicatorResponse,
  toPkResponse,
  UpdatePkDto,
} from './dto/pk.dto';
import { Indicator } from './entities/indicator.entity';
import { PerformanceAgreement, type PkStatus } from './entities/performance-agreement.entity';
import { PkIndicator } from './entities/pk-indicator.entity';
import type { PlanningProblem } from './indicators.service';
import { PeriodsService } from './periods.service';
import { PlanNodesService } from './plan-nodes.service';
import { toDecimal } from './planning-access';

/** One PK indicator row, already parsed (the API and the Excel import both produce these). */
export interface PkIndicatorInput {
  indicatorId: string;
  annualTarget: Decimal;
  /** TW I..IV; null = not filled (reported as a problem). */
  quarters: readonly [Decimal | null, Decimal | null, Decimal | null, Decimal | null];
}

/** A problem of one input row: `index` is the row's position in the input, `field` e.g. "items.3.q4Target". */
export interface PkItemProblem extends PlanningProblem {
  index: number;
  indicatorId: string;
}

const QUARTER_FIELD = (q: Quarter | null) => (q === null ? 'annualTarget' : `q${q}Target`);
const SET_LEVEL_CODES = new Set(['QUARTER_SUM_MISMATCH', 'QUARTER_AVERAGE_MISMATCH']);

const pkAudit = (pk: PerformanceAgreement) => toPkResponse(pk);

/**
 * Rows listed in full in a target-list audit entry. A longer list (a large Excel import) keeps its first rows, its
 * count and a sha256 of the whole list, so the entry fits the audit column (TEXT, 64 KB on MySQL/MariaDB).
 */
const AUDIT_ROWS = 100;
function auditList<T>(rows: T[]): T[] | { count: number; sha256: string; first: T[] } {
  if (rows.length <= AUDIT_ROWS) return rows;
  const sha256 = createHash('sha256').update(JSON.stringify(rows)).digest('hex');
  return { count: rows.length, sha256, first: rows.slice(0, AUDIT_ROWS) };
}

/** Rows per multi-row INSERT of pk_indicators (13 columns: well under SQLite's and MySQL's bind-parameter limits). */
const INSERT_CHUNK = 500;

/** The columns of a PK row that writing targets compares, changes and audits (not its dates). */
const TARGET_COLUMNS = {
  id: true,
  indicatorId: true,
  annualTarget: true,
  q1Target: true,
  q2Target: true,
  q3Target: true,
  q4Target: true,
  sortOrder: true,
} as const;

const sameDecimal = (a: Decimal | null, b: Decimal | null) => (a === null || b === null ? a === b : a.eq(b));
const sameTargets = (
  row: PkIndicator,
  v: Pick<PkIndicator, 'annualTarget' | 'q1Target' | 'q2Target' | 'q3Target' | 'q4Target' | 'sortOrder'>,
) =>
  row.sortOrder === v.sortOrder &&
  sameDecimal(row.annualTarget, v.annualTarget) &&
  sameDecimal(row.q1Target, v.q1Target) &&
  sameDecimal(row.q2Target, v.q2Target) &&
  sameDecimal(row.q3Target, v.q3Target) &&
  sameDecimal(row.q4Target, v.q4Target);

/**
 * Perjanjian Kinerja: revisions, quarterly targets and the DRAFT → SUBMITTED → APPROVED → LOCKED workflow.
 * `*In(m, …)` methods run inside a caller's transaction and are meant for reuse (Excel import, realisations).
 */
@Injectable()
export class PkService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly periods: PeriodsService,
    private readonly nodes: PlanNodesService,
    private readonly audit: AuditService,
    private readonly notices: NotificationOutbox,
  ) {}

  /** A PK revision the caller may see (planners: own SKPD), else 404. */
  async findVisible(scope: TenantScope, id: string, m: EntityManager = this.db.manager): Promise<PerformanceAgreement> {
    const row = await scoped(m.getRepository(PerformanceAgreement).createQueryBuilder('pk'), scope, {
      skpdColumn: 'skpdId',
    })
      .andWhere('pk.id = :id', { id })
      .getOne();
    if (!row) throw new NotFoundError('Performance agreement');
    return row;
  }

  /**
   * The PK capaian is measured against for an SKPD and year: the approved or locked revision not yet superseded
   * (null if none). For realisations and reports; tenancy is the caller's job (pass ids already in scope).
   */
  findEffectiveIn(
    m: EntityManager,
    regionId: string,
    skpdId: string,
    year: number,
  ): Promise<PerformanceAgreement | null> {
    return m.getRepository(PerformanceAgreement).findOne({
      where: { regionId, skpdId, year, status: In(['APPROVED', 'LOCKED']), supersededAt: IsNull() },
      order: { revision: 'DESC' },
    });
  }

  /** The latest revision (any status) of an SKPD and year, or null. */
  findLatestIn(m: EntityManager, regionId: string, skpdId: string, year: number): Promise<PerformanceAgreement | null> {
    return m
      .getRepository(PerformanceAgreement)
      .findOne({ where: { regionId, skpdId, year }, order: { revision: 'DESC' } });
  }

  /** Writes to a PK are allowed only in DRAFT: approved/locked → 409 LOCKED, submitted → 409 PK_SUBMITTED. */
  assertDraft(pk: PerformanceAgreement): void {
    if (pk.status === 'APPROVED' || pk.status === 'LOCKED')
      throw new LockedError(
        `PK ${pk.year} revision ${pk.revision} is ${pk.status}; create a revision (perubahan PK) to change it`,
      );
    if (pk.status === 'SUBMITTED')
      throw new InvalidStateError(
        'PK_SUBMITTED',
        'The PK is submitted for approval; it must be returned to draft before editing',
      );
  }

  list(scope: TenantScope, query: PkQueryDto): Promise<Page<PkResponseDto>> {
    const qb = scoped(this.db.getRepository(PerformanceAgreement).createQueryBuilder('pk'), scope, {
      skpdColumn: 'skpdId',
    });
    if (query.skpdId) qb.andWhere('pk.skpdId = :skpdId', { skpdId: query.skpdId });
    if (query.year) qb.andWhere('pk.year = :year', { year: query.year });
    if (query.status) qb.andWhere('pk.status = :status', { status: query.status });
    if (query.latest === 'true')
      qb.andWhere(
        'NOT EXISTS (SELECT 1 FROM performance_agreements later WHERE later.skpdId = pk.skpdId AND later.year = pk.year AND later.revision > pk.revision)',
      );
    return paginate(qb, { ...query, sort: query.sort ?? '-year' }, ['year', 'revision', 'status', 'createdAt'], (pk) =>
      toPkResponse(pk),
    );
  }

  async get(scope: TenantScope, id: string): Promise<PkResponseDto> {
    const pk = await this.findVisible(scope, id);
    return toPkResponse(pk, await this.indicatorRows(this.db.manager, [pk.id]).then((m) => m.get(pk.id) ?? []));
  }

  /** Why the PK was last sent back to draft (the reason of its latest RETURN), or null when it never was. */
  async lastReturn(scope: TenantScope, id: string): Promise<{ reason: string; at: Date; by: string | null } | null> {
    const pk = await this.findVisible(scope, id);
    const entry = await this.db.getRepository(AuditEntry).findOne({
      where: { regionId: pk.regionId, entity: 'PerformanceAgreement', entityId: pk.id, action: 'RETURN' },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    return entry?.reason ? { reason: entry.reason, at: entry.createdAt, by: entry.username } : null;
  }

  /** Every revision of an SKPD's PK for a year, oldest first, each with its indicators. */
  async history(scope: TenantScope, query: PkHistoryQueryDto): Promise<PkResponseDto[]> {
    if (!canSeeSkpd(scope, query.skpdId)) throw new NotFoundError('SKPD');
    const rows = await this.db.getRepository(PerformanceAgreement).find({
      where: { regionId: regionOf(scope), skpdId: query.skpdId, year: query.year },
      order: { revision: 'ASC' },
    });
    const items = await this.indicatorRows(
      this.db.manager,
      rows.map((r) => r.id),
    );
    return rows.map((r) => toPkResponse(r, items.get(r.id) ?? []));
  }

  /** Opens revision 0 (DRAFT) for an SKPD and year; the year must fall in a planning period. */
  async create(scope: TenantScope, dto: CreatePkDto): Promise<PkResponseDto> {
    return this.db.transaction(async (m) => {
      const skpd = await this.nodes.findSkpd(m, scope, dto.skpdId);
      const period = await this.periods.findForYear(m, skpd.regionId, dto.year);
      if (!period)
        throw new UnprocessableError('NO_PERIOD', `No planning period covers ${dto.year}`, [
          { field: 'year', messages: [`Tidak ada periode RPJMD yang mencakup tahun ${dto.year}.`] },
        ]);
      if (await this.findLatestIn(m, skpd.regionId, skpd.id, dto.year))
        throw new ConflictError(
          'PK_EXISTS',
          `A PK for ${dto.year} already exists for this SKPD; edit it or create a revision`,
        );
      const pk = m.create(PerformanceAgreement, {
        regionId: skpd.regionId,
        skpdId: skpd.id,
        periodId: period.id,
        year: dto.year,
        revision: 0,
        status: 'DRAFT',
        previousId: null,
        revisionReason: null,
        signerName: dto.signerName ?? null,
        signerTitle: dto.signerTitle ?? null,
        counterpartName: dto.counterpartName ?? null,
        counterpartTitle: dto.counterpartTitle ?? null,
        submittedAt: null,
        approvedAt: null,
        approvedBy: null,
        lockedAt: null,
        supersededAt: null,
      });
      await m.save(pk);
      await this.audit.record(m, scope, {
        action: 'CREATE',
        entity: 'PerformanceAgreement',
        entityId: pk.id,
        regionId: pk.regionId,
        after: pkAudit(pk),
      });
      return toPkResponse(pk, []);
    });
  }

  /** Signers of a DRAFT PK. */
  async update(scope: TenantScope, id: string, dto: UpdatePkDto): Promise<PkResponseDto> {
    return this.db.transaction(async (m) => {
      const pk = await this.findVisible(scope, id, m);
      this.assertDraft(pk);
      const before = pkAudit(pk);
      const { version, ...changes } = dto;
      const saved = await updateWithVersion(m, PerformanceAgreement, pk, version, changes, 'Performance agreement');
      await this.audit.record(m, scope, {
        action: 'UPDATE',
        entity: 'PerformanceAgreement',
        entityId: id,
        regionId: pk.regionId,
        before,
        after: pkAudit(saved),
      });
      return toPkResponse(saved, (await this.indicatorRows(m, [id])).get(id) ?? []);
    });
  }

  /** Replaces the indicator list of a DRAFT PK; 422 lists every inconsistent target. */
  async putIndicators(scope: TenantScope, id: string, dto: PutPkIndicatorsDto): Promise<PkResponseDto> {
    return this.db.transaction(async (m) => {
      const pk = await this.findVisible(scope, id, m);
      this.assertDraft(pk);
      if (pk.version !== dto.version) throw new StaleVersionError('Performance agreement');
      const items: PkIndicatorInput[] = dto.items.map((it) => ({
        indicatorId: it.indicatorId,
        annualTarget: toDecimal(it.annualTarget) as Decimal,
        quarters: [toDecimal(it.q1Target), toDecimal(it.q2Target), toDecimal(it.q3Target), toDecimal(it.q4Target)],
      }));
      await this.writeIndicatorsIn(m, scope, pk, items, 'replace');
      const saved = await updateWithVersion(m, PerformanceAgreement, pk, dto.version, {}, 'Performance agreement');
      return toPkResponse(saved, (await this.indicatorRows(m, [id])).get(id) ?? []);
    });
  }

  /**
   * Checks parsed PK rows without writing (for an import dry-run): each indicator must be one of the PK's SKPD
   * indicators in the PK's period, listed once, with targets consistent with its aggregation (domain target-rules).
   * `existing` rows (merge mode) count for duplicate detection only.
   */
  async checkItemsIn(
    m: EntityManager,
    pk: PerformanceAgreement,
    items: readonly PkIndicatorInput[],
  ): Promise<PkItemProblem[]> {
    // Checked as a set: the plan's indicators in one read (an id outside it is not in the plan), not an IN list of
    // every row's id (10,000 bind parameters for a large Excel import), and only the columns the checks read.
    const indicators = new Map(
      (items.length
        ? await m.getRepository(Indicator).find({
            where: { regionId: pk.regionId, skpdId: pk.skpdId, periodId: pk.periodId },
            select: { id: true, code: true, active: true, aggregation: true, polarity: true },
          })
        : []
      ).map((i) => [i.id, i] as const),
    );
    const alreadyIn = new Set(
      pk.id
        ? (await m.getRepository(PkIndicator).find({ where: { pkId: pk.id }, select: { indicatorId: true } })).map(
            (r) => r.indicatorId,
          )
        : [],
    );
    const problems: PkItemProblem[] = [];
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const at = (field: string, code: string, message: string) =>
        problems.push({ index, indicatorId: item.indicatorId, field: `items.${index}.${field}`, code, message });
      const indicator = indicators.get(item.indicatorId);
      if (!indicator) {
        at('indicatorId', 'INDICATOR_NOT_IN_PLAN', 'Indikator ini bukan indikator Renstra SKPD ini pada periode PK.');
        return;
      }
      // An inactive indicator keeps its place in PKs that already carry it, but joins no PK anew.
      if (!indicator.active && !alreadyIn.has(indicator.id))
        at(
          'indicatorId',
          'INDICATOR_INACTIVE',
          `Indikator ${indicator.code} nonaktif dan tidak dapat ditambahkan ke PK.`,
        );
      if (seen.has(item.indicatorId))
        at('indicatorId', 'DUPLICATE_INDICATOR', `Indikator ${indicator.code} tercantum lebih dari sekali.`);
      seen.add(item.indicatorId);
      for (const p of checkQuarterTargets({
        aggregation: indicator.aggregation,
        annual: item.annualTarget,
        quarters: item.quarters,
      }))
        at(
          SET_LEVEL_CODES.has(p.code) ? 'quarters' : QUARTER_FIELD(p.quarter),
          p.code,
          `${indicator.code}: ${p.message}`,
        );
      if (indicator.polarity === 'BINARY')
        [item.annualTarget, ...item.quarters].forEach((v, i) => {
          if (v !== null && !v.eq(0) && !v.eq(1))
            at(
              QUARTER_FIELD(i === 0 ? null : QUARTERS[i - 1]),
              'BINARY_TARGET',
              `${indicator.code}: target indikator ya/tidak harus 1 (ya) atau 0 (tidak).`,
            );
        });
    });
    return problems;
  }

  /**
   * Writes parsed rows to a DRAFT PK inside the caller's transaction (API and Excel import):
   * 'replace' makes the list exactly `items` (in that order); 'merge' updates or adds the given indicators and keeps
   * the others. Checks write access and status; throws 422 PK_TARGETS_INVALID with every problem, writing nothing.
   * Does not bump the PK version (callers that hold one do it).
   */
  async writeIndicatorsIn(
    m: EntityManager,
    scope: TenantScope,
    pk: PerformanceAgreement,
    items: readonly PkIndicatorInput[],
    mode: 'replace' | 'merge',
  ): Promise<void> {
    if (!canSeeSkpd(scope, pk.skpdId) || pk.regionId !== scope.regionId)
      throw new NotFoundError('Performance agreement');
    this.assertDraft(pk);
    const problems = await this.checkItemsIn(m, pk, items);
    if (problems.length)
      throw new UnprocessableError(
        'PK_TARGETS_INVALID',
        'Some PK targets are missing or inconsistent with the indicator aggregation',
        problems.map((p) => ({ field: p.field, code: p.code, indicatorId: p.indicatorId, messages: [p.message] })),
      );
    const repo = m.getRepository(PkIndicator);
    const existing = await repo.find({ where: { pkId: pk.id }, order: { sortOrder: 'ASC' }, select: TARGET_COLUMNS });
    const byIndicator = new Map(existing.map((r) => [r.indicatorId, r]));
    const before = existing.map(this.auditRow);
    if (mode === 'replace') {
      const keep = new Set(items.map((i) => i.indicatorId));
      const drop = existing.filter((r) => !keep.has(r.indicatorId)).map((r) => r.id);
      if (drop.length) await repo.delete({ id: In(drop) });
    }
    let nextOrder = mode === 'merge' ? existing.reduce((max, r) => Math.max(max, r.sortOrder + 1), 0) : 0;
    const fresh: PkIndicator[] = [];
    for (const [i, item] of items.entries()) {
      const current = byIndicator.get(item.indicatorId);
      const values = {
        annualTarget: item.annualTarget,
        q1Target: item.quarters[0],
        q2Target: item.quarters[1],
        q3Target: item.quarters[2],
        q4Target: item.quarters[3],
        sortOrder: mode === 'replace' ? i : (current?.sortOrder ?? nextOrder++),
      };
      if (!current) {
        const row = repo.create({
          regionId: pk.regionId,
          skpdId: pk.skpdId,
          pkId: pk.id,
          indicatorId: item.indicatorId,
          ...values,
        });
        fresh.push(row);
        continue;
      }
      if (!sameTargets(current, values)) await repo.update({ id: current.id }, values); // bumps version and updatedAt
    }
    // Multi-row INSERTs in chunks (within every driver's bind-parameter limit): a 10,000-row Excel import is ~20
    // statements, not 10,000 round trips.
    await insertInChunks(m, PkIndicator, fresh, INSERT_CHUNK);
    await this.audit.record(m, scope, {
      action: mode === 'replace' ? 'REPLACE_TARGETS' : 'MERGE_TARGETS',
      entity: 'PerformanceAgreement',
      entityId: pk.id,
      regionId: pk.regionId,
      before: { indicators: auditList(before) },
      after: {
        indicators: auditList(
          (await repo.find({ where: { pkId: pk.id }, order: { sortOrder: 'ASC' }, select: TARGET_COLUMNS })).map(
            this.auditRow,
          ),
        ),
      },
    });
  }

  /** DRAFT → SUBMITTED; the PK needs at least one indicator and every target consistent. */
  submit(scope: TenantScope, id: string): Promise<PkResponseDto> {
    return this.transition(scope, id, 'SUBMIT', ['DRAFT'], async (m, pk) => {
      const rows = await m.getRepository(PkIndicator).find({ where: { pkId: pk.id }, order: { sortOrder: 'ASC' } });
      if (rows.length === 0)
        throw new UnprocessableError('PK_EMPTY', 'A PK needs at least one indicator before it is submitted');
      const problems = await this.checkItemsIn(
        m,
        pk,
        rows.map((r) => ({
          indicatorId: r.indicatorId,
          annualTarget: r.annualTarget,
          quarters: [r.q1Target, r.q2Target, r.q3Target, r.q4Target],
        })),
      );
      if (problems.length)
        throw new UnprocessableError(
          'PK_TARGETS_INVALID',
          'Some PK targets are missing or inconsistent with the indicator aggregation',
          problems.map((p) => ({ field: p.field, code: p.code, indicatorId: p.indicatorId, messages: [p.message] })),
        );
      const skpd = await m.findOne(Skpd, { where: { id: pk.skpdId }, select: { id: true, name: true } });
      await this.notices.notifyRole(
        m,
        { regionId: pk.regionId, role: 'REGION_ADMIN' },
        {
          ...pkAwaitingApproval({ skpdName: skpd?.name ?? 'SKPD', year: pk.year }),
          category: 'PK',
          subjectType: 'PK',
          subjectId: pk.id,
          link: '/konsol/admin/pk',
        },
      );
      return { status: 'SUBMITTED', submittedAt: new Date() };
    });
  }

  /** SUBMITTED → DRAFT with a reason (REGION_ADMIN sends it back). */
  returnToDraft(scope: TenantScope, id: string, reason: string): Promise<PkResponseDto> {
    return this.transition(
      scope,
      id,
      'RETURN',
      ['SUBMITTED'],
      async (m, pk) => {
        await this.notices.notifyRole(
          m,
          { regionId: pk.regionId, role: 'PLANNER', skpdId: pk.skpdId },
          {
            ...pkReturned({ year: pk.year, reason }),
            category: 'PK',
            subjectType: 'PK',
            subjectId: pk.id,
            link: `/konsol/pk?tahun=${pk.year}`,
          },
        );
        return { status: 'DRAFT', submittedAt: null };
      },
      reason,
    );
  }

  /** SUBMITTED → APPROVED (REGION_ADMIN); the revision it replaces, if any, becomes superseded. */
  approve(scope: TenantScope, id: string): Promise<PkResponseDto> {
    return this.transition(scope, id, 'APPROVE', ['SUBMITTED'], async (m, pk) => {
      const now = new Date();
      const earlier = await m.getRepository(PerformanceAgreement).find({
        where: {
          regionId: pk.regionId,
          skpdId: pk.skpdId,
          year: pk.year,
          status: In(['APPROVED', 'LOCKED']),
          supersededAt: IsNull(),
        },
      });
      for (const old of earlier.filter((o) => o.revision < pk.revision)) {
        await m
          .getRepository(PerformanceAgreement)
          .update({ id: old.id }, { supersededAt: now, version: old.version + 1 });
        await this.audit.record(m, scope, {
          action: 'SUPERSEDE',
          entity: 'PerformanceAgreement',
          entityId: old.id,
          regionId: old.regionId,
          before: { supersededAt: null },
          after: { supersededAt: now, by: pk.id },
        });
      }
      return { status: 'APPROVED', approvedAt: now, approvedBy: scope.userId };
    });
  }

  /** APPROVED → LOCKED (REGION_ADMIN): the PK is final for measurement. */
  lock(scope: TenantScope, id: string): Promise<PkResponseDto> {
    return this.transition(scope, id, 'LOCK', ['APPROVED'], async () => ({ status: 'LOCKED', lockedAt: new Date() }));
  }

  /**
   * Perubahan PK: from the latest revision when it is APPROVED or LOCKED, a new DRAFT revision with the reason,
   * copying signers and indicators. The old revision stays effective and readable until the new one is approved.
   */
  async createRevision(scope: TenantScope, id: string, reason: string): Promise<PkResponseDto> {
    return this.db.transaction(async (m) => {
      const source = await this.findVisible(scope, id, m);
      if (source.status !== 'APPROVED' && source.status !== 'LOCKED')
        throw new InvalidStateError(
          'PK_NOT_AGREED',
          'Only an approved or locked PK is revised; a draft is edited directly',
        );
      const latest = await this.findLatestIn(m, source.regionId, source.skpdId, source.year);
      if (latest && latest.id !== source.id)
        throw new ConflictError(
          'REVISION_EXISTS',
          `Revision ${latest.revision} already exists; revise the latest revision`,
        );
      const revision = m.create(PerformanceAgreement, {
        regionId: source.regionId,
        skpdId: source.skpdId,
        periodId: source.periodId,
        year: source.year,
        revision: source.revision + 1,
        status: 'DRAFT',
        previousId: source.id,
        revisionReason: reason,
        signerName: source.signerName,
        signerTitle: source.signerTitle,
        counterpartName: source.counterpartName,
        counterpartTitle: source.counterpartTitle,
        submittedAt: null,
        approvedAt: null,
        approvedBy: null,
        lockedAt: null,
        supersededAt: null,
      });
      await m.save(revision);
      const repo = m.getRepository(PkIndicator);
      const copies = (await repo.find({ where: { pkId: source.id }, order: { sortOrder: 'ASC' } })).map((r) =>
        repo.create({
          regionId: r.regionId,
          skpdId: r.skpdId,
          pkId: revision.id,
          indicatorId: r.indicatorId,
          annualTarget: r.annualTarget,
          q1Target: r.q1Target,
          q2Target: r.q2Target,
          q3Target: r.q3Target,
          q4Target: r.q4Target,
          sortOrder: r.sortOrder,
        }),
      );
      await repo.save(copies);
      await this.audit.record(m, scope, {
        action: 'REVISE',
        entity: 'PerformanceAgreement',
        entityId: revision.id,
        regionId: revision.regionId,
        after: pkAudit(revision),
        reason,
      });
      return toPkResponse(revision, (await this.indicatorRows(m, [revision.id])).get(revision.id) ?? []);
    });
  }

  private async transition(
    scope: TenantScope,
    id: string,
    action: string,
    from: readonly PkStatus[],
    apply: (m: EntityManager, pk: PerformanceAgreement) => Promise<Partial<PerformanceAgreement>>,
    reason?: string,
  ): Promise<PkResponseDto> {
    return this.db.transaction(async (m) => {
      const pk = await this.findVisible(scope, id, m);
      if (!from.includes(pk.status)) {
        if (action === 'SUBMIT') this.assertDraft(pk);
        throw new InvalidStateError('INVALID_TRANSITION', `Cannot ${action.toLowerCase()} a PK that is ${pk.status}`);
      }
      const before = pkAudit(pk);
      const changes = await apply(m, pk);
      const saved = await updateWithVersion(m, PerformanceAgreement, pk, pk.version, changes, 'Performance agreement');
      await this.audit.record(m, scope, {
        action,
        entity: 'PerformanceAgreement',
        entityId: id,
        regionId: pk.regionId,
        before,
        after: pkAudit(saved),
        reason,
      });
      return toPkResponse(saved, (await this.indicatorRows(m, [id])).get(id) ?? []);
    });
  }

  /** Indicator rows of several PKs, by PK id, in sort order, with the indicator's code/name/satuan/aggregation. */
  private async indicatorRows(m: EntityManager, pkIds: string[]) {
    const result = new Map<string, ReturnType<typeof toPkIndicatorResponse>[]>();
    if (pkIds.length === 0) return result;
    const rows = (await m
      .getRepository(PkIndicator)
      .createQueryBuilder('pi')
      .innerJoinAndMapOne('pi.indicator', Indicator, 'i', 'i.id = pi.indicatorId')
      .where('pi.pkId IN (:...pkIds)', { pkIds })
      .orderBy('pi.sortOrder', 'ASC')
      .addOrderBy('i.code', 'ASC')
      .getMany()) as (PkIndicator & { indicator: Indicator })[];
    for (const r of rows) {
      const list = result.get(r.pkId) ?? [];
      list.push(toPkIndicatorResponse(r, r.indicator));
      result.set(r.pkId, list);
    }
    return result;
  }

  private auditRow = (r: PkIndicator) => ({
    indicatorId: r.indicatorId,
    annualTarget: r.annualTarget.toFixed(),
    quarters: [r.q1Target, r.q2Target, r.q3Target, r.q4Target].map((q) => (q === null ? null : q.toFixed())),
  });
}
