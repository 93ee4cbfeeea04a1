/** The months as printed in Indonesian documents. */
export const MONTHS = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];

/** "5 Desember 2026" for a calendar day (month 1–12). */
export const indonesianDay = (year: number, month: number, day: number): string =>
  `${day} ${MONTHS[month - 1]} ${year}`;

/** "5 Desember 2026": the calendar date of an instant in the region's time zone, as printed under a signature. */
export function indonesianDate(at: Date, timeZone = 'Asia/Jakarta'): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' })
    .formatToParts(at)
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  return indonesianDay(Number(parts.year), Number(parts.month), Number(parts.day));
}

/** "5 Desember 2026 14.30 WIB": a signing time for the verification page. */
export function indonesianDateTime(at: Date, timeZone: string): string {
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(at)
    .replace(':', '.');
  const zone = ZONE_NAMES[timeZone] ?? timeZone;
  return `${indonesianDate(at, timeZone)} ${time} ${zone}`;
}

/** WIB / WITA / WIT: how Indonesians name their time zones. */
export const ZONE_NAMES: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};
