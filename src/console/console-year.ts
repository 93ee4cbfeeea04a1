/** The year a page shows: `?tahun=` when it is a sensible year, else the current one. */
export function yearOf(raw: unknown, now: Date = new Date()): number {
  const year = typeof raw === 'string' && /^\d{4}$/.test(raw) ? Number(raw) : NaN;
  return year >= 2000 && year <= 2100 ? year : now.getUTCFullYear();
}

/**
 * The year an evaluation page shows: `?tahun=` when sensible, else last year — the LKE of a year is done in the next,
 * so in 2026 the latest results are 2025's.
 */
export const evaluationYearOf = (raw: unknown, now: Date = new Date()): number =>
  yearOf(raw, new Date(Date.UTC(now.getUTCFullYear() - 1, 0, 1)));

export const QUARTERS = [1, 2, 3, 4] as const;
export const QUARTER_LABELS = ['TW I', 'TW II', 'TW III', 'TW IV'] as const;
