/** Days before a deadline that remind, by default (H-7, H-3, H-1); a region may choose its own. */
export const DEFAULT_REMINDER_DAYS = [7, 3, 1] as const;
/** A region's reminder days: 1 to 5 distinct whole days, each 1–30 before the deadline. */
export const REMINDER_DAY_LIMITS = { min: 1, max: 30, count: 5 } as const;

/** The stored reminder days of a region ("14,7,1"; null = the defaults), largest first. */
export function parseReminderDays(stored: string | null | undefined): number[] {
  const days = (stored ?? '')
    .split(',')
    .map((d) => Number(d.trim()))
    .filter((d) => Number.isInteger(d) && d >= REMINDER_DAY_LIMITS.min && d <= REMINDER_DAY_LIMITS.max);
  return days.length ? [...new Set(days)].sort((a, b) => b - a) : [...DEFAULT_REMINDER_DAYS];
}

/** How a region's reminder days are stored: largest first, comma-separated; the defaults are stored as null. */
export function storeReminderDays(days: readonly number[] | null): string | null {
  if (!days) return null;
  const sorted = [...new Set(days)].sort((a, b) => b - a);
  return sorted.join(',') === DEFAULT_REMINDER_DAYS.join(',') ? null : sorted.join(',');
}
