import {
  afterQuietHours,
  digestWeekDue,
  dueReminder,
  isoWeekOf,
  pendingReminder,
  retryDelaySeconds,
  safeError,
  stableId,
} from './reminder-rules';
import { parseReminderDays, storeReminderDays } from '../../organization/domain/reminder-days';

// A deadline at the end of 10 April 2026 in each zone.
const MAKASSAR = { zone: 'Asia/Makassar', deadline: new Date('2026-04-10T15:59:59Z') };
const JAYAPURA = { zone: 'Asia/Jayapura', deadline: new Date('2026-04-10T14:59:59Z') };

describe('dueReminder: the latest reminder that has begun, in region time', () => {
  it.each([
    [MAKASSAR, '2026-04-02T15:59:59Z', null], // 2 Apr 23:59 WITA: before H-7
    [MAKASSAR, '2026-04-02T16:00:00Z', 'H7'], // 3 Apr 00:00 WITA
    [MAKASSAR, '2026-04-06T15:59:59Z', 'H7'],
    [MAKASSAR, '2026-04-06T16:00:00Z', 'H3'], // 7 Apr 00:00 WITA
    [MAKASSAR, '2026-04-08T16:00:00Z', 'H1'], // 9 Apr 00:00 WITA
    [MAKASSAR, '2026-04-10T15:30:00Z', 'H1'], // 10 Apr 23:30 WITA: still open
    [MAKASSAR, '2026-04-10T16:00:00Z', 'OVERDUE'],
    [JAYAPURA, '2026-04-06T15:00:00Z', 'H3'], // 7 Apr 00:00 WIT, an hour before WITA's H-3
    [JAYAPURA, '2026-04-06T14:59:59Z', 'H7'],
    [JAYAPURA, '2026-04-10T15:30:00Z', 'OVERDUE'], // 11 Apr 00:30 WIT: closed
    [JAYAPURA, '2026-05-10T14:59:59Z', 'OVERDUE'], // 30 days late: still caught up once
    [JAYAPURA, '2026-05-10T15:00:00Z', null], // older: not sent any more
  ])('%o at %s → %s', (d, now, kind) => {
    expect(dueReminder(d.deadline, d.zone, new Date(now))?.kind ?? null).toBe(kind);
  });

  it('keys each reminder by the local due date', () =>
    expect(dueReminder(JAYAPURA.deadline, JAYAPURA.zone, new Date('2026-04-09T00:00:00Z'))).toEqual({
      kind: 'H1',
      dueDate: '2026-04-10',
    }));
});

describe('afterQuietHours (21:00–06:00 region time)', () => {
  it.each([
    ['Asia/Jakarta', '2026-04-10T13:59:00Z', '2026-04-10T13:59:00.000Z'], // 20:59 WIB
    ['Asia/Jakarta', '2026-04-10T14:00:00Z', '2026-04-10T23:00:00.000Z'], // 21:00 WIB → 06:00 WIB
    ['Asia/Jayapura', '2026-04-10T19:00:00Z', '2026-04-10T21:00:00.000Z'], // 04:00 WIT → 06:00 WIT
    ['Asia/Jayapura', '2026-04-10T21:00:00Z', '2026-04-10T21:00:00.000Z'], // 06:00 WIT
  ])('%s %s → %s', (zone, at, out) => expect(afterQuietHours(new Date(at), zone).toISOString()).toBe(out));
});

describe('delivery helpers', () => {
  it.each([
    [1, 60],
    [2, 300],
    [3, 1800],
    [4, 7200],
    [9, 7200],
  ])('after %i failures wait %is', (n, s) => expect(retryDelaySeconds(n)).toBe(s));

  it('derives the same UUID-shaped id from the same key', () => {
    expect(stableId('a', 'b')).toBe(stableId('a', 'b'));
    expect(stableId('a', 'b')).not.toBe(stableId('ab', ''));
    expect(stableId('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('masks credentials in recorded errors', () => {
    const e = safeError(new Error('connect smtp://user:secret@mail.example:587 failed\nToken: abc123'));
    expect(e).not.toMatch(/secret|abc123|\n/);
  });
});

describe('reminder days per region, pending and weekly reminders', () => {
  it.each([
    [null, [7, 3, 1]],
    ['14,7,1', [14, 7, 1]],
    ['1,14', [14, 1]],
    ['garbage', [7, 3, 1]],
  ])('parses %j as %j', (stored, days) => expect(parseReminderDays(stored)).toEqual(days));

  it('stores the defaults as null and other days largest first', () => {
    expect(storeReminderDays([1, 3, 7])).toBeNull();
    expect(storeReminderDays([2, 14])).toBe('14,2');
    expect(storeReminderDays(null)).toBeNull();
  });

  it('reminds at the chosen days (H-14, H-2) in region time', () => {
    const deadline = new Date('2026-04-10T15:59:59Z'); // end of 10 April WITA
    const at = (iso: string) => dueReminder(deadline, 'Asia/Makassar', new Date(iso), [14, 2])?.kind ?? null;
    expect(at('2026-03-26T15:59:59Z')).toBeNull();
    expect(at('2026-03-26T16:00:00Z')).toBe('H14'); // 27 Mar 00:00 WITA
    expect(at('2026-04-07T16:00:00Z')).toBe('H2'); // 8 Apr 00:00 WITA
    expect(at('2026-04-10T16:00:00Z')).toBe('OVERDUE');
  });

  it('reminds a pending signature on the 1st, 3rd and 7th local day of waiting', () => {
    const since = new Date('2026-04-10T10:00:00Z'); // 10 Apr 19:00 WIT
    const at = (iso: string) => pendingReminder(since, 'Asia/Jayapura', new Date(iso));
    expect(at('2026-04-10T14:59:59Z')).toBeNull();
    expect(at('2026-04-10T15:00:00Z')).toEqual({ kind: 'P1', dueDate: '2026-04-10' }); // 11 Apr 00:00 WIT
    expect(at('2026-04-12T15:00:00Z')?.kind).toBe('P3');
    expect(at('2026-05-01T00:00:00Z')?.kind).toBe('P7');
  });

  it.each([
    ['2026-01-01', '2026-W01', '2025-12-29'],
    ['2025-12-29', '2026-W01', '2025-12-29'],
    ['2027-01-03', '2026-W53', '2026-12-28'],
    ['2026-12-07', '2026-W50', '2026-12-07'],
  ])('ISO week of %s is %s from Monday %s', (date, week, monday) => expect(isoWeekOf(date)).toEqual({ week, monday }));

  it('the digest is due from Monday 07:00 region time to the end of the week', () => {
    // Monday 7 Dec 2026: 07:00 WIB = 00:00 UTC; 07:00 WIT = 22:00 UTC on Sunday.
    expect(digestWeekDue(new Date('2026-12-06T23:59:00Z'), 'Asia/Jakarta')).toBeNull();
    expect(digestWeekDue(new Date('2026-12-07T00:00:00Z'), 'Asia/Jakarta')).toBe('2026-W50');
    expect(digestWeekDue(new Date('2026-12-06T22:00:00Z'), 'Asia/Jayapura')).toBe('2026-W50');
    expect(digestWeekDue(new Date('2026-12-13T16:59:00Z'), 'Asia/Jakarta')).toBe('2026-W50'); // Sunday 23:59 WIB
  });
});
