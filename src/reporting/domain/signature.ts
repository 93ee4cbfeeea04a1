import { indonesianDate } from '../../common/time/indonesian-date';
import { printedTitle, type Signer, signerOf } from '../../organization/domain/signer';

/**
 * The signature block printed at the end of a document a person signs: place and date, the (acting) title, room to
 * sign, the name, the rank and the NIP. Pure: the workbook writers lay these lines out (sheet-style.ts).
 */

/** Dots left for a person to fill in by hand. */
export const BLANK = '..............................';

export interface SignatureInput {
  /** Where the document is signed (the region's seat city); dots when unknown. */
  place: string | null;
  date: Date;
  timeZone?: string;
  /** The head as filled in, or null: then `title` is printed with dots for name and NIP. */
  signer: Signer | null;
  /** Title printed when no signer is filled in, e.g. "Bupati Maju Bersama". */
  title: string;
}

export interface SignatureLine {
  text: string;
  /** The name line: bold and underlined. */
  name?: boolean;
  /** Empty room for the handwritten signature. */
  space?: boolean;
}

/** The lines of a signature block, top to bottom. An elected head without NIP gets no NIP line. */
export function signatureLines(s: SignatureInput): SignatureLine[] {
  const head = s.signer;
  const lines: SignatureLine[] = [
    { text: `${s.place ?? BLANK}, ${indonesianDate(s.date, s.timeZone)}` },
    { text: `${head ? printedTitle(head) : s.title},` },
    { text: '', space: true },
    { text: head ? head.name : BLANK, name: !!head },
  ];
  if (head?.rank) lines.push({ text: head.rank });
  if (!head) lines.push({ text: `NIP. ${BLANK}` });
  else if (head.nip) lines.push({ text: `NIP. ${head.nip}` });
  return lines;
}

const REGION_HEAD: Record<string, string> = { PROVINSI: 'Gubernur', KABUPATEN: 'Bupati', KOTA: 'Wali Kota' };

/** The regional head's title when none is filled in: "Bupati Maju Bersama" for "Kabupaten Maju Bersama". */
export const regionHeadTitle = (region: { kind: string; name: string }): string =>
  `${REGION_HEAD[region.kind] ?? 'Kepala Daerah'} ${region.name.replace(/^(Provinsi|Kabupaten|Kota)\s+/i, '')}`;

type Head = Parameters<typeof signerOf>[0];

/**
 * The signature of `head` (the region or one of its SKPD; null when there is none) on a document dated `date`, signed
 * in the region's seat city. `title` is printed when the head's own title is not filled in.
 */
export const signatureOf = (
  region: { seatCity: string | null; timezone: string },
  head: Head | null,
  title: string,
  date: Date,
): SignatureInput => ({
  place: region.seatCity,
  date,
  timeZone: region.timezone,
  signer: head ? signerOf(head) : null,
  title: head?.headTitle ?? title,
});
