import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { UnprocessableError } from '../common/errors/domain-error';
import { regionOf, type TenantScope } from '../common/tenancy/tenant-scope';
import { Skpd } from '../organization/entities/skpd.entity';
import { rollUpContributions } from './crosscut-rollup';
import { CrosscutAssignmentDto, CrosscutListQueryDto, CrosscutRollupDto, PutCrosscutDto } from './dto/crosscut.dto';
import { CrosscutContribution } from './entities/crosscut-contribution.entity';
import { IndicatorTarget } from './entities/indicator-target.entity';
import { Indicator } from './entities/indicator.entity';
import { PlanningPeriod } from './entities/planning-period.entity';
import { IndicatorsService, type PlanningProblem } from './indicators.service';
import { PlanNodesService } from './plan-nodes.service';
import { assertPlanWritable, decimalText, toDecimal } from './planning-access';

const HUNDRED = 100;

@Injectable()
export class CrosscutService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly indicators: IndicatorsService,
    private readonly nodes: PlanNodesService,
    private readonly audit: AuditService,
  ) {}

  /** Replaces the SKPD contributions to a Pemda indicator's target in one year (REGION_ADMIN). */
  async put(scope: TenantScope, indicatorId: string, dto: PutCrosscutDto): Promise<CrosscutRollupDto> {
    await this.db.transaction(async (m) => {
      const indicator = await this.indicators.findVisible(scope, indicatorId, m);
      assertPlanWritable(scope, null);
      const problems = await this.check(m, scope, indicator, dto);
      if (problems.length)
        throw new UnprocessableError(
          'INVALID_CROSSCUT',
          'The contributions are not valid',
          problems.map((p) => ({ field: p.field, code: p.code, messages: [p.message] })),
        );
      const repo = m.getRepository(CrosscutContribution);
      const existing = await repo.findBy({ indicatorId, year: dto.year });
      await repo.delete({ indicatorId, year: dto.year });
      const rows = dto.contributions.map((c) =>
        repo.create({
          regionId: indicator.regionId,
          indicatorId,
          year: dto.year,
          skpdId: c.skpdId,
          sharePercent: toDecimal(c.sharePercent),
          subTarget: toDecimal(c.subTarget),
          note: c.note ?? null,
        }),
      );
      await repo.save(rows);
      const view = (list: CrosscutContribution[]) => ({
        year: dto.year,
        contributions: list.map((c) => ({
          skpdId: c.skpdId,
          sharePercent: decimalText(c.sharePercent),
          subTarget: decimalText(c.subTarget),
        })),
      });
      await this.audit.record(m, scope, {
        action: 'REPLACE',
        entity: 'CrosscutContribution',
        entityId: indicatorId,
        regionId: indicator.regionId,
        before: view(existing),
        after: view(rows),
      });
    });
    return this.rollup(scope, indicatorId, dto.year);
  }

  /** Roll-ups of one indicator for the year given, or for every year of its period. */
  async rollups(scope: TenantScope, indicatorId: string, year?: number): Promise<CrosscutRollupDto[]> {
    const indicator = await this.indicators.findVisible(scope, indicatorId);
    if (year !== undefined) return [await this.rollup(scope, indicatorId, year)];
    const period = await this.db.getRepository(PlanningPeriod).findOneByOrFail({ id: indicator.periodId });
    const result: CrosscutRollupDto[] = [];
    for (let y = period.startYear; y <= period.endYear; y++) result.push(await this.rollup(scope, indicatorId, y));
    return result;
  }

  /** The Pemda view of one indicator and year. Planners see their own contribution row; totals count every SKPD. */
  async rollup(scope: TenantScope, indicatorId: string, year: number): Promise<CrosscutRollupDto> {
    const m = this.db.manager;
    const indicator = await this.indicators.findVisible(scope, indicatorId);
    const target = await m.getRepository(IndicatorTarget).findOneBy({ indicatorId, year });
    const rows = await m
      .getRepository(CrosscutContribution)
      .createQueryBuilder('c')
      .innerJoinAndMapOne('c.skpd', Skpd, 's', 's.id = c.skpdId')
      .where('c.indicatorId = :indicatorId AND c.year = :year', { indicatorId, year })
      .orderBy('s.code', 'ASC')
      .getMany();
    const result = rollUpContributions(target?.target ?? null, rows);
    const contributions = rows
      .map((c, i) => ({
        skpdId: c.skpdId,
        skpdName: (c as CrosscutContribution & { skpd: Skpd }).skpd.name,
        sharePercent: decimalText(c.sharePercent),
        subTarget: decimalText(c.subTarget),
        effectiveTarget: decimalText(result.effective[i]),
        note: c.note,
      }))
      .filter((c) => scope.skpdId === null || c.skpdId === scope.skpdId);
    return {
      indicatorId,
      indicatorCode: indicator.code,
      indicatorName: indicator.name,
      year,
      pemdaTarget: decimalText(target?.target),
      contributions,
      totalSharePercent: result.totalSharePercent.toFixed(),
      rolledUpTarget: decimalText(result.rolledUpTarget),
      status: result.status,
    };
  }

  /** Crosscutting assignments of a year, by SKPD (planners: their own SKPD whatever they ask). */
  async assignments(scope: TenantScope, query: CrosscutListQueryDto): Promise<CrosscutAssignmentDto[]> {
    const skpdId = scope.skpdId ?? query.skpdId;
    const qb = this.db
      .getRepository(CrosscutContribution)
      .createQueryBuilder('c')
      .innerJoinAndMapOne('c.indicator', Indicator, 'i', 'i.id = c.indicatorId')
      .where('c.regionId = :regionId AND c.year = :year', { regionId: regionOf(scope), year: query.year })
      .orderBy('i.code', 'ASC')
      .addOrderBy('c.skpdId', 'ASC');
    if (skpdId) qb.andWhere('c.skpdId = :skpdId', { skpdId });
    const rows = (await qb.getMany()) as (CrosscutContribution & { indicator: Indicator })[];
    return rows.map((c) => ({
      indicatorId: c.indicatorId,
      indicatorCode: c.indicator.code,
      indicatorName: c.indicator.name,
      year: c.year,
      skpdId: c.skpdId,
      sharePercent: decimalText(c.sharePercent),
      subTarget: decimalText(c.subTarget),
      note: c.note,
    }));
  }

  private async check(
    m: EntityManager,
    scope: TenantScope,
    indicator: Indicator,
    dto: PutCrosscutDto,
  ): Promise<PlanningProblem[]> {
    const problems: PlanningProblem[] = [];
    if (indicator.skpdId !== null)
      problems.push({
        field: 'indicatorId',
        code: 'NOT_PEMDA_INDICATOR',
        message: 'Target keroyokan hanya untuk indikator tingkat Pemda.',
      });
    const period = await m.getRepository(PlanningPeriod).findOneByOrFail({ id: indicator.periodId });
    if (dto.year < period.startYear || dto.year > period.endYear)
      problems.push({
        field: 'year',
        code: 'YEAR_OUTSIDE_PERIOD',
        message: `Tahun ${dto.year} di luar periode ${period.startYear}–${period.endYear}.`,
      });
    const seen = new Set<string>();
    for (const [i, c] of dto.contributions.entries()) {
      await this.nodes.findSkpd(m, scope, c.skpdId);
      if (seen.has(c.skpdId))
        problems.push({
          field: `contributions.${i}.skpdId`,
          code: 'DUPLICATE_SKPD',
          message: 'SKPD yang sama tercantum lebih dari sekali.',
        });
      seen.add(c.skpdId);
      if ((c.sharePercent === undefined) === (c.subTarget === undefined))
        problems.push({
          field: `contributions.${i}`,
          code: 'SHARE_OR_SUBTARGET',
          message: 'Isi salah satu: persentase kontribusi atau sub-target.',
        });
      const share = toDecimal(c.sharePercent);
      if (share && (share.isNegative() || share.gt(HUNDRED)))
        problems.push({
          field: `contributions.${i}.sharePercent`,
          code: 'SHARE_OUT_OF_RANGE',
          message: 'Persentase kontribusi harus antara 0 dan 100.',
        });
      const sub = toDecimal(c.subTarget);
      if (sub && sub.isNegative() && !sub.isZero())
        problems.push({
          field: `contributions.${i}.subTarget`,
          code: 'NEGATIVE_TARGET',
          message: 'Sub-target tidak boleh negatif.',
        });
    }
    return problems;
  }
}
