import type Decimal from 'decimal.js';
import { DOCUMENT_PARTY_LABEL, type DocumentParty, nextPartyOf } from './document-parties';
import { printedTitle, type Signer } from '../../organization/domain/signer';
import { formatIndonesian } from '../../planning/domain/indonesian-number';
import { indonesianDate } from '../../common/time/indonesian-date';

/**
 * The Perjanjian Kinerja as a document model (PermenPAN-RB 53/2014): what every page says, with no layout.
 * The PDF writer (pk-pdf.ts) only places these texts; tests read the model without a PDF.
 */

/** Pihak pertama (the SKPD head) and pihak kedua (the regional head, the superior of the first party). */
export const PK_PARTIES = ['FIRST', 'SECOND'] as const;
export type PkParty = (typeof PK_PARTIES)[number];
export const PARTY_LABEL: Record<PkParty, string> = DOCUMENT_PARTY_LABEL;

export interface PkTargetInput {
  sasaran: string;
  indicator: string;
  satuan: string;
  annual: Decimal;
  quarters: readonly (Decimal | null)[];
}

export interface PkDocumentInput {
  year: number;
  /** 0 = the PK; 1.. = PK Perubahan. */
  revision: number;
  regionName: string;
  seatCity: string | null;
  timezone: string;
  /** Null for the Pemda's own PK, signed by the regional head alone. */
  skpdName: string | null;
  /** The SKPD head; unused for the Pemda's own PK. */
  firstParty: Signer | null;
  /** The regional head. */
  secondParty: Signer | null;
  targets: readonly PkTargetInput[];
  /**
   * Program and budget rows (page 3 of the PermenPAN-RB format). Budget data does not exist yet: callers pass
   * undefined and the page is left out; when the budget module lands it fills this and the writer prints it.
   */
  budget?: readonly { program: string; amount: Decimal }[];
  /** The date printed above the signatures. */
  date: Date;
}

export interface Table {
  headers: string[];
  /** Relative column widths. */
  widths: number[];
  rows: string[][];
  /** Points; wide tables use a smaller size so figures do not wrap. */
  fontSize: number;
}

export interface SignatureBlock {
  party: DocumentParty;
  /** "PIHAK PERTAMA," — omitted for the Pemda's own PK. */
  heading: string | null;
  title: string;
  name: string;
  /** "Pembina Utama Muda (IV/c)" or null. */
  rank: string | null;
  /** "NIP. 19xxxxxxxxxxxxxxxx" or null (an elected head has none). */
  nipLine: string | null;
}

export interface PkDocumentModel {
  title: string;
  /** Lines under the title: the SKPD (if any) and the region, upper case. */
  subtitle: string[];
  opening: string;
  parties: { label: string; name: string; title: string; closing: string }[];
  promises: string[];
  targets: Table;
  /** Rencana Aksi TW I–IV; null for the Pemda's PK (its IKU carry annual targets only). */
  actionPlan: Table | null;
  budget: Table | null;
  placeAndDate: string;
  /** Left to right as printed: pihak kedua on the left, pihak pertama on the right. */
  signatures: SignatureBlock[];
  /** PDF metadata title and file name stem. */
  documentTitle: string;
}

const BLANK = '....................................';
const number = (v: Decimal | null): string => (v === null ? '–' : formatIndonesian(v));

function signatureBlock(party: PkParty, signer: Signer | null, heading: string | null): SignatureBlock {
  return {
    party,
    heading,
    title: signer ? printedTitle(signer) : BLANK,
    name: signer?.name ?? BLANK,
    rank: signer?.rank ?? null,
    nipLine: signer?.nip ? `NIP. ${signer.nip}` : null,
  };
}

/** The parties who sign, in signing order: the SKPD head first, then the regional head; the Pemda's PK: the head. */
export const signingParties = (isPemda: boolean): PkParty[] => (isPemda ? ['SECOND'] : ['FIRST', 'SECOND']);

/** The next party to sign given those who already signed; null when every party signed. */
export function nextParty(isPemda: boolean, signed: readonly PkParty[]): PkParty | null {
  return nextPartyOf(signingParties(isPemda), signed) as PkParty | null;
}

export function buildPkDocument(input: PkDocumentInput): PkDocumentModel {
  const isPemda = input.skpdName === null;
  const perubahan = input.revision > 0 ? ' (PERUBAHAN)' : '';
  const title = `PERJANJIAN KINERJA TAHUN ${input.year}${perubahan}`;
  const subtitle = [...(input.skpdName ? [input.skpdName.toUpperCase()] : []), input.regionName.toUpperCase()];
  const first = input.firstParty;
  const second = input.secondParty;
  const parties = isPemda
    ? [{ label: '', name: second?.name ?? BLANK, title: second ? printedTitle(second) : BLANK, closing: '' }]
    : [
        {
          label: PARTY_LABEL.FIRST,
          name: first?.name ?? BLANK,
          title: first ? printedTitle(first) : BLANK,
          closing: 'selanjutnya disebut pihak pertama.',
        },
        {
          label: PARTY_LABEL.SECOND,
          name: second?.name ?? BLANK,
          title: second ? printedTitle(second) : BLANK,
          closing: 'selaku atasan pihak pertama, selanjutnya disebut pihak kedua.',
        },
      ];
  const promises = isPemda
    ? [
        'berjanji akan mewujudkan target kinerja tahunan sesuai lampiran perjanjian ini dalam rangka mencapai target ' +
          'kinerja jangka menengah seperti yang telah ditetapkan dalam dokumen perencanaan. Keberhasilan dan kegagalan ' +
          'pencapaian target kinerja tersebut menjadi tanggung jawab kami.',
      ]
    : [
        'Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran perjanjian ini, dalam ' +
          'rangka mencapai target kinerja jangka menengah seperti yang telah ditetapkan dalam dokumen perencanaan. ' +
          'Keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi tanggung jawab kami.',
        'Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap capaian kinerja ' +
          'dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka pemberian penghargaan dan sanksi.',
      ];
  const targets: Table = {
    headers: ['No', 'Sasaran Strategis', 'Indikator Kinerja', 'Satuan', 'Target'],
    widths: [5, 33, 37, 11, 14],
    fontSize: 9.5,
    rows: input.targets.map((t, i) => [String(i + 1), t.sasaran, t.indicator, t.satuan, number(t.annual)]),
  };
  const actionPlan: Table | null = isPemda
    ? null
    : {
        headers: ['No', 'Sasaran', 'Indikator Kinerja', 'Satuan', 'Target Tahunan', 'TW I', 'TW II', 'TW III', 'TW IV'],
        widths: [5, 17, 21, 9, 12, 9, 9, 9, 9],
        fontSize: 8,
        rows: input.targets.map((t, i) => [
          String(i + 1),
          t.sasaran,
          t.indicator,
          t.satuan,
          number(t.annual),
          ...[0, 1, 2, 3].map((q) => number(t.quarters[q] ?? null)),
        ]),
      };
  const budget: Table | null = input.budget
    ? {
        headers: ['No', 'Program', 'Anggaran (Rp)'],
        widths: [6, 64, 30],
        fontSize: 9.5,
        rows: input.budget.map((b, i) => [String(i + 1), b.program, formatIndonesian(b.amount, 0)]),
      }
    : null;
  const place = input.seatCity ?? BLANK;
  return {
    title,
    subtitle,
    opening:
      'Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan, dan akuntabel serta berorientasi ' +
      'pada hasil, kami yang bertanda tangan di bawah ini:',
    parties,
    promises,
    targets,
    actionPlan,
    budget,
    placeAndDate: `${place}, ${indonesianDate(input.date, input.timezone)}`,
    signatures: isPemda
      ? [signatureBlock('SECOND', second, null)]
      : [
          signatureBlock('SECOND', second, `${PARTY_LABEL.SECOND},`),
          signatureBlock('FIRST', first, `${PARTY_LABEL.FIRST},`),
        ],
    documentTitle: `${title} – ${subtitle.join(' – ')}`,
  };
}
