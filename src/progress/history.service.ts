import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Exact } from '../common/decimal/exact';
import { ConflictError, UnprocessableError } from '../common/errors/domain-error';
import { regionOf, type TenantScope } from '../common/tenancy/tenant-scope';
import { Fraction } from '../evaluation/domain/fraction';
import type { Band, RuleSet } from '../evaluation/domain/rule-set';
import { DEFAULT_RULE_SET } from '../evaluation/dto/evaluation.dto';
import { Evaluation, PEMDA_SUBJECT } from '../evaluation/entities/evaluation.entity';
import { Skpd } from '../organization/entities/skpd.entity';
import { SkpdService } from '../organization/skpd.service';
import { gapJson, gapOf, predicateOfTotal } from './domain/gap';
import type { HistoricalResultDto, RegionTargetDto } from './dto/progress.dto';
import { HistoricalResult } from './entities/historical-result.entity';
import { RegionTarget } from './entities/region-target.entity';
import { ProgressResultsService, type SubjectResult } from './progress-results.service';

export interface Target {
  predicate: string;
  year: number;
}

/** A result with its gap to the next band and to the region's target, as every progress view shows it. */
export function resultJson(r: SubjectResult, target: Target | null) {
  const bands = r.ruleSet?.bands;
  return {
    year: r.year,
    source: r.source,
    ruleSet: r.ruleSetRef,
    total: r.total.toFixedHalfUp(2),
    totalExact: r.total.toString(),
    predicate: r.predicate,
    gap: bands ? gapJson(gapOf(r.total, r.predicate, bands, target)) : null,
  };
}
export type ResultJson = ReturnType<typeof resultJson>;

const fractionOf = (d: { toFixed(): string }): Fraction => Fraction.parse(d.toFixed());

/** Predicate history of the region (the Pemda's own result) and of each SKPD, the region's target, imported years. */
@Injectable()
export class HistoryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly results: ProgressResultsService,
    private readonly skpd: SkpdService,
    private readonly audit: AuditService,
  ) {}

  target(m: EntityManager, regionId: string): Promise<Target | null> {
    return m
      .findOne(RegionTarget, { where: { regionId } })
      .then((t) => (t ? { predicate: t.predicate, year: t.year } : null));
  }

  private importedResult(row: HistoricalResult): SubjectResult {
    return {
      year: row.year,
      source: 'IMPORTED',
      ruleSet: this.results.ruleSets.find(row.ruleSetCode, row.ruleSetVersion),
      ruleSetRef: { code: row.ruleSetCode, version: row.ruleSetVersion },
      total: fractionOf(row.total),
      predicate: row.predicate,
    };
  }

  /** Results per subject key (skpdId or PEMDA) and year: the system's own results win over imported ones. */
  async resultsBySubject(m: EntityManager, regionId: string): Promise<Map<string, SubjectResult[]>> {
    const bySubject = new Map<string, Map<number, SubjectResult>>();
    const put = (key: string, r: SubjectResult, override: boolean) => {
      const years = bySubject.get(key) ?? new Map<number, SubjectResult>();
      if (override || !years.has(r.year)) years.set(r.year, r);
      bySubject.set(key, years);
    };
    for (const row of await m.find(HistoricalResult, { where: { regionId } }))
      put(row.subjectKey, this.importedResult(row), false);
    for (const ev of await this.results.current(m, regionId)) {
      const r = await this.results.resultOf(m, ev);
      if (r) put(ev.subjectKey, r, true);
    }
    return new Map([...bySubject].map(([k, years]) => [k, [...years.values()].sort((a, b) => a.year - b.year)]));
  }

  history(scope: TenantScope) {
    return this.historyOf(regionOf(scope));
  }

  /** The history of a region the caller was already checked for (its own, or a province's kabupaten/kota). */
  async historyOf(regionId: string) {
    const m = this.db.manager;
    const [target, bySubject, skpds] = await Promise.all([
      this.target(m, regionId),
      this.resultsBySubject(m, regionId),
      m.find(Skpd, { where: { regionId }, order: { code: 'ASC' } }),
    ]);
    const series = (key: string) => {
      const entries = (bySubject.get(key) ?? []).map((r) => resultJson(r, target));
      return { entries, current: entries[entries.length - 1] ?? null };
    };
    return {
      target,
      region: series(PEMDA_SUBJECT),
      skpd: skpds
        .filter((s) => bySubject.has(s.id))
        .map((s) => ({ skpdId: s.id, code: s.code, name: s.name, ...series(s.id) })),
    };
  }

  private ruleSetFor(code: string, version: number | undefined): RuleSet {
    const rs =
      version === undefined
        ? this.results.ruleSets
            .list()
            .filter((r) => r.code === code)
            .pop()
        : this.results.ruleSets.find(code, version);
    if (!rs)
      throw new UnprocessableError('UNKNOWN_RULE_SET', `No LKE rule set ${code}${version ? ` v${version}` : ''}`, [
        { field: version ? 'ruleSetVersion' : 'ruleSetCode', messages: ['unknown rule set'] },
      ]);
    return rs;
  }

  private static assertPredicate(bands: readonly Band[], predicate: string, field: string): void {
    if (!bands.some((b) => b.predicate === predicate))
      throw new UnprocessableError('UNKNOWN_PREDICATE', `Predicate ${predicate} is not a band of the rule set`, [
        { field, messages: [`one of ${bands.map((b) => b.predicate).join(', ')}`] },
      ]);
  }

  /** Records (or corrects) the official result of a year before the system; a year with an evaluation is refused. */
  async recordHistorical(scope: TenantScope, dto: HistoricalResultDto) {
    const regionId = regionOf(scope);
    const skpd = dto.skpdId ? await this.skpd.findVisible(scope, dto.skpdId) : null;
    const ruleSet = this.ruleSetFor(dto.ruleSetCode ?? DEFAULT_RULE_SET, dto.ruleSetVersion);
    const total = Fraction.parse(dto.total);
    if (total.cmp(Fraction.of(100)) > 0)
      throw new UnprocessableError('INVALID_TOTAL', 'A total is at most 100', [
        { field: 'total', messages: ['must be 0..100'] },
      ]);
    if (dto.predicate) HistoryService.assertPredicate(ruleSet.bands, dto.predicate, 'predicate');
    const predicate = dto.predicate ?? predicateOfTotal(total, ruleSet.bands);
    const subjectKey = skpd?.id ?? PEMDA_SUBJECT;
    return this.db.transaction(async (m) => {
      if (await m.exists(Evaluation, { where: { regionId, subjectKey, year: dto.year, supersededAt: IsNull() } }))
        throw new ConflictError(
          'YEAR_HAS_EVALUATION',
          `${dto.year} has an evaluation in the system; its result comes from there`,
        );
      const existing = await m.findOne(HistoricalResult, { where: { regionId, subjectKey, year: dto.year } });
      const fields = {
        ruleSetCode: ruleSet.code,
        ruleSetVersion: ruleSet.version,
        total: new Exact(dto.total),
        predicate,
        source: dto.source ?? null,
      };
      const row = await m.save(
        HistoricalResult,
        existing
          ? { ...existing, ...fields }
          : { regionId, skpdId: skpd?.id ?? null, subjectKey, year: dto.year, createdBy: scope.userId, ...fields },
      );
      const after = {
        year: row.year,
        skpdId: row.skpdId,
        total: row.total.toFixed(),
        predicate,
        ruleSet: `${ruleSet.code} v${ruleSet.version}`,
        source: row.source,
      };
      const before = existing
        ? {
            year: existing.year,
            skpdId: existing.skpdId,
            total: existing.total.toFixed(),
            predicate: existing.predicate,
            ruleSet: `${existing.ruleSetCode} v${existing.ruleSetVersion}`,
            source: existing.source,
          }
        : null;
      await this.audit.record(m, scope, {
        action: existing ? 'UPDATE' : 'CREATE',
        entity: 'HistoricalResult',
        entityId: row.id,
        regionId,
        before,
        after,
      });
      return {
        id: row.id,
        skpdId: row.skpdId,
        ...resultJson(this.importedResult(row), await this.target(m, regionId)),
        sourceNote: row.source,
      };
    });
  }

  /** Sets the region's target predicate and year (one per region). */
  async setTarget(scope: TenantScope, dto: RegionTargetDto): Promise<Target> {
    const regionId = regionOf(scope);
    HistoryService.assertPredicate(this.results.ruleSets.latest(DEFAULT_RULE_SET).bands, dto.predicate, 'predicate');
    return this.db.transaction(async (m) => {
      const existing = await m.findOne(RegionTarget, { where: { regionId } });
      const row = await m.save(RegionTarget, {
        ...(existing ?? { regionId }),
        predicate: dto.predicate,
        year: dto.year,
        updatedBy: scope.userId,
      });
      await this.audit.record(m, scope, {
        action: existing ? 'UPDATE' : 'CREATE',
        entity: 'RegionTarget',
        entityId: row.id,
        regionId,
        before: existing ? { predicate: existing.predicate, year: existing.year } : null,
        after: { predicate: row.predicate, year: row.year },
      });
      return { predicate: row.predicate, year: row.year };
    });
  }
}
