import { addDays, endOfLocalDay, localDateOf, localParts, offsetMinutes, resolveLocalInstant } from './zoned-time';

describe('zoned time in the three Indonesian zones', () => {
  it.each([
    ['Asia/Jakarta', 420, '2026-04-10T16:59:59.000Z'],
    ['Asia/Makassar', 480, '2026-04-10T15:59:59.000Z'],
    ['Asia/Jayapura', 540, '2026-04-10T14:59:59.000Z'],
  ])('%s: offset %i, end of 10 April closes at %s', (zone, offset, closes) => {
    expect(offsetMinutes(new Date('2026-04-10T00:00:00Z'), zone)).toBe(offset);
    expect(endOfLocalDay('2026-04-10', zone).toISOString()).toBe(closes);
    expect(resolveLocalInstant('2026-04-10', zone)?.toISOString()).toBe(closes);
  });

  it.each([
    ['2026-04-15T23:59', 'Asia/Jakarta', '2026-04-15T16:59:00.000Z'],
    ['2026-04-15T08:00:30', 'Asia/Jayapura', '2026-04-14T23:00:30.000Z'],
    ['2026-04-15T16:59:59Z', 'Asia/Jayapura', '2026-04-15T16:59:59.000Z'],
    ['2026-04-15T23:59:59+08:00', 'Asia/Jakarta', '2026-04-15T15:59:59.000Z'],
  ])('%s in %s is %s', (raw, zone, iso) => expect(resolveLocalInstant(raw, zone)?.toISOString()).toBe(iso));

  it('refuses what is not a date', () => expect(resolveLocalInstant('15/04/2026', 'Asia/Jakarta')).toBeNull());

  it.each([
    ['2026-04-10T15:30:00Z', 'Asia/Makassar', '2026-04-10', 23],
    ['2026-04-10T15:30:00Z', 'Asia/Jayapura', '2026-04-11', 0],
    ['2026-04-10T16:59:59Z', 'Asia/Jakarta', '2026-04-10', 23],
  ])('%s in %s is local %s hour %i', (iso, zone, date, hour) => {
    expect(localDateOf(new Date(iso), zone)).toBe(date);
    expect(localParts(new Date(iso), zone).hour).toBe(hour);
  });

  it.each([
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-12-29', 7, '2027-01-05'],
  ])('%s %+i days is %s', (d, n, out) => expect(addDays(d, n)).toBe(out));
});
