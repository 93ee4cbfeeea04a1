import Decimal from 'decimal.js';
import { Exact, toFixedHalfUp } from '../../common/decimal/exact';
import { computeCapaian } from '../../performance/domain/capaian';
import type { LowerIsBetterFormula, Polarity } from '../../planning/domain/indicator-settings';

/**
 * Row data of the performance achievement table (LKjIP chapter III, "Capaian Kinerja"): per sasaran, each indicator
 * with satuan, target, realisation per quarter, capaian and category as the capaian API computes them, last year's
 * realisation and capaian, and the end-of-period (Renstra/RPJMD) target with the capaian against it.
 * Pure: the capaian of the year and of last year are taken from the capaian API's output, never recomputed; only
 * the comparison with the end-of-period target is computed here (same formula as the capaian, see computeCapaian).
 */

/** The parts of GET /capaian (CapaianService.forSkpd) the table needs, for one year. */
export interface CapaianReportInput {
  readonly indicators: readonly {
    readonly indicatorId: string;
    readonly code: string;
    readonly name: string;
    readonly satuan: string;
    readonly sasaranId: string;
    readonly polarity: string;
    readonly aggregation: string;
    readonly target: { readonly annual: unknown };
    readonly realisations: readonly { readonly quarter: number; readonly value: string | null }[];
    readonly capaian: { readonly display: string; readonly exact: string } | null;
    readonly category: { readonly code: string; readonly label: string } | null;
    readonly notComputable: string | null;
  }[];
  readonly bySasaran: readonly { readonly sasaranId: string; readonly mean: { readonly display: string } | null }[];
  readonly skpd: { readonly mean: { readonly display: string } | null };
}

/** Plan data of an indicator the capaian API does not return. */
export interface IndicatorPlan {
  readonly code: string;
  readonly polarity: Polarity;
  readonly lowerIsBetterFormula: LowerIsBetterFormula | null;
  /** Target of the last year of the RPJMD/Renstra period (kondisi akhir). */
  readonly endTarget: string | null;
}

export interface CapaianTableInput {
  readonly current: CapaianReportInput;
  /** Last year's capaian output; indicators are matched by code (a new period has new indicator ids). */
  readonly previous: CapaianReportInput | null;
  readonly sasaranNames: ReadonlyMap<string, { code: string; name: string }>;
  readonly plans: ReadonlyMap<string, IndicatorPlan>;
  readonly regionLowerIsBetterFormula: LowerIsBetterFormula;
}

export interface CapaianTableRow {
  readonly sasaranCode: string;
  readonly sasaranName: string;
  readonly indicatorCode: string;
  readonly indicatorName: string;
  readonly satuan: string;
  /** Annual target as text (a number, "a – b" for a range, a code for yes/no indicators). */
  readonly target: string;
  /** TW I..IV realisations as stored (decimal strings); null = not reported. */
  readonly quarters: readonly (string | null)[];
  /** The realisation of the year (see annualRealisation); null when not available. */
  readonly annualRealisation: string | null;
  /** 2-dp capaian exactly as the API's `capaian.display`; null when not computable. */
  readonly capaian: string | null;
  readonly category: string | null;
  /** Why capaian is missing (API code), else null. */
  readonly notComputable: string | null;
  readonly previousRealisation: string | null;
  readonly previousCapaian: string | null;
  /** capaian − last year's capaian, 2 dp, from the exact values. */
  readonly capaianChange: string | null;
  readonly endTarget: string | null;
  /** Annual realisation against the end-of-period target (same polarity formula), 2 dp. */
  readonly capaianToEndTarget: string | null;
}

export interface CapaianSasaranSummary {
  readonly sasaranCode: string;
  readonly sasaranName: string;
  readonly mean: string | null;
}

export interface CapaianTable {
  readonly rows: readonly CapaianTableRow[];
  readonly bySasaran: readonly CapaianSasaranSummary[];
  readonly mean: string | null;
}

const dec = (v: string | null | undefined): Decimal | null =>
  v === null || v === undefined || v === '' ? null : new Exact(v);

/** Annual realisation by aggregation: TW IV (last value), the sum of all four quarters, or the mean of the reported ones. */
export function annualRealisation(aggregation: string, quarters: readonly (string | null)[]): Decimal | null {
  const values = quarters.map(dec);
  if (aggregation === 'LAST_VALUE') return values[3];
  const reported = values.filter((v): v is Decimal => v !== null);
  const sum = reported.reduce((a, b) => a.plus(b), new Exact(0));
  if (aggregation === 'AVERAGE') return reported.length ? sum.div(reported.length) : null;
  return reported.length === values.length ? sum : null;
}

export function targetText(t: unknown): string {
  if (t === null || t === undefined) return '';
  if (typeof t === 'string') return t;
  // A yes/no target: "ya" (1) or "tidak" (0, nothing to achieve: the capaian is NOT_APPLICABLE).
  if (t === true) return 'Ya';
  if (t === false) return 'Tidak';
  if (typeof t === 'object' && 'lower' in t && 'upper' in t) {
    const r = t as { lower: string | null; upper: string | null };
    return `${r.lower ?? ''} – ${r.upper ?? ''}`;
  }
  return String(t);
}

export function buildCapaianTable(input: CapaianTableInput): CapaianTable {
  const previousByCode = new Map((input.previous?.indicators ?? []).map((i) => [i.code, i]));
  const sasaran = (id: string) => input.sasaranNames.get(id) ?? { code: '', name: '' };
  const rows: CapaianTableRow[] = input.current.indicators.map((ind) => {
    const quarters = [1, 2, 3, 4].map((q) => ind.realisations.find((r) => r.quarter === q)?.value ?? null);
    const annual = annualRealisation(ind.aggregation, quarters);
    const prev = previousByCode.get(ind.code);
    const prevQuarters = prev
      ? [1, 2, 3, 4].map((q) => prev.realisations.find((r) => r.quarter === q)?.value ?? null)
      : null;
    const prevAnnual = prev && prevQuarters ? annualRealisation(prev.aggregation, prevQuarters) : null;
    const plan = input.plans.get(ind.indicatorId);
    const end = dec(plan?.endTarget);
    const toEnd =
      plan && end && annual && (plan.polarity === 'HIGHER_IS_BETTER' || plan.polarity === 'LOWER_IS_BETTER')
        ? computeCapaian({
            polarity: plan.polarity,
            target: end,
            realisation: annual,
            lowerIsBetterFormula: plan.lowerIsBetterFormula ?? input.regionLowerIsBetterFormula,
          })
        : null;
    const s = sasaran(ind.sasaranId);
    return {
      sasaranCode: s.code,
      sasaranName: s.name,
      indicatorCode: ind.code,
      indicatorName: ind.name,
      satuan: ind.satuan,
      target: targetText(ind.target.annual),
      quarters,
      annualRealisation: annual ? annual.toFixed() : null,
      capaian: ind.capaian?.display ?? null,
      category: ind.category?.label ?? null,
      notComputable: ind.notComputable,
      previousRealisation: prevAnnual ? prevAnnual.toFixed() : null,
      previousCapaian: prev?.capaian?.display ?? null,
      capaianChange:
        ind.capaian && prev?.capaian ? toFixedHalfUp(new Exact(ind.capaian.exact).minus(prev.capaian.exact), 2) : null,
      endTarget: end ? end.toFixed() : null,
      capaianToEndTarget: toEnd && toEnd.computable ? toFixedHalfUp(toEnd.value, 2) : null,
    };
  });
  // Group by sasaran in the order the sasaran first appears; indicators keep the PK order inside each.
  const order = [...new Set(input.current.indicators.map((i) => i.sasaranId))];
  const grouped = order.flatMap((id) => rows.filter((_, k) => input.current.indicators[k].sasaranId === id));
  return {
    rows: grouped,
    bySasaran: order.map((id) => ({
      sasaranCode: sasaran(id).code,
      sasaranName: sasaran(id).name,
      mean: input.current.bySasaran.find((b) => b.sasaranId === id)?.mean?.display ?? null,
    })),
    mean: input.current.skpd.mean?.display ?? null,
  };
}

/** "Capaian-Kinerja-Dinas-Kesehatan-2025.xlsx". */
export const capaianFileName = (subjectSlug: string, year: number): string =>
  `Capaian-Kinerja-${subjectSlug}-${year}.xlsx`;
