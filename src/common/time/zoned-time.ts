/**
 * Local calendar time in the three Indonesian zones (WIB, WITA, WIT) and the UTC instants behind it. Pure: uses only
 * Intl, which knows these zones; no daylight saving applies to them, but nothing here assumes that.
 */
export const INDONESIAN_TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
export type IndonesianTimeZone = (typeof INDONESIAN_TIME_ZONES)[number];
export const DEFAULT_TIME_ZONE: IndonesianTimeZone = 'Asia/Jakarta';

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (zone: string): Intl.DateTimeFormat => {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
};

/** The wall-clock parts of an instant in a zone. */
export function localParts(at: Date, zone: string): { date: string; hour: number; minute: number } {
  const parts = Object.fromEntries(
    formatterFor(zone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), minute: Number(parts.minute) };
}

/** Minutes the zone is ahead of UTC at an instant (420 for WIB, 480 for WITA, 540 for WIT). */
export function offsetMinutes(at: Date, zone: string): number {
  const parts = Object.fromEntries(
    formatterFor(zone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** The instant of a wall-clock time in a zone ("2026-04-10", 23, 59, 59 in Asia/Makassar → 2026-04-10T15:59:59Z). */
export function localToUtc(date: string, zone: string, hour = 0, minute = 0, second = 0, ms = 0): Date {
  const [y, mo, d] = date.split('-').map(Number);
  const guess = Date.UTC(y, mo - 1, d, hour, minute, second, ms);
  const first = guess - offsetMinutes(new Date(guess), zone) * 60_000;
  return new Date(guess - offsetMinutes(new Date(first), zone) * 60_000);
}

/** The last second of a local day: the instant a deadline "on date D" closes in the zone. */
export const endOfLocalDay = (date: string, zone: string): Date => localToUtc(date, zone, 23, 59, 59);

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export const localDateOf = (at: Date, zone: string): string => localParts(at, zone).date;

/** A calendar date moved by whole days ("2026-03-01", -1 → "2026-02-28"). */
export function addDays(date: string, days: number): string {
  const [y, mo, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, mo - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * A deadline as typed by a region: a date alone closes at the end of that local day, a date-time without offset is
 * local time of the zone, and an instant with Z or an offset is taken as it is. Null when it is none of these.
 */
export function resolveLocalInstant(raw: string, zone: string): Date | null {
  const text = raw.trim();
  const dateOnly = /^(\d{4}-\d{2}-\d{2})$/.exec(text);
  if (dateOnly) return endOfLocalDay(dateOnly[1], zone);
  const local = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (local) return localToUtc(local[1], zone, +local[2], +local[3], +(local[4] ?? 0));
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? null : at;
}
