/**
 * A PK revision beside the one before it: one row per indicator, matched by indicator, with the targets of both
 * and what changed. Pure; no framework imports.
 */

export interface PkTargets {
  indicatorId: string;
  indicatorCode: string;
  indicatorName: string;
  satuan: string;
  annualTarget: string;
  q1Target: string | null;
  q2Target: string | null;
  q3Target: string | null;
  q4Target: string | null;
}

export const TARGET_FIELDS = ['annualTarget', 'q1Target', 'q2Target', 'q3Target', 'q4Target'] as const;
export type TargetField = (typeof TARGET_FIELDS)[number];

export type PkDiffChange = 'added' | 'removed' | 'changed' | 'same';

export interface PkDiffRow {
  indicatorCode: string;
  indicatorName: string;
  satuan: string;
  change: PkDiffChange;
  /** One cell per target field: before, after and whether it changed. */
  cells: { field: TargetField; before: string | null; after: string | null; changed: boolean }[];
}

/** Decimal texts compared as numbers ("12.50" equals "12.5"); null equals null only. */
function same(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  const norm = (s: string) => s.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  return norm(a) === norm(b);
}

/** The rows in the new revision's order, then the indicators the new revision dropped. */
export function pkDiff(before: readonly PkTargets[] | null, after: readonly PkTargets[]): PkDiffRow[] {
  const old = new Map((before ?? []).map((i) => [i.indicatorId, i]));
  const rows: PkDiffRow[] = after.map((now) => {
    const was = before ? (old.get(now.indicatorId) ?? null) : now;
    const cells = TARGET_FIELDS.map((field) => {
      const b = was ? was[field] : null;
      return { field, before: b, after: now[field], changed: !was || !same(b, now[field]) };
    });
    const change: PkDiffChange = !was ? 'added' : cells.some((c) => c.changed) ? 'changed' : 'same';
    return { ...label(now), change, cells };
  });
  const kept = new Set(after.map((i) => i.indicatorId));
  for (const gone of before ?? [])
    if (!kept.has(gone.indicatorId))
      rows.push({
        ...label(gone),
        change: 'removed',
        cells: TARGET_FIELDS.map((field) => ({ field, before: gone[field], after: null, changed: true })),
      });
  return rows;
}

const label = (i: PkTargets) => ({ indicatorCode: i.indicatorCode, indicatorName: i.indicatorName, satuan: i.satuan });
