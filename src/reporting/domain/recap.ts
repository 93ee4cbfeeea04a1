import type { ResultSource } from '../../evaluation/evaluation-result';
import { Fraction } from '../../evaluation/domain/fraction';

/**
 * Row data of the region predicate recap (Rekapitulasi Nilai dan Predikat SAKIP Perangkat Daerah).
 * Pure: exact fractions in, 2-dp half-up strings out. Ranks and deltas are decided on the exact values; rounding is
 * for display only, so two SKPDs share a rank only when their exact totals are equal.
 */

/** A predicate band of the rule set, best first (the order of the rule set's band table by upper bound). */
export interface RecapBand {
  readonly predicate: string;
  readonly label: string;
  /** Inclusive upper bound, decimal string; only used to order the bands. */
  readonly upTo: string;
}

export interface RecapScore {
  readonly id: string;
  readonly name: string;
  /** Exact score; null when it could not be scored (should not happen for a FINAL evaluation). */
  readonly score: Fraction | null;
}

export interface RecapSubComponent extends RecapScore {
  readonly componentId: string;
  readonly weight: string;
}

export interface RecapSubject {
  readonly skpdId: string;
  readonly code: string;
  readonly name: string;
  readonly components: readonly RecapScore[];
  readonly subComponents: readonly RecapSubComponent[];
  readonly total: Fraction;
  readonly predicate: string;
}

export interface PreviousResult {
  readonly total: Fraction;
  readonly predicate: string | null;
}

export interface PemdaResult {
  readonly total: Fraction;
  readonly predicate: string | null;
  /** See evaluationResultOf: the official KemenPAN-RB result, or the Pemda's own FINAL worksheet. */
  readonly source: ResultSource;
}

export interface RecapInput {
  readonly year: number;
  readonly bands: readonly RecapBand[];
  readonly subjects: readonly RecapSubject[];
  /** Last year's FINAL results by SKPD id. */
  readonly previous: ReadonlyMap<string, PreviousResult>;
  readonly pemda: PemdaResult | null;
  /** The Pemda's result in every year up to this one that has one, oldest first (its predicate history). */
  readonly pemdaHistory?: readonly { year: number; result: PemdaResult }[];
}

export type Movement = 'NAIK' | 'TURUN' | 'TETAP' | 'BARU';

export const MOVEMENT_LABELS: Record<Movement, string> = { NAIK: 'Naik', TURUN: 'Turun', TETAP: 'Tetap', BARU: 'Baru' };

export interface RecapRow {
  readonly rank: number;
  readonly skpdId: string;
  readonly code: string;
  readonly name: string;
  /** 2-dp strings, in the order of `RecapReport.components`. */
  readonly components: readonly (string | null)[];
  readonly total: string;
  readonly predicate: string;
  readonly predicateLabel: string;
  readonly previousTotal: string | null;
  readonly previousPredicate: string | null;
  /** This year's exact total minus last year's, rounded half-up to 2 dp; null without last year's result. */
  readonly delta: string | null;
  readonly movement: Movement;
}

export interface SubComponentRow {
  readonly rank: number;
  readonly code: string;
  readonly name: string;
  readonly componentId: string;
  readonly subComponentId: string;
  readonly subComponentName: string;
  readonly weight: string;
  readonly score: string | null;
}

export interface RecapSummary {
  readonly count: number;
  /** Every band, best first, with how many SKPDs hold it. */
  readonly distribution: readonly { predicate: string; label: string; count: number }[];
  /** Mean of the exact totals, 2 dp; null without rows. */
  readonly average: string | null;
  readonly averagePredicate: string | null;
  readonly pemda: PemdaSummary | null;
  readonly pemdaHistory: readonly (PemdaSummary & { year: number })[];
}

export interface PemdaSummary {
  total: string;
  predicate: string | null;
  predicateLabel: string | null;
  source: PemdaResult['source'];
}

export interface RecapReport {
  readonly year: number;
  readonly components: readonly { id: string; name: string }[];
  readonly rows: readonly RecapRow[];
  readonly subComponentRows: readonly SubComponentRow[];
  readonly summary: RecapSummary;
}

const MINUS_ONE = Fraction.of(-1);
const show = (f: Fraction | null): string | null => (f ? f.toFixedHalfUp(2) : null);

/** Bands best first: by upper bound, descending. */
export function orderBands(bands: readonly RecapBand[]): RecapBand[] {
  return [...bands].sort((a, b) => Fraction.parse(b.upTo).cmp(Fraction.parse(a.upTo)));
}

/** NAIK / TURUN / TETAP by band order (best first); BARU without a comparable predicate last year. */
export function movementOf(
  current: string,
  previous: string | null | undefined,
  bands: readonly RecapBand[],
): Movement {
  if (!previous) return 'BARU';
  if (previous === current) return 'TETAP';
  const order = orderBands(bands).map((b) => b.predicate);
  const now = order.indexOf(current);
  const before = order.indexOf(previous);
  if (now < 0 || before < 0) return 'BARU';
  return now < before ? 'NAIK' : 'TURUN';
}

/** Competition ranking ("1224"): ordered by exact total, descending; equal totals share a rank. Ties keep code order. */
export function rankSubjects<T extends { total: Fraction; code: string }>(
  subjects: readonly T[],
): { subject: T; rank: number }[] {
  const ordered = [...subjects].sort((a, b) => b.total.cmp(a.total) || a.code.localeCompare(b.code, 'en'));
  const out: { subject: T; rank: number }[] = [];
  ordered.forEach((subject, i) => {
    const prev = out[i - 1];
    out.push({ subject, rank: prev && prev.subject.total.eq(subject.total) ? prev.rank : i + 1 });
  });
  return out;
}

/** The predicate a total falls in (lower bounds exclusive, upper inclusive), from bands ordered best first. */
function bandOfTotal(total: Fraction, bands: readonly RecapBand[]): RecapBand | null {
  const ordered = orderBands(bands);
  let found: RecapBand | null = null;
  for (const b of ordered) if (total.cmp(Fraction.parse(b.upTo)) <= 0) found = b;
  return found;
}

export function buildRecap(input: RecapInput): RecapReport {
  const bands = orderBands(input.bands);
  const labelOf = (p: string | null): string | null =>
    p ? (bands.find((b) => b.predicate === p)?.label ?? null) : null;
  const components: { id: string; name: string }[] = [];
  for (const s of input.subjects)
    for (const c of s.components)
      if (!components.some((k) => k.id === c.id)) components.push({ id: c.id, name: c.name });

  const ranked = rankSubjects(input.subjects);
  const rows: RecapRow[] = ranked.map(({ subject: s, rank }) => {
    const prev = input.previous.get(s.skpdId) ?? null;
    return {
      rank,
      skpdId: s.skpdId,
      code: s.code,
      name: s.name,
      components: components.map((c) => show(s.components.find((k) => k.id === c.id)?.score ?? null)),
      total: s.total.toFixedHalfUp(2),
      predicate: s.predicate,
      predicateLabel: labelOf(s.predicate) ?? s.predicate,
      previousTotal: show(prev?.total ?? null),
      previousPredicate: prev?.predicate ?? null,
      delta: prev ? s.total.plus(prev.total.times(MINUS_ONE)).toFixedHalfUp(2) : null,
      movement: movementOf(s.predicate, prev?.predicate, bands),
    };
  });
  const subComponentRows: SubComponentRow[] = ranked.flatMap(({ subject: s, rank }) =>
    s.subComponents.map((sub) => ({
      rank,
      code: s.code,
      name: s.name,
      componentId: sub.componentId,
      subComponentId: sub.id,
      subComponentName: sub.name,
      weight: sub.weight,
      score: show(sub.score),
    })),
  );

  const pemdaSummary = (p: PemdaResult): PemdaSummary => ({
    total: p.total.toFixedHalfUp(2),
    predicate: p.predicate,
    predicateLabel: labelOf(p.predicate),
    source: p.source,
  });
  const mean = input.subjects.length
    ? Fraction.sum(input.subjects.map((s) => s.total)).div(Fraction.of(input.subjects.length))
    : null;
  const summary: RecapSummary = {
    count: rows.length,
    distribution: bands.map((b) => ({
      predicate: b.predicate,
      label: b.label,
      count: rows.filter((r) => r.predicate === b.predicate).length,
    })),
    average: show(mean),
    averagePredicate: mean ? (bandOfTotal(mean, bands)?.predicate ?? null) : null,
    pemda: input.pemda ? pemdaSummary(input.pemda) : null,
    pemdaHistory: (input.pemdaHistory ?? []).map((h) => ({ year: h.year, ...pemdaSummary(h.result) })),
  };
  return { year: input.year, components, rows, subComponentRows, summary };
}

/** "Kabupaten Uji 12" → "Kabupaten-Uji-12": ASCII letters, digits and dashes only. */
export function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'Wilayah'
  );
}

export const recapFileName = (regionName: string, year: number): string =>
  `Rekap-Predikat-SAKIP-${slug(regionName)}-${year}.xlsx`;
