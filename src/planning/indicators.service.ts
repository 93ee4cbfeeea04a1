import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Decimal from 'decimal.js';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ConflictError, UnprocessableError } from '../common/errors/domain-error';
import { type Page, paginate } from '../common/http/pagination';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { updateWithVersion } from '../common/typeorm/versioned-update';
import type { LowerIsBetterFormula, Polarity, QuarterAggregation } from './domain/indicator-settings';
import { checkIndicatorSettings, checkRangeBounds } from './domain/target-rules';
import {
  AnnualTargetResponseDto,
  CreateIndicatorDto,
  IndicatorQueryDto,
  IndicatorResponseDto,
  PutAnnualTargetsDto,
  toAnnualTargetResponse,
  toIndicatorResponse,
  UpdateIndicatorDto,
} from './dto/indicator.dto';
import { IndicatorTarget } from './entities/indicator-target.entity';
import { Indicator } from './entities/indicator.entity';
import { PerformanceAgreement } from './entities/performance-agreement.entity';
import { PkIndicator } from './entities/pk-indicator.entity';
import { PlanningPeriod } from './entities/planning-period.entity';
import { Realisation } from '../performance/entities/realisation.entity';
import { assertIndicatorActivityChange, assertNodeActive } from './plan-activity';
import { PlanNodesService } from './plan-nodes.service';
import { assertPlanVisible, assertPlanWritable, scopedPlan, toDecimal } from './planning-access';

/** A problem with one value, for 422 bodies and import previews: `field` names the input field. */
export interface PlanningProblem {
  field: string;
  code: string;
  message: string;
}

/** Indicator settings as the checks need them (exact decimals, no request strings). */
export interface IndicatorSettingsInput {
  polarity: Polarity;
  aggregation: QuarterAggregation;
  rangeMin: Decimal | null;
  rangeMax: Decimal | null;
  lowerIsBetterFormula: LowerIsBetterFormula | null;
  allowsNegative: boolean;
}

/** An annual plan target row, already parsed (the API and the Excel import both produce these). */
export interface AnnualTargetInput {
  year: number;
  target: Decimal;
}

/** Settings that must hold together: binary ⇒ last value, RANGE ⇔ bounds, formula only for lower-is-better. */
export function checkIndicatorSettingsInput(s: IndicatorSettingsInput): PlanningProblem[] {
  const problems: PlanningProblem[] = checkIndicatorSettings({ polarity: s.polarity, aggregation: s.aggregation }).map(
    (p) => ({
      field: 'aggregation',
      code: p.code,
      message: p.message,
    }),
  );
  if (s.polarity === 'RANGE') {
    problems.push(
      ...checkRangeBounds(s.rangeMin, s.rangeMax).map((p) => ({
        field: p.code === 'RANGE_UPPER_MISSING' ? 'rangeMax' : 'rangeMin',
        code: p.code,
        message: p.message,
      })),
    );
  } else if (s.rangeMin !== null || s.rangeMax !== null) {
    problems.push({
      field: 'rangeMin',
      code: 'RANGE_NOT_APPLICABLE',
      message: 'Batas rentang hanya diisi untuk indikator berpolaritas rentang (RANGE).',
    });
  }
  if (s.allowsNegative && s.polarity === 'BINARY')
    problems.push({
      field: 'allowsNegative',
      code: 'NEGATIVE_NOT_APPLICABLE',
      message: 'Indikator ya/tidak (biner) hanya menerima realisasi 1 atau 0, tidak dapat menerima nilai negatif.',
    });
  if (s.lowerIsBetterFormula !== null && s.polarity !== 'LOWER_IS_BETTER')
    problems.push({
      field: 'lowerIsBetterFormula',
      code: 'FORMULA_NOT_APPLICABLE',
      message: 'Rumus capaian terbalik hanya untuk indikator yang makin rendah makin baik.',
    });
  return problems;
}

/** Annual targets: each year inside the period, once, not negative. */
export function checkAnnualTargets(
  period: Pick<PlanningPeriod, 'startYear' | 'endYear'>,
  rows: readonly AnnualTargetInput[],
): PlanningProblem[] {
  const problems: PlanningProblem[] = [];
  const seen = new Set<number>();
  rows.forEach((row, i) => {
    if (row.year < period.startYear || row.year > period.endYear)
      problems.push({
        field: `targets.${i}.year`,
        code: 'YEAR_OUTSIDE_PERIOD',
        message: `Tahun ${row.year} di luar periode ${period.startYear}–${period.endYear}.`,
      });
    if (seen.has(row.year))
      problems.push({
        field: `targets.${i}.year`,
        code: 'DUPLICATE_YEAR',
        message: `Tahun ${row.year} diisi lebih dari sekali.`,
      });
    seen.add(row.year);
    if (row.target.isNegative() && !row.target.isZero())
      problems.push({
        field: `targets.${i}.target`,
        code: 'NEGATIVE_TARGET',
        message: `Target tahun ${row.year} tidak boleh negatif.`,
      });
  });
  return problems;
}

const unprocessable = (code: string, message: string, problems: PlanningProblem[]) =>
  new UnprocessableError(
    code,
    message,
    problems.map((p) => ({ field: p.field, code: p.code, messages: [p.message] })),
  );

@Injectable()
export class IndicatorsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly nodes: PlanNodesService,
    private readonly audit: AuditService,
  ) {}

  /** An indicator the caller may read (Pemda-level, or an SKPD they see), else 404. */
  async findVisible(scope: TenantScope, id: string, m: EntityManager = this.db.manager): Promise<Indicator> {
    return assertPlanVisible(scope, await m.getRepository(Indicator).findOneBy({ id }), 'Indicator');
  }

  list(scope: TenantScope, query: IndicatorQueryDto): Promise<Page<IndicatorResponseDto>> {
    const qb = scopedPlan(this.db.getRepository(Indicator).createQueryBuilder('i'), scope);
    if (query.periodId) qb.andWhere('i.periodId = :periodId', { periodId: query.periodId });
    if (query.nodeId) qb.andWhere('i.nodeId = :nodeId', { nodeId: query.nodeId });
    if (query.skpdId) qb.andWhere('i.skpdId = :skpdId', { skpdId: query.skpdId });
    if (query.level === 'PEMDA') qb.andWhere('i.skpdId IS NULL');
    if (query.level === 'SKPD') qb.andWhere('i.skpdId IS NOT NULL');
    if (query.isIku) qb.andWhere('i.isIku = :isIku', { isIku: query.isIku === 'true' });
    if (query.active) qb.andWhere('i.active = :active', { active: query.active === 'true' });
    if (query.q) qb.andWhere('(i.code LIKE :q OR i.name LIKE :q)', { q: `%${query.q.replace(/[%_]/g, '')}%` });
    return paginate(qb, query, ['code', 'name', 'createdAt'], toIndicatorResponse);
  }

  async get(scope: TenantScope, id: string): Promise<IndicatorResponseDto> {
    return toIndicatorResponse(await this.findVisible(scope, id));
  }

  async create(scope: TenantScope, dto: CreateIndicatorDto): Promise<IndicatorResponseDto> {
    return this.db.transaction(async (m) => toIndicatorResponse(await this.createIn(m, scope, dto)));
  }

  /** Creates an indicator on a node inside the caller's transaction; owner (Pemda/SKPD) and period come from the node. */
  async createIn(m: EntityManager, scope: TenantScope, dto: CreateIndicatorDto): Promise<Indicator> {
    const node = await this.nodes.findVisible(scope, dto.nodeId, m);
    assertPlanWritable(scope, node.skpdId);
    assertNodeActive(node);
    const settings: IndicatorSettingsInput = {
      polarity: dto.polarity,
      aggregation: dto.aggregation,
      rangeMin: toDecimal(dto.rangeMin),
      rangeMax: toDecimal(dto.rangeMax),
      lowerIsBetterFormula: dto.lowerIsBetterFormula ?? null,
      allowsNegative: dto.allowsNegative ?? false,
    };
    const problems = checkIndicatorSettingsInput(settings);
    if (problems.length)
      throw unprocessable('INVALID_INDICATOR', 'The indicator settings do not fit together', problems);
    await this.assertCodeFree(m, node.periodId, node.ownerKey, dto.code);
    const row = m.create(Indicator, {
      regionId: node.regionId,
      periodId: node.periodId,
      nodeId: node.id,
      skpdId: node.skpdId,
      ownerKey: node.ownerKey,
      code: dto.code,
      name: dto.name,
      definition: dto.definition ?? null,
      satuan: dto.satuan,
      ...settings,
      baselineValue: toDecimal(dto.baselineValue),
      baselineYear: dto.baselineYear ?? null,
      endTarget: toDecimal(dto.endTarget),
      dataSource: dto.dataSource ?? null,
      isIku: dto.isIku ?? false,
      decimals: dto.decimals ?? 2,
    });
    await m.save(row);
    await this.audit.record(m, scope, {
      action: 'CREATE',
      entity: 'Indicator',
      entityId: row.id,
      regionId: row.regionId,
      after: toIndicatorResponse(row),
    });
    return row;
  }

  async update(scope: TenantScope, id: string, dto: UpdateIndicatorDto): Promise<IndicatorResponseDto> {
    return this.db.transaction(async (m) => toIndicatorResponse(await this.updateIn(m, scope, id, dto)));
  }

  /**
   * Changes attributes inside the caller's transaction (also for imports). Polarity and aggregation are frozen
   * once an approved or locked PK uses the indicator: they decide how its agreed targets are read.
   */
  async updateIn(m: EntityManager, scope: TenantScope, id: string, dto: UpdateIndicatorDto): Promise<Indicator> {
    const row = await this.findVisible(scope, id, m);
    assertPlanWritable(scope, row.skpdId);
    const before = toIndicatorResponse(row);
    const changes: Partial<Indicator> = {};
    for (const key of [
      'code',
      'name',
      'definition',
      'satuan',
      'polarity',
      'aggregation',
      'lowerIsBetterFormula',
      'baselineYear',
      'dataSource',
      'isIku',
      'allowsNegative',
      'decimals',
      'active',
    ] as const)
      if (dto[key] !== undefined) (changes as Record<string, unknown>)[key] = dto[key];
    for (const key of ['rangeMin', 'rangeMax', 'baselineValue', 'endTarget'] as const)
      if (dto[key] !== undefined) changes[key] = toDecimal(dto[key]);
    const settings: IndicatorSettingsInput = {
      polarity: changes.polarity ?? row.polarity,
      aggregation: changes.aggregation ?? row.aggregation,
      rangeMin: changes.rangeMin !== undefined ? changes.rangeMin : row.rangeMin,
      rangeMax: changes.rangeMax !== undefined ? changes.rangeMax : row.rangeMax,
      lowerIsBetterFormula:
        changes.lowerIsBetterFormula !== undefined ? changes.lowerIsBetterFormula : row.lowerIsBetterFormula,
      allowsNegative: Boolean(changes.allowsNegative ?? row.allowsNegative),
    };
    const problems = checkIndicatorSettingsInput(settings);
    if (problems.length)
      throw unprocessable('INVALID_INDICATOR', 'The indicator settings do not fit together', problems);
    if (
      (settings.polarity !== row.polarity || settings.aggregation !== row.aggregation) &&
      (await this.usedByAgreedPk(m, id))
    )
      throw new ConflictError(
        'INDICATOR_IN_USE',
        'An approved PK uses this indicator; its polarity and aggregation can no longer change',
      );
    if (row.allowsNegative && !settings.allowsNegative && (await this.hasNegativeRealisation(m, id)))
      throw new ConflictError(
        'NEGATIVE_REALISATIONS_EXIST',
        'The indicator has negative realisations; correct them before refusing negative values',
      );
    if (changes.code && changes.code !== row.code)
      await this.assertCodeFree(m, row.periodId, row.ownerKey, changes.code);
    if (dto.active !== undefined) await assertIndicatorActivityChange(m, row, dto.active);
    const saved = await updateWithVersion(m, Indicator, row, dto.version, changes, 'Indicator');
    await this.audit.record(m, scope, {
      action: 'UPDATE',
      entity: 'Indicator',
      entityId: id,
      regionId: row.regionId,
      before,
      after: toIndicatorResponse(saved),
    });
    return saved;
  }

  async getTargets(scope: TenantScope, id: string): Promise<AnnualTargetResponseDto[]> {
    const indicator = await this.findVisible(scope, id);
    const rows = await this.db
      .getRepository(IndicatorTarget)
      .find({ where: { indicatorId: indicator.id }, order: { year: 'ASC' } });
    return rows.map(toAnnualTargetResponse);
  }

  async putTargets(scope: TenantScope, id: string, dto: PutAnnualTargetsDto): Promise<AnnualTargetResponseDto[]> {
    return this.db.transaction(async (m) => {
      const indicator = await this.findVisible(scope, id, m);
      await this.upsertAnnualTargetsIn(
        m,
        scope,
        indicator,
        dto.targets.map((t) => ({ year: t.year, target: toDecimal(t.target) as Decimal })),
      );
      const rows = await m
        .getRepository(IndicatorTarget)
        .find({ where: { indicatorId: indicator.id }, order: { year: 'ASC' } });
      return rows.map(toAnnualTargetResponse);
    });
  }

  /**
   * Inserts or updates the annual plan targets of the given years (other years untouched), inside the caller's
   * transaction; checks write access and the period. Throws 422 listing every problem; returns the saved rows.
   */
  async upsertAnnualTargetsIn(
    m: EntityManager,
    scope: TenantScope,
    indicator: Indicator,
    rows: readonly AnnualTargetInput[],
  ): Promise<IndicatorTarget[]> {
    assertPlanWritable(scope, indicator.skpdId);
    const period = await m.getRepository(PlanningPeriod).findOneByOrFail({ id: indicator.periodId });
    const problems = checkAnnualTargets(period, rows);
    if (problems.length) throw unprocessable('INVALID_TARGETS', 'Some annual targets are not valid', problems);
    const repo = m.getRepository(IndicatorTarget);
    const existing = new Map((await repo.findBy({ indicatorId: indicator.id })).map((t) => [t.year, t]));
    const saved: IndicatorTarget[] = [];
    for (const row of rows) {
      const current = existing.get(row.year);
      if (current && current.target.eq(row.target)) {
        saved.push(current);
        continue;
      }
      const before = current ? toAnnualTargetResponse(current) : null;
      const next = current
        ? Object.assign(current, { target: row.target })
        : repo.create({
            regionId: indicator.regionId,
            skpdId: indicator.skpdId,
            indicatorId: indicator.id,
            year: row.year,
            target: row.target,
          });
      await repo.save(next);
      await this.audit.record(m, scope, {
        action: current ? 'UPDATE' : 'CREATE',
        entity: 'IndicatorTarget',
        entityId: next.id,
        regionId: indicator.regionId,
        before,
        after: toAnnualTargetResponse(next),
      });
      saved.push(next);
    }
    return saved;
  }

  /** Compared in code, not SQL: decimals are text on SQLite, where `value < 0` would compare as text. */
  private async hasNegativeRealisation(m: EntityManager, indicatorId: string): Promise<boolean> {
    const rows = await m.find(Realisation, { where: { indicatorId }, select: { id: true, value: true } });
    return rows.some((r) => r.value !== null && r.value.isNegative() && !r.value.isZero());
  }

  private async usedByAgreedPk(m: EntityManager, indicatorId: string): Promise<boolean> {
    const n = await m
      .getRepository(PkIndicator)
      .createQueryBuilder('pi')
      .innerJoin(PerformanceAgreement, 'pk', 'pk.id = pi.pkId')
      .where('pi.indicatorId = :indicatorId AND pk.status IN (:...statuses)', {
        indicatorId,
        statuses: ['APPROVED', 'LOCKED'],
      })
      .getCount();
    return n > 0;
  }

  private async assertCodeFree(m: EntityManager, periodId: string, ownerKey: string, code: string) {
    if (await m.getRepository(Indicator).existsBy({ periodId, ownerKey, code }))
      throw new ConflictError('CODE_TAKEN', `Indicator code ${code} is already used in this plan`);
  }
}
