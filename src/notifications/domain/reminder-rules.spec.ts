import { afterQuietHours, dueReminder, retryDelaySeconds, safeError, stableId } from './reminder-rules';

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
