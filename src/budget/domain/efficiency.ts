import type Decimal from 'decimal.js';
import { Exact } from '../../common/decimal/exact';
import type { BudgetTotals } from './budget-rollup';

/**
 * Efficiency of resource use (LKjIP, domain reference §5.7): capaian kinerja (%) against serapan anggaran (%). No
 * national formula exists, so the region chooses:
 * - DIFFERENCE: efisien when capaian ≥ serapan − tolerance (points), i.e. performance did not lag spending by more
 *   than the tolerance; tidak efisien otherwise.
 * - RATIO: efisien when capaian / serapan ≥ 1 − tolerance / 100; tidak efisien otherwise.
 */
export const EFFICIENCY_RULES = ['DIFFERENCE', 'RATIO'] as const;
export type EfficiencyRule = (typeof EFFICIENCY_RULES)[number];

export interface EfficiencySettings {
  rule: EfficiencyRule;
  /** Points (DIFFERENCE) or percent of the ratio (RATIO), 0–100. */
  tolerance: Decimal;
}

export const DEFAULT_EFFICIENCY: EfficiencySettings = { rule: 'DIFFERENCE', tolerance: new Exact(5) };

export type EfficiencyLabel = 'EFISIEN' | 'TIDAK_EFISIEN' | 'TIDAK_DAPAT_DIHITUNG';
export type NotComputableReason = 'NO_BUDGET' | 'ZERO_PAGU' | 'NO_REALISATION' | 'NO_CAPAIAN';

export const LABEL_TEXT: Record<EfficiencyLabel, string> = {
  EFISIEN: 'efisien',
  TIDAK_EFISIEN: 'tidak efisien',
  TIDAK_DAPAT_DIHITUNG: 'tidak dapat dihitung',
};

export const REASON_TEXT: Record<NotComputableReason, string> = {
  NO_BUDGET: 'tidak ada anggaran yang terhubung',
  ZERO_PAGU: 'pagu anggaran nol',
  NO_REALISATION: 'belum ada realisasi anggaran',
  NO_CAPAIAN: 'capaian kinerja tidak dapat dihitung',
};

export interface Efficiency {
  label: EfficiencyLabel;
  reason: NotComputableReason | null;
  /** capaian − serapan (points), when computable. */
  difference: Decimal | null;
  /** capaian / serapan, when computable and serapan > 0. */
  ratio: Decimal | null;
}

const notComputable = (reason: NotComputableReason): Efficiency => ({
  label: 'TIDAK_DAPAT_DIHITUNG',
  reason,
  difference: null,
  ratio: null,
});

/** Efficiency of one program or sasaran: its capaian (null = not computable) and its budget totals. */
export function efficiencyOf(capaian: Decimal | null, budget: BudgetTotals, settings: EfficiencySettings): Efficiency {
  if (budget.lines === 0) return notComputable('NO_BUDGET');
  if (budget.pagu.isZero() || budget.serapan === null) return notComputable('ZERO_PAGU');
  if (budget.quartersWithout.length === 4) return notComputable('NO_REALISATION');
  if (capaian === null) return notComputable('NO_CAPAIAN');
  const serapan = budget.serapan;
  const difference = capaian.minus(serapan);
  const ratio = serapan.isZero() ? null : capaian.div(serapan);
  const efficient =
    settings.rule === 'DIFFERENCE'
      ? difference.gte(settings.tolerance.neg())
      : ratio === null || ratio.gte(new Exact(1).minus(settings.tolerance.div(100)));
  return { label: efficient ? 'EFISIEN' : 'TIDAK_EFISIEN', reason: null, difference, ratio };
}
