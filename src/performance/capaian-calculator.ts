import { Injectable } from '@nestjs/common';
import type Decimal from 'decimal.js';
import { type EntityManager, In } from 'typeorm';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { EvidenceLinkService } from '../evidence/evidence-links.service';
import {
  QUARTERS,
  type LowerIsBetterFormula,
  type Quarter,
  type Quarterly,
} from '../planning/domain/indicator-settings';
import type { PerformanceAgreement } from '../planning/entities/performance-agreement.entity';
import { Indicator } from '../planning/entities/indicator.entity';
import { PkIndicator } from '../planning/entities/pk-indicator.entity';
import { PkService } from '../planning/pk.service';
import {
  capaianForYear,
  capaianToQuarter,
  type AggregatedCapaian,
  type QuarterSeriesInput,
  type QuarterTarget,
} from './domain/aggregation';
import type { CapaianResult, ZeroTargetConvention } from './domain/capaian';
import { checkDataQuality, comparableYearValue, type DataQualityWarning } from './domain/data-quality';
import { Realisation } from './entities/realisation.entity';

/** One PK indicator of an SKPD with everything its capaian and data-quality checks read. */
export interface IndicatorEntry {
  skpdId: string;
  indicator: Indicator;
  pkIndicator: PkIndicator;
  /** This year's realisation rows by quarter (null = no row). */
  rows: Quarterly<Realisation | null>;
  /** Evidence linked to each quarter's realisation. */
  evidenceIds: Quarterly<string[]>;
  /** Last year's comparable figure (or the baseline when it is last year's), null when unknown. */
  previousYear: Decimal | null;
}

export interface SkpdEntries {
  pk: PerformanceAgreement | null;
  entries: IndicatorEntry[];
}

/** Capaian of one entry to a quarter (or for the year) with its data-quality warnings. */
export interface IndicatorCapaian {
  input: QuarterSeriesInput;
  /** null when the indicator's configuration cannot be aggregated (see `notComputable`). */
  aggregated: AggregatedCapaian | null;
  result: CapaianResult;
  /** The reason code shown when not computable: the engine's reason or a configuration error code. */
  notComputable: string | null;
  warnings: DataQualityWarning[];
}

/** The region's capaian conventions: its lower-is-better formula and what a lower-is-better zero target scores. */
export interface CapaianRules {
  lowerIsBetterFormula: LowerIsBetterFormula;
  zeroTargetConvention: ZeroTargetConvention;
}

const byQuarter = <T>(pick: (q: Quarter) => T): Quarterly<T> => [pick(1), pick(2), pick(3), pick(4)];

/**
 * Loads an SKPD's effective-PK indicators with their realisations, evidence and last year's figure, and evaluates
 * them with the pure capaian and data-quality functions. Shared by the capaian views and realisation entry, so a
 * warning returned on entry is the same as the one the capaian view shows. Takes the caller's EntityManager, so it
 * also reads inside the entry transaction.
 */
@Injectable()
export class CapaianCalculator {
  constructor(
    private readonly pk: PkService,
    private readonly evidence: EvidenceLinkService,
  ) {}

  /** The SKPD's effective PK for the year and its indicators (only `indicatorIds` when given), in PK order. */
  async load(
    m: EntityManager,
    scope: TenantScope,
    regionId: string,
    skpdId: string,
    year: number,
    indicatorIds?: readonly string[],
  ): Promise<SkpdEntries> {
    const pk = await this.pk.findEffectiveIn(m, regionId, skpdId, year);
    if (!pk) return { pk: null, entries: [] };
    const where = indicatorIds ? { pkId: pk.id, indicatorId: In([...indicatorIds]) } : { pkId: pk.id };
    const pkIndicators = await m.find(PkIndicator, { where, order: { sortOrder: 'ASC' } });
    const ids = pkIndicators.map((p) => p.indicatorId);
    if (ids.length === 0) return { pk, entries: [] };
    const indicators = new Map((await m.find(Indicator, { where: { regionId, id: In(ids) } })).map((i) => [i.id, i]));
    const rows = await m.find(Realisation, {
      where: { regionId, skpdId, year: In([year - 1, year]), indicatorId: In(ids) },
    });
    const current = rows.filter((r) => r.year === year);
    const links = await this.evidence.linkedIds(
      m,
      scope,
      'REALISATION',
      current.map((r) => r.id),
    );
    const entries = pkIndicators.flatMap((p): IndicatorEntry[] => {
      const indicator = indicators.get(p.indicatorId);
      if (!indicator) return [];
      const of = (y: number) =>
        byQuarter((q) => rows.find((r) => r.indicatorId === indicator.id && r.year === y && r.quarter === q) ?? null);
      const thisYear = of(year);
      return [
        {
          skpdId,
          indicator,
          pkIndicator: p,
          rows: thisYear,
          evidenceIds: byQuarter((q) => (thisYear[q - 1] ? (links.get(thisYear[q - 1]!.id) ?? []) : [])),
          previousYear: previousYearValue(indicator, p, of(year - 1), year),
        },
      ];
    });
    return { pk, entries };
  }

  /** Capaian to `quarter` (or for the year when null) and the warnings of the entry. */
  evaluate(entry: IndicatorEntry, rules: CapaianRules, quarter: Quarter | null): IndicatorCapaian {
    const { indicator: ind, pkIndicator: p } = entry;
    const targetOf = (value: Decimal | null): QuarterTarget | null =>
      ind.polarity === 'RANGE'
        ? { lower: ind.rangeMin, upper: ind.rangeMax }
        : ind.polarity === 'BINARY'
          ? binaryTarget(value)
          : value;
    const rawTargets = quarterTargetsOf(p);
    const input: QuarterSeriesInput = {
      polarity: ind.polarity,
      lowerIsBetterFormula: ind.lowerIsBetterFormula ?? rules.lowerIsBetterFormula,
      zeroTargetConvention: rules.zeroTargetConvention,
      allowsNegative: ind.allowsNegative,
      aggregation: ind.aggregation,
      quarterTargets: byQuarter((q) => targetOf(rawTargets[q - 1])),
      annualTarget: targetOf(p.annualTarget),
      realisations: byQuarter((q) => entry.rows[q - 1]?.value ?? null),
    };
    let aggregated: AggregatedCapaian | null = null;
    let configError: string | null = null;
    try {
      aggregated = quarter ? capaianToQuarter({ ...input, quarter }) : capaianForYear(input);
    } catch (e) {
      configError = e instanceof Error && 'code' in e ? String((e as { code: unknown }).code) : 'INVALID_CONFIGURATION';
    }
    const result: CapaianResult = aggregated
      ? aggregated.computable
        ? { computable: true, value: aggregated.value }
        : { computable: false, reason: aggregated.reason }
      : { computable: false, reason: 'INVALID_TARGET' };
    const warnings = checkDataQuality({
      aggregation: ind.aggregation,
      quarterTargets: rawTargets,
      realisations: input.realisations,
      hasEvidence: byQuarter((q) => entry.evidenceIds[q - 1].length > 0),
      upTo: quarter,
      capaian: result,
      previousYearRealisation: entry.previousYear,
    });
    return {
      input,
      aggregated,
      result,
      notComputable: result.computable ? null : (configError ?? result.reason),
      warnings,
    };
  }
}

/** A yes/no target as stored: 1 → "ya" (true), 0 → "tidak" (false, NOT_APPLICABLE); anything else stays invalid. */
const binaryTarget = (value: Decimal | null): QuarterTarget | null =>
  value === null ? null : value.eq(1) ? true : value.eq(0) ? false : value;

const quarterTargetsOf = (p: PkIndicator): Quarterly<Decimal | null> => [
  p.q1Target,
  p.q2Target,
  p.q3Target,
  p.q4Target,
];

/**
 * Last year's figure comparable with this year's (`comparableYearValue` on last year's quarters, read with this
 * year's quarter targets to tell levels from cumulative positions); without any realisation last year, the baseline
 * when it is last year's.
 */
function previousYearValue(
  indicator: Indicator,
  p: PkIndicator,
  lastYear: Quarterly<Realisation | null>,
  year: number,
): Decimal | null {
  if (QUARTERS.some((q) => lastYear[q - 1]?.value != null))
    return comparableYearValue({
      aggregation: indicator.aggregation,
      quarterTargets: quarterTargetsOf(p),
      realisations: byQuarter((q) => lastYear[q - 1]?.value ?? null),
    });
  return indicator.baselineYear === year - 1 ? indicator.baselineValue : null;
}
