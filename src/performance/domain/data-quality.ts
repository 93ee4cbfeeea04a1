import Decimal from 'decimal.js';
import { Exact } from '../../common/decimal/exact';
import {
  Quarter,
  QuarterAggregation,
  Quarterly,
  QuarterlyTargetMode,
  QUARTERS,
  quarterLabel,
} from '../../planning/domain/indicator-settings';
import { formatIndonesian } from '../../planning/domain/indonesian-number';
import { CapaianResult } from './capaian';

/**
 * Plausibility warnings for one indicator's entry (targets, quarterly realisations, evidence). Warnings never block
 * saving and never change a number; they ask the operator or verifier to look again. Messages are Indonesian because
 * operators read them.
 */

export type DataQualityCode =
  /**
   * A cumulative figure went down from one reported quarter to the next: a position of a `LAST_VALUE` indicator with
   * cumulative targets, or the total to date of a `CUMULATIVE_SUM` indicator (through a negative entry).
   */
  | 'REALISATION_DECREASED'
  /** Capaian above the plausibility threshold (150 % by default). */
  | 'CAPAIAN_VERY_HIGH'
  /** A quarter has a realisation but no bukti dukung. */
  | 'MISSING_EVIDENCE'
  /** This year's figure is far from last year's (relative difference above the threshold, 50 % by default). */
  | 'FAR_FROM_PREVIOUS_YEAR';

export interface DataQualityWarning {
  code: DataQualityCode;
  message: string;
  /** The quarter concerned, or null for the entry as a whole. */
  quarter: Quarter | null;
}

export interface DataQualityInput {
  aggregation: QuarterAggregation;
  quarterTargets: Quarterly<Decimal | null>;
  /** null = not reported (never read as 0). */
  realisations: Quarterly<Decimal | null>;
  /** Whether each quarter's realisation has at least one bukti dukung; omit to skip the evidence check. */
  hasEvidence?: Quarterly<boolean>;
  /**
   * Whether quarter targets are to-date positions (`CUMULATIVE`) or increments. When omitted, the targets of a
   * `LAST_VALUE` indicator are taken as cumulative if all four are set, never decrease, and TW IV > TW I
   * (constant targets, e.g. an index at 85 every quarter, are levels, and a dip there is not suspicious).
   */
  quarterlyTargetMode?: QuarterlyTargetMode;
  /**
   * The view's quarter: a view to TW k checks only TW I..k (what was known then); omit (or 4) for the whole year.
   */
  upTo?: Quarter | null;
  /** The capaian to check (to date or annual); omit to skip. */
  capaian?: CapaianResult | null;
  /** Last year's annual realisation; omit or null to skip the year-over-year check. */
  previousYearRealisation?: Decimal | null;
  options?: {
    /** Warn when capaian is strictly above this (percent). Default 150. */
    capaianAbove?: Decimal;
    /** Warn when |this year − last year| / |last year| is strictly above this ratio. Default 0.5 (50 %). */
    yearOverYearRatio?: Decimal;
  };
}

const DEFAULT_CAPAIAN_ABOVE = new Exact(150);
const DEFAULT_YEAR_OVER_YEAR_RATIO = new Exact('0.5');

/**
 * All warnings for the entry, in a stable order: decreases, evidence (by quarter), capaian, year over year. A view to
 * TW k sees only TW I..k, so it never warns about a later quarter.
 */
export function checkDataQuality(raw: DataQualityInput): DataQualityWarning[] {
  const input = toDate(raw);
  return [
    ...decreases(input),
    ...decreasingTotals(input),
    ...missingEvidence(input),
    ...veryHighCapaian(input),
    ...farFromPreviousYear(input),
  ];
}

/** The input as known at `upTo`: later quarters read as not reported. */
function toDate(input: DataQualityInput): DataQualityInput {
  const upTo = input.upTo ?? 4;
  const realisations = QUARTERS.map((q) => (q <= upTo ? input.realisations[q - 1] : null));
  return { ...input, realisations: realisations as unknown as Quarterly<Decimal | null> };
}

const reportedQuarters = (realisations: Quarterly<Decimal | null>): Quarter[] =>
  QUARTERS.filter((q) => realisations[q - 1] !== null);

/** Cumulative quarter targets: explicit mode, else inferred for LAST_VALUE as documented on the input. */
export function hasCumulativeTargets(
  input: Pick<DataQualityInput, 'aggregation' | 'quarterTargets' | 'quarterlyTargetMode'>,
): boolean {
  if (input.aggregation !== 'LAST_VALUE') return false;
  if (input.quarterlyTargetMode !== undefined) return input.quarterlyTargetMode === 'CUMULATIVE';
  const targets = input.quarterTargets;
  if (targets.some((t) => t === null || !t.isFinite())) return false;
  const set = targets as Quarterly<Decimal>;
  for (let i = 1; i < 4; i++) if (set[i].lt(set[i - 1])) return false;
  return set[3].gt(set[0]);
}

function decreases(input: DataQualityInput): DataQualityWarning[] {
  if (!hasCumulativeTargets(input)) return [];
  const warnings: DataQualityWarning[] = [];
  const reported = reportedQuarters(input.realisations);
  for (let i = 1; i < reported.length; i++) {
    const previous = reported[i - 1];
    const current = reported[i];
    const before = input.realisations[previous - 1] as Decimal;
    const now = input.realisations[current - 1] as Decimal;
    if (now.lt(before)) {
      warnings.push({
        code: 'REALISATION_DECREASED',
        quarter: current,
        message:
          `Realisasi ${quarterLabel(current)} (${formatIndonesian(now)}) lebih kecil dari realisasi ` +
          `${quarterLabel(previous)} (${formatIndonesian(before)}), padahal target indikator ini bersifat kumulatif. ` +
          'Periksa kembali angka yang diisikan.',
      });
    }
  }
  return warnings;
}

/**
 * `CUMULATIVE_SUM`: quarter values are increments, so the total to date goes down exactly when a quarter's value is
 * negative (a correction, for an indicator that allows negative values). Checked over the quarters reported without a
 * gap from TW I, where the total to date is known.
 */
function decreasingTotals(input: DataQualityInput): DataQualityWarning[] {
  if (input.aggregation !== 'CUMULATIVE_SUM') return [];
  const warnings: DataQualityWarning[] = [];
  let total: Decimal = new Exact(0);
  for (const q of QUARTERS) {
    const value = input.realisations[q - 1];
    if (value === null || !value.isFinite()) break;
    const before = total;
    total = total.plus(value);
    if (q > 1 && total.lt(before))
      warnings.push({
        code: 'REALISATION_DECREASED',
        quarter: q,
        message:
          `Total realisasi s.d. ${quarterLabel(q)} (${formatIndonesian(total)}) lebih kecil dari total s.d. ` +
          `${quarterLabel((q - 1) as Quarter)} (${formatIndonesian(before)}) karena realisasi ${quarterLabel(q)} ` +
          `negatif (${formatIndonesian(value)}). Periksa kembali angka yang diisikan.`,
      });
  }
  return warnings;
}

function missingEvidence(input: DataQualityInput): DataQualityWarning[] {
  const evidence = input.hasEvidence;
  if (evidence === undefined) return [];
  return reportedQuarters(input.realisations)
    .filter((q) => !evidence[q - 1])
    .map((q) => ({
      code: 'MISSING_EVIDENCE' as const,
      quarter: q,
      message: `Realisasi ${quarterLabel(q)} belum dilengkapi bukti dukung.`,
    }));
}

function veryHighCapaian(input: DataQualityInput): DataQualityWarning[] {
  const capaian = input.capaian;
  if (!capaian?.computable) return [];
  const limit = input.options?.capaianAbove ?? DEFAULT_CAPAIAN_ABOVE;
  if (!capaian.value.gt(limit)) return [];
  return [
    {
      code: 'CAPAIAN_VERY_HIGH',
      quarter: null,
      message:
        `Capaian ${formatIndonesian(capaian.value, 2)}% melebihi ${formatIndonesian(limit)}%. ` +
        'Pastikan target dan realisasi sudah benar (satuan, salah ketik, atau target yang terlalu rendah).',
    },
  ];
}

/**
 * The figure of this year that is comparable with last year's annual realisation, or null while it is not known yet:
 * CUMULATIVE_SUM → ΣR once all four quarters are in; LAST_VALUE → the last reported value, but for cumulative
 * targets only TW IV (a mid-year position is not comparable with a full year); AVERAGE → mean of the reported quarters.
 */
export function comparableYearValue(
  input: Pick<DataQualityInput, 'aggregation' | 'quarterTargets' | 'realisations' | 'quarterlyTargetMode'>,
): Decimal | null {
  const reported = reportedQuarters(input.realisations);
  if (reported.length === 0) return null;
  const values = reported.map((q) => input.realisations[q - 1] as Decimal);
  switch (input.aggregation) {
    case 'CUMULATIVE_SUM':
      return reported.length === 4 ? values.reduce((s, v) => s.plus(v), new Exact(0)) : null;
    case 'LAST_VALUE':
      if (hasCumulativeTargets(input) && reported[reported.length - 1] !== 4) return null;
      return new Exact(values[values.length - 1]);
    case 'AVERAGE':
      return values.reduce((s, v) => s.plus(v), new Exact(0)).div(values.length);
    default:
      return null;
  }
}

function farFromPreviousYear(input: DataQualityInput): DataQualityWarning[] {
  const previous = input.previousYearRealisation;
  if (previous === null || previous === undefined || !previous.isFinite()) return [];
  const current = comparableYearValue(input);
  if (current === null || !current.isFinite()) return [];
  const ratio = input.options?.yearOverYearRatio ?? DEFAULT_YEAR_OVER_YEAR_RATIO;
  if (previous.isZero()) {
    if (current.isZero()) return [];
    return [
      {
        code: 'FAR_FROM_PREVIOUS_YEAR',
        quarter: null,
        message:
          `Realisasi tahun ini (${formatIndonesian(current)}) jauh berbeda dari realisasi tahun lalu (0). ` +
          'Pastikan tidak ada salah ketik, perubahan satuan, atau perubahan definisi indikator.',
      },
    ];
  }
  const difference = current.minus(previous).abs().div(previous.abs());
  if (!difference.gt(ratio)) return [];
  return [
    {
      code: 'FAR_FROM_PREVIOUS_YEAR',
      quarter: null,
      message:
        `Realisasi tahun ini (${formatIndonesian(current)}) berbeda ${formatIndonesian(difference.times(100), 2)}% ` +
        `dari realisasi tahun lalu (${formatIndonesian(previous)}), melebihi batas ${formatIndonesian(ratio.times(100))}%. ` +
        'Pastikan tidak ada salah ketik, perubahan satuan, atau perubahan definisi indikator.',
    },
  ];
}

const warningKey = (w: DataQualityWarning) => `${w.code}|${w.quarter}|${w.message}`;

/**
 * The warnings of `after` that `before` did not have (same code, quarter and message) — what a write introduced.
 * A region that blocks on data quality refuses exactly these, so rewriting an entry unchanged, or fixing one of its
 * problems, is never blocked by a warning that was already there (the message carries the figures, so a warning
 * whose figures changed counts as new).
 */
export function introducedWarnings(
  before: readonly DataQualityWarning[],
  after: readonly DataQualityWarning[],
): DataQualityWarning[] {
  const had = new Set(before.map(warningKey));
  return after.filter((w) => !had.has(warningKey(w)));
}
