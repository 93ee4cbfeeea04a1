import { createHash } from 'node:crypto';
import { addDays, localParts, localToUtc, localDateOf } from '../../common/time/zoned-time';
import { DEFAULT_REMINDER_DAYS } from '../../organization/domain/reminder-days';

/** A reminder of a deadline: H-n days before it (H7, H3, H1 by default) or OVERDUE past it. */
export type DeadlineKind = `H${number}` | 'OVERDUE';
/** A reminder that something waits: P-n days after it began waiting (P1, P3, P7). */
export type PendingKind = `P${number}`;
/**
 * Why a notification exists: a deadline near or past, something waiting for n days, the weekly digest, or an action
 * that needs someone now.
 */
export type NotificationKind = DeadlineKind | PendingKind | 'WEEKLY' | 'IMMEDIATE';

/** What a notification is about; a user chooses channels per category. */
export const NOTIFICATION_CATEGORIES = ['REALISATION', 'EVALUATION', 'PK', 'DIGEST'] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

/** Channels beside the inbox, which is always on. */
export const DELIVERY_CHANNELS = ['EMAIL', 'GATEWAY'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

export const DELIVERY_STATUSES = ['PENDING', 'SENT', 'FAILED', 'CANCELLED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export { DEFAULT_REMINDER_DAYS };
/** An overdue reminder is still sent after downtime, but not for deadlines older than this. */
export const OVERDUE_CATCH_UP_DAYS = 30;

export interface DueReminder {
  kind: DeadlineKind;
  /** The deadline's local date in the region's zone (YYYY-MM-DD): part of the reminder's unique key. */
  dueDate: string;
}

/**
 * The one reminder a deadline calls for at `now` in the region's zone: the latest of H-n (from the start of local day
 * D−n) and OVERDUE (from the deadline instant) that has begun. After downtime only that latest one is due, so a
 * restart catches up without a burst of stale H-7/H-3 messages. Null before H-7 and long after the deadline.
 */
export function dueReminder(
  deadline: Date,
  zone: string,
  now: Date,
  days: readonly number[] = DEFAULT_REMINDER_DAYS,
): DueReminder | null {
  const dueDate = localDateOf(deadline, zone);
  if (now.getTime() > deadline.getTime()) {
    const stale = now.getTime() - deadline.getTime() > OVERDUE_CATCH_UP_DAYS * 86_400_000;
    return stale ? null : { kind: 'OVERDUE', dueDate };
  }
  const begun = [...days]
    .sort((a, b) => a - b)
    .find((n) => localToUtc(addDays(dueDate, -n), zone).getTime() <= now.getTime());
  return begun === undefined ? null : { kind: `H${begun}`, dueDate };
}

/** Days of waiting after which something pending (a signature) is reminded: P-1, P-3, P-7. */
export const PENDING_REMINDER_DAYS = [1, 3, 7] as const;

/**
 * The one reminder something waiting since `since` calls for at `now`: the latest P-n whose local day has begun
 * (from 00:00 region time of the n-th day after the local day it began waiting). The key is that local start day.
 */
export function pendingReminder(
  since: Date,
  zone: string,
  now: Date,
  days: readonly number[] = PENDING_REMINDER_DAYS,
): { kind: PendingKind; dueDate: string } | null {
  const startDate = localDateOf(since, zone);
  const begun = [...days]
    .sort((a, b) => b - a)
    .find((n) => localToUtc(addDays(startDate, n), zone).getTime() <= now.getTime());
  return begun === undefined ? null : { kind: `P${begun}`, dueDate: startDate };
}

/** The weekly digest goes out from Monday 07:00 region time; later in the same ISO week a missed run catches up. */
export const DIGEST_LOCAL_HOUR = 7;

/** The ISO week (e.g. "2026-W49") of a local date YYYY-MM-DD, and the date of its Monday. */
export function isoWeekOf(date: string): { week: string; monday: string } {
  const d = new Date(`${date}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = addDays(date, -weekday);
  const thursday = new Date(d.getTime() + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return { week: `${year}-W${String(week).padStart(2, '0')}`, monday };
}

/** The ISO week whose digest is due at `now` in the zone, or null before Monday 07:00 local. */
export function digestWeekDue(now: Date, zone: string): string | null {
  const { week, monday } = isoWeekOf(localDateOf(now, zone));
  return localToUtc(monday, zone, DIGEST_LOCAL_HOUR).getTime() <= now.getTime() ? week : null;
}

/** Quiet hours in region time (start inclusive, end exclusive, may wrap midnight): e-mail and gateway wait. */
export interface QuietHours {
  start: number;
  end: number;
}
export const DEFAULT_QUIET_HOURS: QuietHours = { start: 21, end: 6 };

/** `at` itself, or the end of the quiet hours it falls in (region time). The inbox never waits. */
export function afterQuietHours(at: Date, zone: string, quiet: QuietHours = DEFAULT_QUIET_HOURS): Date {
  const { date, hour } = localParts(at, zone);
  const wraps = quiet.start > quiet.end;
  const quietNow = wraps ? hour >= quiet.start || hour < quiet.end : hour >= quiet.start && hour < quiet.end;
  if (!quietNow) return at;
  const endDate = wraps && hour >= quiet.start ? addDays(date, 1) : date;
  return localToUtc(endDate, zone, quiet.end);
}

/** Sending attempts before a delivery is FAILED for good. */
export const MAX_DELIVERY_ATTEMPTS = 5;

/** Wait before the next attempt after `attempts` failures: 1, 5, 30 minutes, then 2 hours. */
export function retryDelaySeconds(attempts: number): number {
  const steps = [60, 300, 1800, 7200];
  return steps[Math.min(Math.max(attempts, 1), steps.length) - 1];
}

/** A stable name-based (version 5 layout) UUID from a natural key: every replica derives the same id for the same reminder. */
export function stableId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Errors recorded on a delivery: one line, bounded, with anything that looks like a credential masked. */
export function safeError(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text
    .replace(/\/\/[^/@\s]+@/g, '//***@')
    .replace(/(bearer|token|password|pass|auth)[=:\s]+\S+/gi, '$1 ***')
    .replace(/\s+/g, ' ')
    .slice(0, 500);
}
