import { indonesianDate, indonesianDateTime } from './indonesian-date';

describe('Indonesian dates in the region’s time zone', () => {
  it.each([
    ['2026-12-31T16:59:00Z', 'Asia/Jakarta', '31 Desember 2026'],
    ['2026-12-31T17:00:00Z', 'Asia/Jakarta', '1 Januari 2027'],
    ['2026-12-31T15:00:00Z', 'Asia/Jayapura', '1 Januari 2027'],
  ])('%s in %s → %s', (at, zone, expected) => expect(indonesianDate(new Date(at), zone)).toBe(expected));

  it('adds the time and the zone name', () =>
    expect(indonesianDateTime(new Date('2026-03-05T01:30:00Z'), 'Asia/Makassar')).toBe('5 Maret 2026 09.30 WITA'));
});
