import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Decimal from 'decimal.js';
import { DataSource, In } from 'typeorm';
import { Exact, toFixedHalfUp } from '../common/decimal/exact';
import { NotFoundError } from '../common/errors/domain-error';
import { regionOf, type TenantScope } from '../common/tenancy/tenant-scope';
import { Region } from '../organization/entities/region.entity';
import type { Quarter, Quarterly } from '../planning/domain/indicator-settings';
import { Indicator } from '../planning/entities/indicator.entity';
import { PkIndicator } from '../planning/entities/pk-indicator.entity';
import { decimalText } from '../planning/planning-access';
import { PkService } from '../planning/pk.service';
import { capaianForYear, capaianToQuarter, type AggregatedCapaian, type QuarterTarget } from './domain/aggregation';
import type { CapaianResult } from './domain/capaian';
import { categoryOfResult } from './domain/category';
import { meanCapaian, rollupByKey, type CapaianSummary } from './domain/rollup';
import type { CapaianQueryDto } from './dto/realisation.dto';
import { Realisation } from './entities/realisation.entity';
import { RealisationService } from './realisation.service';

/** A percentage for the API: `display` rounded half-up to 2 decimals, `exact` unrounded. */
export interface PercentText {
  display: string;
  exact: string;
}

const percent = (value: Decimal | null): PercentText | null =>
  value === null ? null : { display: toFixedHalfUp(value, 2), exact: value.toFixed() };

const targetText = (t: QuarterTarget | null): unknown => {
  if (t === null) return null;
  if (Decimal.isDecimal(t)) return t.toFixed();
  if (typeof t === 'object') return { lower: decimalText(t.lower), upper: decimalText(t.upper) };
  return t;
};

const summaryText = (s: CapaianSummary) => ({
  mean: percent(s.mean),
  computedCount: s.computedCount,
  notComputableCount: s.notComputableCount,
});

/** Capaian of an SKPD's effective PK for a year (to a quarter, or the year), with roll-ups per sasaran and SKPD. */
@Injectable()
export class CapaianService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly pk: PkService,
    private readonly realisations: RealisationService,
  ) {}

  async forSkpd(scope: TenantScope, query: CapaianQueryDto) {
    const m = this.db.manager;
    const regionId = regionOf(scope);
    await this.realisations.assertSkpdVisible(m, scope, query.skpdId);
    const region = await m.findOne(Region, { where: { id: regionId } });
    if (!region) throw new NotFoundError('Region');
    const cap = region.capaianCap === null ? null : new Exact(region.capaianCap);
    const pk = await this.pk.findEffectiveIn(m, regionId, query.skpdId, query.year);
    const base = { skpdId: query.skpdId, year: query.year, quarter: query.quarter ?? null, cap: decimalText(cap) };
    if (!pk) return { ...base, pkId: null, indicators: [], bySasaran: [], skpd: summaryText(meanCapaian([])) };

    const pkIndicators = await m.find(PkIndicator, { where: { pkId: pk.id }, order: { sortOrder: 'ASC' } });
    const indicatorIds = pkIndicators.map((p) => p.indicatorId);
    const indicators = indicatorIds.length ? await m.find(Indicator, { where: { regionId, id: In(indicatorIds) } }) : [];
    const byId = new Map(indicators.map((i) => [i.id, i]));
    const rows = indicatorIds.length
      ? await m.find(Realisation, { where: { regionId, skpdId: query.skpdId, year: query.year, indicatorId: In(indicatorIds) } })
      : [];

    const results: { key: string; result: CapaianResult }[] = [];
    const details = pkIndicators.flatMap((p) => {
      const ind = byId.get(p.indicatorId);
      if (!ind) return [];
      const quarterly = (q: Quarter) => rows.find((r) => r.indicatorId === ind.id && r.quarter === q) ?? null;
      const targetOf = (value: Decimal | null): QuarterTarget | null =>
        ind.polarity === 'RANGE' ? { lower: ind.rangeMin, upper: ind.rangeMax } : ind.polarity === 'BINARY' ? true : value;
      const quarterTargets: Quarterly<QuarterTarget | null> = [
        targetOf(p.q1Target),
        targetOf(p.q2Target),
        targetOf(p.q3Target),
        targetOf(p.q4Target),
      ];
      const values: Quarterly<Decimal | null> = [
        quarterly(1)?.value ?? null,
        quarterly(2)?.value ?? null,
        quarterly(3)?.value ?? null,
        quarterly(4)?.value ?? null,
      ];
      const input = {
        polarity: ind.polarity,
        lowerIsBetterFormula: ind.lowerIsBetterFormula ?? region.lowerIsBetterFormula,
        aggregation: ind.aggregation,
        quarterTargets,
        annualTarget: targetOf(p.annualTarget),
        realisations: values,
      };
      let agg: AggregatedCapaian | null = null;
      let configError: string | null = null;
      try {
        agg = query.quarter ? capaianToQuarter({ ...input, quarter: query.quarter as Quarter }) : capaianForYear(input);
      } catch (e) {
        configError = e instanceof Error && 'code' in e ? String((e as { code: unknown }).code) : 'INVALID_CONFIGURATION';
      }
      const result: CapaianResult = agg
        ? agg.computable
          ? { computable: true, value: agg.value }
          : { computable: false, reason: agg.reason }
        : { computable: false, reason: 'INVALID_TARGET' };
      results.push({ key: ind.nodeId, result });
      const category = categoryOfResult(result);
      return [
        {
          indicatorId: ind.id,
          code: ind.code,
          name: ind.name,
          satuan: ind.satuan,
          sasaranId: ind.nodeId,
          polarity: ind.polarity,
          aggregation: ind.aggregation,
          target: {
            annual: targetText(input.annualTarget),
            quarters: quarterTargets.map(targetText),
          },
          realisations: ([1, 2, 3, 4] as const).map((q) => {
            const r = quarterly(q);
            return {
              quarter: q,
              value: decimalText(r?.value ?? null),
              notes: r?.notes ?? null,
              problems: r?.problems ?? null,
              followUpPlan: r?.followUpPlan ?? null,
            };
          }),
          quartersUsed: agg ? [...agg.quarters] : [],
          capaian: percent(result.computable ? result.value : null),
          category: category ? { code: category.code, label: category.label } : null,
          notComputable: result.computable ? null : (configError ?? result.reason),
        },
      ];
    });

    return {
      ...base,
      pkId: pk.id,
      pkRevision: pk.revision,
      indicators: details,
      bySasaran: rollupByKey(results, { cap }).map((g) => ({ sasaranId: g.key, ...summaryText(g) })),
      skpd: summaryText(meanCapaian(results.map((r) => r.result), { cap })),
    };
  }
}
