import Decimal from 'decimal.js';
import { Exact } from '../../common/decimal/exact';
import {
  Polarity,
  Quarter,
  QuarterAggregation,
  Quarterly,
  QuarterlyTargetMode,
  QUARTERS,
  quarterLabel,
} from './indicator-settings';
import { formatIndonesian } from './indonesian-number';

/**
 * Consistency rules for the targets of one indicator and year (domain reference §4.3, §4.4, §5.2). DTOs check
 * shape; these rules need the indicator's settings. Each function returns every problem it finds (empty = valid),
 * with a stable code for clients and an Indonesian message for the operator. Comparisons are exact: 99.99 is not 100.
 */

export type TargetProblemCode =
  | 'ANNUAL_TARGET_MISSING'
  | 'QUARTER_TARGET_MISSING'
  | 'NEGATIVE_TARGET'
  | 'INVALID_TARGET'
  /** CUMULATIVE_SUM: TW I..IV increments do not add up to the annual target. */
  | 'QUARTER_SUM_MISMATCH'
  /** LAST_VALUE, or CUMULATIVE_SUM with cumulative (to-date) targets: TW IV differs from the annual target. */
  | 'LAST_QUARTER_MISMATCH'
  /** CUMULATIVE_SUM with cumulative (to-date) targets: a total to date below the previous quarter's. */
  | 'QUARTER_TARGET_DECREASED'
  /** AVERAGE: the mean of TW I..IV differs from the annual target. */
  | 'QUARTER_AVERAGE_MISMATCH'
  | 'RANGE_LOWER_MISSING'
  | 'RANGE_UPPER_MISSING'
  | 'RANGE_INVERTED'
  /** The quarterly aggregation is not defined for the polarity (e.g. summing yes/no answers). */
  | 'AGGREGATION_NOT_ALLOWED';

export interface TargetProblem {
  code: TargetProblemCode;
  message: string;
  /** The quarter concerned; null for the annual target or the set as a whole. */
  quarter: Quarter | null;
}

const problem = (code: TargetProblemCode, message: string, quarter: Quarter | null = null): TargetProblem => ({
  code,
  message,
  quarter,
});

/** Where a value sits, for messages: "tahunan" or "TW II". */
const place = (quarter: Quarter | null): string => (quarter === null ? 'tahunan' : quarterLabel(quarter));

function checkValue(value: Decimal | null, quarter: Quarter | null): TargetProblem | null {
  if (value === null || value === undefined) {
    return quarter === null
      ? problem('ANNUAL_TARGET_MISSING', 'Target tahunan belum diisi.')
      : problem('QUARTER_TARGET_MISSING', `Target ${quarterLabel(quarter)} belum diisi.`, quarter);
  }
  if (!Decimal.isDecimal(value) || !value.isFinite()) {
    return problem('INVALID_TARGET', `Target ${place(quarter)} bukan angka yang valid.`, quarter);
  }
  if (value.isNegative() && !value.isZero()) {
    return problem('NEGATIVE_TARGET', `Target ${place(quarter)} tidak boleh negatif.`, quarter);
  }
  return null;
}

/**
 * Quarter targets against the annual target:
 * - all four quarter targets and the annual target are required, none negative;
 * - `CUMULATIVE_SUM`: TW I..IV are increments, so ΣTW = annual; with `quarterlyTargetMode: 'CUMULATIVE'` they are
 *   totals to date instead, so TW IV = annual and no TW is below the one before (a total of increments ≥ 0 never falls);
 * - `LAST_VALUE`: TW targets are positions to date, so TW IV = annual (they may fall: lower-is-better rates);
 * - `AVERAGE`: (ΣTW) / 4 = annual, checked as ΣTW = 4 × annual so no division rounds.
 * The consistency rule is checked only when every value is present and valid (one problem at a time is clearer).
 */
export function checkQuarterTargets(input: {
  aggregation: QuarterAggregation;
  annual: Decimal | null;
  quarters: Quarterly<Decimal | null>;
  /** Only read for `CUMULATIVE_SUM`; defaults to `INCREMENTAL`. */
  quarterlyTargetMode?: QuarterlyTargetMode;
}): TargetProblem[] {
  const problems = [
    checkValue(input.annual, null),
    ...QUARTERS.map((q) => checkValue(input.quarters[q - 1], q)),
  ].filter((p): p is TargetProblem => p !== null);
  if (problems.length > 0) return problems;

  const annual = new Exact(input.annual as Decimal);
  const quarters = input.quarters as Quarterly<Decimal>;
  const sum = quarters.reduce<Decimal>((s, v) => s.plus(v), new Exact(0));
  const lastQuarterMismatch = (): TargetProblem[] =>
    quarters[3].eq(annual)
      ? []
      : [
          problem(
            'LAST_QUARTER_MISMATCH',
            `Target TW IV (${formatIndonesian(quarters[3])}) harus sama dengan target tahunan ` +
              `(${formatIndonesian(annual)}), karena target triwulan indikator ini merupakan posisi sampai dengan triwulan tersebut.`,
            4,
          ),
        ];
  if (input.aggregation === 'CUMULATIVE_SUM' && input.quarterlyTargetMode === 'CUMULATIVE') {
    const decreases = QUARTERS.slice(1)
      .filter((q) => quarters[q - 1].lt(quarters[q - 2]))
      .map((q) =>
        problem(
          'QUARTER_TARGET_DECREASED',
          `Target ${quarterLabel(q)} (${formatIndonesian(quarters[q - 1])}) lebih kecil dari target ` +
            `${quarterLabel((q - 1) as Quarter)} (${formatIndonesian(quarters[q - 2])}), padahal target triwulan ` +
            'indikator ini bersifat kumulatif (sampai dengan triwulan tersebut).',
          q,
        ),
      );
    return [...decreases, ...lastQuarterMismatch()];
  }
  switch (input.aggregation) {
    case 'CUMULATIVE_SUM':
      return sum.eq(annual)
        ? []
        : [
            problem(
              'QUARTER_SUM_MISMATCH',
              `Jumlah target TW I–IV (${formatIndonesian(sum)}) harus sama dengan target tahunan ` +
                `(${formatIndonesian(annual)}), karena target triwulan indikator ini bersifat penambahan per triwulan.`,
            ),
          ];
    case 'LAST_VALUE':
      return lastQuarterMismatch();
    case 'AVERAGE':
      return sum.eq(annual.times(4))
        ? []
        : [
            problem(
              'QUARTER_AVERAGE_MISMATCH',
              `Rata-rata target TW I–IV (${formatIndonesian(sum.div(4))}) harus sama dengan target tahunan ` +
                `(${formatIndonesian(annual)}).`,
            ),
          ];
    default:
      return [];
  }
}

/** Bounds of a RANGE target: both required, neither negative, lower ≤ upper (equal bounds = a point target). */
export function checkRangeBounds(lower: Decimal | null, upper: Decimal | null): TargetProblem[] {
  const problems: TargetProblem[] = [];
  const bounds = [
    { value: lower, name: 'bawah', missing: 'RANGE_LOWER_MISSING' as const },
    { value: upper, name: 'atas', missing: 'RANGE_UPPER_MISSING' as const },
  ];
  for (const bound of bounds) {
    if (bound.value === null || bound.value === undefined) {
      problems.push(problem(bound.missing, `Batas ${bound.name} rentang target belum diisi.`));
    } else if (!Decimal.isDecimal(bound.value) || !bound.value.isFinite()) {
      problems.push(problem('INVALID_TARGET', `Batas ${bound.name} rentang target bukan angka yang valid.`));
    } else if (bound.value.isNegative() && !bound.value.isZero()) {
      problems.push(problem('NEGATIVE_TARGET', `Batas ${bound.name} rentang target tidak boleh negatif.`));
    }
  }
  if (problems.length === 0 && (lower as Decimal).gt(upper as Decimal)) {
    problems.push(
      problem(
        'RANGE_INVERTED',
        `Batas bawah rentang target (${formatIndonesian(lower as Decimal)}) lebih besar dari batas atas ` +
          `(${formatIndonesian(upper as Decimal)}).`,
      ),
    );
  }
  return problems;
}

/** Settings that cannot work together: a BINARY (ada/tidak) indicator can only take the last reported value. */
export function checkIndicatorSettings(input: {
  polarity: Polarity;
  aggregation: QuarterAggregation;
}): TargetProblem[] {
  if (input.polarity === 'BINARY' && input.aggregation !== 'LAST_VALUE') {
    return [
      problem(
        'AGGREGATION_NOT_ALLOWED',
        'Indikator ya/tidak (biner) tidak dapat dijumlahkan atau dirata-ratakan per triwulan; gunakan nilai triwulan terakhir.',
      ),
    ];
  }
  return [];
}
