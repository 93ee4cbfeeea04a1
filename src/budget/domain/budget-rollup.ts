import type Decimal from 'decimal.js';
import { ancestorAt } from './nomenclature-code';
import { percentOf, sum } from './money';

export type Quarterly<T> = readonly [T, T, T, T];

/** A sub-kegiatan's budget of one SKPD and year: the DPA pagu, the DPA-P pagu (null before APBD-P), TW I–IV spent. */
export interface BudgetLineInput {
  code: string;
  paguOriginal: Decimal;
  paguRevised: Decimal | null;
  /** Amount spent in each quarter (not cumulative); null = not reported. */
  realisation: Quarterly<Decimal | null>;
}

/** Sums over a set of sub-kegiatan. */
export interface BudgetTotals {
  lines: number;
  paguOriginal: Decimal;
  /** The pagu in force: the DPA-P pagu where there is one, else the DPA pagu. */
  pagu: Decimal;
  /** Lines whose pagu was revised (APBD-P). */
  revisedLines: number;
  realisation: Quarterly<Decimal>;
  realisationTotal: Decimal;
  /** Quarters (1–4) in which no line reported anything. */
  quartersWithout: number[];
  /** Lines without any reported quarter. */
  linesWithoutRealisation: number;
  /** realisation / pagu × 100; null when the pagu is zero or there are no lines. */
  serapan: Decimal | null;
}

export const effectivePagu = (l: BudgetLineInput): Decimal => l.paguRevised ?? l.paguOriginal;

/** Totals of a set of lines, up to quarter `upTo` (4 = the year). */
export function totalsOf(lines: readonly BudgetLineInput[], upTo: 1 | 2 | 3 | 4 = 4): BudgetTotals {
  const quarters = [0, 1, 2, 3].map((q) =>
    q < upTo ? sum(lines.map((l) => l.realisation[q])) : sum([]),
  ) as unknown as Quarterly<Decimal>;
  const reported = [0, 1, 2, 3].map((q) => q < upTo && lines.some((l) => l.realisation[q] !== null));
  const pagu = sum(lines.map(effectivePagu));
  const realisationTotal = sum(quarters as unknown as Decimal[]);
  return {
    lines: lines.length,
    paguOriginal: sum(lines.map((l) => l.paguOriginal)),
    pagu,
    revisedLines: lines.filter((l) => l.paguRevised !== null).length,
    realisation: quarters,
    realisationTotal,
    quartersWithout: [1, 2, 3, 4].filter((q) => q <= upTo && !reported[q - 1]),
    linesWithoutRealisation: lines.filter((l) => l.realisation.slice(0, upTo).every((v) => v === null)).length,
    serapan: lines.length === 0 ? null : percentOf(realisationTotal, pagu),
  };
}

/** Totals grouped by the ancestor code at a level (`KEGIATAN` or `PROGRAM`), sorted by code. */
export function rollUpBy(
  lines: readonly BudgetLineInput[],
  level: 'KEGIATAN' | 'PROGRAM',
  upTo: 1 | 2 | 3 | 4 = 4,
): { code: string; totals: BudgetTotals }[] {
  const groups = new Map<string, BudgetLineInput[]>();
  for (const l of lines) {
    const key = ancestorAt(l.code, level);
    if (key === null) continue;
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, ls]) => ({ code, totals: totalsOf(ls, upTo) }));
}

/**
 * Totals of the lines under any of the given nomenclature codes (program or kegiatan codes linked to plan nodes of a
 * sasaran); a line under two given codes counts once.
 */
export function totalsUnder(
  lines: readonly BudgetLineInput[],
  codes: readonly string[],
  upTo: 1 | 2 | 3 | 4 = 4,
): BudgetTotals {
  const under = lines.filter((l) => codes.some((c) => l.code === c || l.code.startsWith(`${c}.`)));
  return totalsOf(under, upTo);
}

export type BudgetWarningCode = 'REALISATION_ABOVE_PAGU' | 'QUARTER_WITHOUT_REALISATION' | 'PROGRAM_WITHOUT_INDICATOR';

export interface BudgetWarning {
  code: BudgetWarningCode;
  /** The sub-kegiatan or program code concerned. */
  subject: string;
  message: string;
}

/**
 * Data-quality warnings of an SKPD's budget: a sub-kegiatan spending more than its pagu, a quarter in which nothing
 * was reported (up to `upTo`), a budgeted program linked to no plan node (it serves no sasaran).
 */
export function budgetWarnings(
  lines: readonly BudgetLineInput[],
  linkedPrograms: ReadonlySet<string>,
  upTo: 1 | 2 | 3 | 4 = 4,
): BudgetWarning[] {
  const warnings: BudgetWarning[] = [];
  for (const l of lines) {
    const spent = sum(l.realisation.slice(0, upTo));
    if (spent.gt(effectivePagu(l)))
      warnings.push({
        code: 'REALISATION_ABOVE_PAGU',
        subject: l.code,
        message: `Realisasi sub kegiatan ${l.code} (Rp${spent.toFixed()}) melebihi pagu (Rp${effectivePagu(l).toFixed()}).`,
      });
  }
  for (const q of totalsOf(lines, upTo).quartersWithout)
    if (lines.length)
      warnings.push({
        code: 'QUARTER_WITHOUT_REALISATION',
        subject: `TW ${q}`,
        message: `Tidak ada realisasi anggaran yang dilaporkan pada triwulan ${['I', 'II', 'III', 'IV'][q - 1]}.`,
      });
  for (const p of rollUpBy(lines, 'PROGRAM', upTo))
    if (!linkedPrograms.has(p.code))
      warnings.push({
        code: 'PROGRAM_WITHOUT_INDICATOR',
        subject: p.code,
        message: `Program ${p.code} beranggaran tetapi tidak terhubung ke program mana pun dalam pohon kinerja (tidak melayani sasaran).`,
      });
  return warnings;
}
