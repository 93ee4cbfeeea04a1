import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Decimal from 'decimal.js';
import { DataSource, type EntityManager, In, IsNull, LessThanOrEqual, MoreThanOrEqual } from 'typeorm';
import { Exact, toFixedHalfUp } from '../common/decimal/exact';
import { NotFoundError } from '../common/errors/domain-error';
import { regionOf, type TenantScope } from '../common/tenancy/tenant-scope';
import { Region } from '../organization/entities/region.entity';
import { Skpd } from '../organization/entities/skpd.entity';
import { rollUpContributions } from '../planning/crosscut-rollup';
import type { Quarter } from '../planning/domain/indicator-settings';
import { CrosscutContribution } from '../planning/entities/crosscut-contribution.entity';
import { IndicatorTarget } from '../planning/entities/indicator-target.entity';
import { Indicator } from '../planning/entities/indicator.entity';
import { PlanNode } from '../planning/entities/plan-node.entity';
import { PlanningPeriod } from '../planning/entities/planning-period.entity';
import { decimalText } from '../planning/planning-access';
import { CapaianCalculator, type IndicatorCapaian, type IndicatorEntry } from './capaian-calculator';
import type { QuarterTarget } from './domain/aggregation';
import type { CapaianResult } from './domain/capaian';
import { categoryOfResult } from './domain/category';
import {
  crosscuttingCapaian,
  meanCapaian,
  rollupByKey,
  type CapaianSummary,
  type ShareContribution,
} from './domain/rollup';
import type { CapaianQueryDto, PemdaCapaianQueryDto } from './dto/realisation.dto';
import { PerformanceSettingsService } from './performance-settings.service';
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

const categoryText = (result: CapaianResult) => {
  const category = categoryOfResult(result);
  return category ? { code: category.code, label: category.label } : null;
};

const summaryText = (s: CapaianSummary) => ({
  mean: percent(s.mean),
  category: s.mean === null ? null : categoryText({ computable: true, value: s.mean }),
  computedCount: s.computedCount,
  notComputableCount: s.notComputableCount,
});

/** A mean as a result, so it can enter a further roll-up; "nothing computable" is never averaged in as 0. */
const asResult = (s: CapaianSummary, members: readonly CapaianResult[]): CapaianResult => {
  if (s.mean !== null) return { computable: true, value: s.mean };
  const first = members.find((r): r is Extract<CapaianResult, { computable: false }> => !r.computable);
  return { computable: false, reason: first?.reason ?? 'MISSING_REALISATION' };
};

/** Per-indicator detail of an evaluated entry, the same in the SKPD and the Pemda view. */
function indicatorDetail(entry: IndicatorEntry, c: IndicatorCapaian) {
  const ind = entry.indicator;
  return {
    indicatorId: ind.id,
    code: ind.code,
    name: ind.name,
    satuan: ind.satuan,
    sasaranId: ind.nodeId,
    polarity: ind.polarity,
    aggregation: ind.aggregation,
    target: { annual: targetText(c.input.annualTarget), quarters: c.input.quarterTargets.map(targetText) },
    realisations: ([1, 2, 3, 4] as const).map((q) => {
      const r = entry.rows[q - 1];
      return {
        quarter: q,
        value: decimalText(r?.value ?? null),
        notes: r?.notes ?? null,
        problems: r?.problems ?? null,
        followUpPlan: r?.followUpPlan ?? null,
        evidenceIds: entry.evidenceIds[q - 1],
        version: r?.version ?? null,
      };
    }),
    previousYear: decimalText(entry.previousYear),
    quartersUsed: c.aggregated ? [...c.aggregated.quarters] : [],
    capaian: percent(c.result.computable ? c.result.value : null),
    category: categoryText(c.result),
    notComputable: c.notComputable,
    warnings: c.warnings,
  };
}

interface Evaluated {
  entry: IndicatorEntry;
  capaian: IndicatorCapaian;
}

/**
 * Capaian of an SKPD's effective PK for a year (to a quarter, or the year) with roll-ups per sasaran and SKPD, and
 * of the Pemda: its IKU and its crosscutting targets, both measured through the SKPD indicators that cascade to them.
 */
@Injectable()
export class CapaianService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly calculator: CapaianCalculator,
    private readonly realisations: RealisationService,
    private readonly settings: PerformanceSettingsService,
  ) {}

  private async region(m: EntityManager, regionId: string) {
    const region = await m.findOne(Region, { where: { id: regionId } });
    if (!region) throw new NotFoundError('Region');
    const rules = await this.settings.rulesOf(m, region);
    return { rules, cap: region.capaianCap === null ? null : new Exact(region.capaianCap) };
  }

  async forSkpd(scope: TenantScope, query: CapaianQueryDto) {
    const m = this.db.manager;
    const regionId = regionOf(scope);
    await this.realisations.assertSkpdVisible(m, scope, query.skpdId);
    const { rules, cap } = await this.region(m, regionId);
    const quarter = (query.quarter ?? null) as Quarter | null;
    const { pk, entries } = await this.calculator.load(m, scope, regionId, query.skpdId, query.year);
    const base = { skpdId: query.skpdId, year: query.year, quarter, cap: decimalText(cap) };
    if (!pk) return { ...base, pkId: null, indicators: [], bySasaran: [], skpd: summaryText(meanCapaian([])) };
    const evaluated = entries.map((entry) => ({ entry, capaian: this.calculator.evaluate(entry, rules, quarter) }));
    const results = evaluated.map((e) => ({ key: e.entry.indicator.nodeId, result: e.capaian.result }));
    return {
      ...base,
      pkId: pk.id,
      pkRevision: pk.revision,
      indicators: evaluated.map((e) => indicatorDetail(e.entry, e.capaian)),
      bySasaran: rollupByKey(results, { cap }).map((g) => ({ sasaranId: g.key, ...summaryText(g) })),
      skpd: summaryText(
        meanCapaian(
          results.map((r) => r.result),
          { cap },
        ),
      ),
    };
  }

  /**
   * The Pemda for a year (to a quarter, or the year). A Pemda indicator is measured through the SKPD indicators that
   * cascade to it: the indicators in each SKPD's effective PK whose SKPD sasaran supports (pohon kinerja,
   * `supportsNodeId`) the Pemda indicator's node or a Pemda node directly under it.
   *
   * - `iku`: every IKU Pemda of the periods covering the year — mean capaian (region cap applied) of its supporting
   *   indicators, with the count of those not computable beside it, and each supporting indicator's detail.
   * - `crosscutting`: every Pemda indicator with keroyokan contributions that year — each contributing SKPD's
   *   capaian is the mean of its own supporting indicators, combined by `crosscuttingCapaian` (SHARE_WEIGHTED) with
   *   the shares as weights, or the effective sub-targets when any contribution is a sub-target (for an additive
   *   indicator measured by the SKPD against its sub-target this equals ΣR/ΣT). Missing contributors make the
   *   combined figure not computable.
   * - `pemda`: mean of the IKU means, with the count of IKU without one.
   */
  async forPemda(scope: TenantScope, query: PemdaCapaianQueryDto) {
    const m = this.db.manager;
    const regionId = regionOf(scope);
    const year = query.year;
    const quarter = (query.quarter ?? null) as Quarter | null;
    const { rules, cap } = await this.region(m, regionId);

    const periods = await m.find(PlanningPeriod, {
      where: { regionId, startYear: LessThanOrEqual(year), endYear: MoreThanOrEqual(year) },
    });
    const contributions = await m.find(CrosscutContribution, { where: { regionId, year } });
    const crosscutIds = [...new Set(contributions.map((c) => c.indicatorId))];
    const wherePemda = [
      ...(periods.length ? [{ regionId, periodId: In(periods.map((p) => p.id)), skpdId: IsNull(), isIku: true }] : []),
      ...(crosscutIds.length ? [{ regionId, id: In(crosscutIds) }] : []),
    ];
    const pemdaIndicators = wherePemda.length
      ? await m.find(Indicator, { where: wherePemda, order: { code: 'ASC' } })
      : [];
    const base = { year, quarter, cap: decimalText(cap) };
    if (pemdaIndicators.length === 0)
      return { ...base, iku: [], crosscutting: [], pemda: summaryText(meanCapaian([])) };

    // The pohon kinerja: Pemda node → the Pemda nodes it covers (itself and its children) → supporting SKPD sasaran.
    const pemdaNodeIds = [...new Set(pemdaIndicators.map((i) => i.nodeId))];
    const children = await m.find(PlanNode, { where: { regionId, parentId: In(pemdaNodeIds), skpdId: IsNull() } });
    const covered = new Map(pemdaNodeIds.map((id) => [id, new Set([id])]));
    for (const child of children) covered.get(child.parentId as string)?.add(child.id);
    const allCovered = [...new Set([...covered.values()].flatMap((s) => [...s]))];
    const supporters = await m.find(PlanNode, { where: { regionId, supportsNodeId: In(allCovered) } });
    const supportingNodes = (ind: Indicator): Set<string> => {
      const nodes = covered.get(ind.nodeId) ?? new Set<string>();
      return new Set(supporters.filter((s) => nodes.has(s.supportsNodeId as string)).map((s) => s.id));
    };

    const skpdIds = [...new Set([...supporters.map((s) => s.skpdId as string), ...contributions.map((c) => c.skpdId)])];
    const skpds = new Map(
      (skpdIds.length ? await m.find(Skpd, { where: { regionId, id: In(skpdIds) } }) : []).map((s) => [s.id, s]),
    );
    const evaluated: Evaluated[] = [];
    for (const skpdId of [...skpds.keys()].sort((a, b) => skpds.get(a)!.code.localeCompare(skpds.get(b)!.code))) {
      const { entries } = await this.calculator.load(m, scope, regionId, skpdId, year);
      for (const entry of entries) evaluated.push({ entry, capaian: this.calculator.evaluate(entry, rules, quarter) });
    }
    const supportingOf = (ind: Indicator, skpdId?: string) => {
      const nodes = supportingNodes(ind);
      return evaluated.filter((e) => nodes.has(e.entry.indicator.nodeId) && (!skpdId || e.entry.skpdId === skpdId));
    };
    const supportingDetail = (e: Evaluated) => ({
      skpdId: e.entry.skpdId,
      skpdName: skpds.get(e.entry.skpdId)?.name ?? null,
      ...indicatorDetail(e.entry, e.capaian),
    });

    const targets = new Map(
      (
        await m.find(IndicatorTarget, {
          where: { regionId, year, indicatorId: In(pemdaIndicators.map((i) => i.id)) },
        })
      ).map((t) => [t.indicatorId, t.target]),
    );
    const head = (ind: Indicator) => ({
      indicatorId: ind.id,
      code: ind.code,
      name: ind.name,
      satuan: ind.satuan,
      sasaranId: ind.nodeId,
      isIku: ind.isIku,
      pemdaTarget: decimalText(targets.get(ind.id) ?? null),
    });

    const ikuResults: CapaianResult[] = [];
    const iku = pemdaIndicators
      .filter((ind) => ind.isIku && ind.skpdId === null && periods.some((p) => p.id === ind.periodId))
      .map((ind) => {
        const supporting = supportingOf(ind);
        const results = supporting.map((e) => e.capaian.result);
        const summary = meanCapaian(results, { cap });
        ikuResults.push(asResult(summary, results));
        return {
          ...head(ind),
          ...summaryText(summary),
          notComputable:
            summary.mean !== null ? null : supporting.length ? 'NONE_COMPUTABLE' : 'NO_SUPPORTING_INDICATORS',
          warningCount: supporting.reduce((n, e) => n + e.capaian.warnings.length, 0),
          supporting: supporting.map(supportingDetail),
        };
      });

    const crosscutting = pemdaIndicators
      .filter((ind) => crosscutIds.includes(ind.id))
      .map((ind) => {
        const rows = contributions
          .filter((c) => c.indicatorId === ind.id)
          .sort((a, b) => (skpds.get(a.skpdId)?.code ?? '').localeCompare(skpds.get(b.skpdId)?.code ?? ''));
        const rollup = rollUpContributions(targets.get(ind.id) ?? null, rows);
        const byShare = rows.every((c) => c.sharePercent !== null);
        const parts = rows.map((c, i) => {
          const supporting = supportingOf(ind, c.skpdId);
          const results = supporting.map((e) => e.capaian.result);
          const summary = meanCapaian(results, { cap });
          return {
            row: c,
            weight: byShare ? c.sharePercent : rollup.effective[i],
            result: asResult(summary, results),
            summary,
            supporting,
          };
        });
        const combined = combine(parts, cap);
        return {
          ...head(ind),
          status: rollup.status,
          rolledUpTarget: decimalText(rollup.rolledUpTarget),
          weighting: byShare ? 'SHARE' : 'EFFECTIVE_TARGET',
          capaian: percent(combined.result.computable ? combined.result.value : null),
          category: categoryText(combined.result),
          notComputable: combined.result.computable ? null : combined.reason,
          computedCount: combined.computedCount,
          notComputableCount: combined.notComputableCount,
          contributions: parts.map((p, i) => ({
            skpdId: p.row.skpdId,
            skpdName: skpds.get(p.row.skpdId)?.name ?? null,
            sharePercent: decimalText(p.row.sharePercent),
            subTarget: decimalText(p.row.subTarget),
            effectiveTarget: decimalText(rollup.effective[i]),
            weight: decimalText(p.weight),
            ...summaryText(p.summary),
            notComputable: p.result.computable
              ? null
              : p.supporting.length
                ? p.result.reason
                : 'NO_SUPPORTING_INDICATORS',
            supporting: p.supporting.map(supportingDetail),
          })),
        };
      });

    return { ...base, iku, crosscutting, pemda: summaryText(meanCapaian(ikuResults, { cap })) };
  }
}

/** The combined capaian of a crosscutting target; a contribution without a weight makes it not computable. */
function combine(
  parts: readonly { row: CrosscutContribution; weight: Decimal | null; result: CapaianResult }[],
  cap: Decimal | null,
): { result: CapaianResult; reason: string | null; computedCount: number; notComputableCount: number } {
  const missing = parts.filter((p) => !p.result.computable).length;
  const counts = { computedCount: parts.length - missing, notComputableCount: missing };
  if (parts.some((p) => p.weight === null))
    return { result: { computable: false, reason: 'MISSING_TARGET' }, reason: 'MISSING_TARGET', ...counts };
  const contributions: ShareContribution[] = parts.map((p) => ({
    skpdId: p.row.skpdId,
    share: p.weight as Decimal,
    result: p.result,
  }));
  try {
    const out = crosscuttingCapaian({ method: 'SHARE_WEIGHTED', contributions, cap });
    return {
      result: out.result,
      reason: out.result.computable ? null : out.result.reason,
      computedCount: out.computedCount,
      notComputableCount: out.notComputableCount,
    };
  } catch (e) {
    const code = e instanceof Error && 'code' in e ? String((e as { code: unknown }).code) : 'INVALID_CROSSCUTTING';
    return { result: { computable: false, reason: 'INVALID_TARGET' }, reason: code, ...counts };
  }
}
