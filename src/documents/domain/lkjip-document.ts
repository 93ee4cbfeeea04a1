import type { CapaianTable, CapaianTableRow } from '../../reporting/domain/capaian-table';
import { formatIndonesian } from '../../planning/domain/indonesian-number';
import Decimal from 'decimal.js';

/**
 * The LKjIP draft (Laporan Kinerja Instansi Pemerintah) of an SKPD in the customary chapter structure of
 * PermenPAN-RB 53/2014, in Indonesian, for the SKPD to edit: I Pendahuluan, II Perencanaan Kinerja (the PK table),
 * III Akuntabilitas Kinerja (per indicator target, realisation, capaian and category, last year, the end-of-period
 * target, and the explanation from the realisation notes), IV Penutup. Passages only the SKPD can write are marked
 * "[diisi oleh SKPD: …]". Pure: a list of blocks the DOCX writer places.
 */
export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'table'; headers: string[]; widths: number[]; rows: string[][]; strongRows?: number[] };

/** A sasaran's budget and efficiency as the budget API gives them (GET /budget/efficiency: `sasaran[]`). */
export interface SasaranEfficiency {
  /** Rupiah, exact. */
  pagu: string;
  realisation: string;
  /** 2-dp display, null when not computable. */
  serapan: string | null;
  /** efisien / tidak efisien / tidak dapat dihitung. */
  labelText: string;
}

export interface LkjipInput {
  year: number;
  regionName: string;
  skpdName: string;
  table: CapaianTable;
  periodEndYear: number | null;
  /** Per indicator code: the kendala and rencana tindak lanjut written with the year's realisations. */
  notes: ReadonlyMap<string, { problems: string[]; followUps: string[] }>;
  /** Budget rows when budget data exists (the budget issue); undefined = the section says the data is missing. */
  budget?: readonly { program: string; pagu: string; realisasi: string }[];
  /**
   * Per sasaran code: its pagu, realisasi, serapan and efficiency (the SKPD's LKjIP). Given, the capaian table gets a
   * row per sasaran carrying them in four more columns, and chapter III is printed landscape to fit.
   */
  efficiency?: ReadonlyMap<string, SasaranEfficiency>;
}

export interface LkjipDocumentModel {
  cover: string[];
  chapters: { title: string; blocks: Block[]; landscape?: boolean }[];
  fileStem: string;
}

const id = (v: string | null): string => {
  if (v === null) return '–';
  return /^-?\d+(\.\d+)?$/.test(v) ? formatIndonesian(new Decimal(v)) : v;
};
/** Capaian figures are 2-dp display values ("100.00"): printed with both decimals, "100,00%". */
const pct = (v: string | null): string =>
  v === null ? '–' : /^-?\d+(\.\d+)?$/.test(v) ? `${formatIndonesian(new Decimal(v), 2)}%` : `${v}%`;
const TODO = (what: string) => `[diisi oleh SKPD: ${what}]`;

function explanation(r: CapaianTableRow, input: LkjipInput): Block[] {
  const lines: string[] = [
    `Target ${id(r.target)} ${r.satuan}, realisasi ${id(r.annualRealisation)} ${r.satuan}, capaian ${pct(r.capaian)}` +
      (r.category ? ` (${r.category}).` : '.'),
  ];
  if (r.previousCapaian !== null)
    lines.push(
      `Dibandingkan tahun ${input.year - 1} (realisasi ${id(r.previousRealisation)}, capaian ${pct(r.previousCapaian)}), ` +
        `capaian ${r.capaianChange !== null && r.capaianChange.startsWith('-') ? 'turun' : 'naik'} ${pct(r.capaianChange?.replace(/^-/, '') ?? null)}.`,
    );
  else lines.push(`Tidak ada data capaian tahun ${input.year - 1} untuk indikator ini.`);
  if (r.endTarget !== null)
    lines.push(
      `Terhadap target akhir periode${input.periodEndYear ? ` (${input.periodEndYear})` : ''} sebesar ${id(r.endTarget)}, ` +
        `realisasi tahun ini mencapai ${pct(r.capaianToEndTarget)}.`,
    );
  const n = input.notes.get(r.indicatorCode);
  lines.push(`Kendala: ${n?.problems.length ? n.problems.join(' ') : TODO('kendala yang dihadapi')}`);
  lines.push(`Rencana tindak lanjut: ${n?.followUps.length ? n.followUps.join(' ') : TODO('rencana tindak lanjut')}`);
  return [
    { kind: 'heading', text: `${r.indicatorCode} ${r.indicatorName}` },
    ...lines.map((text) => ({ kind: 'paragraph' as const, text })),
  ];
}

const CAPAIAN_HEADERS = (year: number) => [
  'No',
  'Indikator',
  'Satuan',
  'Target',
  'Realisasi',
  'Capaian',
  'Kategori',
  `Realisasi ${year - 1}`,
  `Capaian ${year - 1}`,
  'Target Akhir',
  'Capaian thd Target Akhir',
];
const EFFICIENCY_HEADERS = ['Pagu (Rp)', 'Realisasi Anggaran (Rp)', 'Serapan', 'Efisiensi'];

/**
 * The capaian table with the budget: before each sasaran's indicators a row naming the sasaran with its pagu,
 * realisasi, serapan and efficiency (the indicators' rows leave those four cells empty); a sasaran without budget
 * figures prints "–" and "tidak dapat dihitung".
 */
function withEfficiency(
  table: CapaianTable,
  efficiency: ReadonlyMap<string, SasaranEfficiency>,
  capaianRow: (r: CapaianTableRow, i: number) => string[],
): { rows: string[][]; strongRows: number[] } {
  const rows: string[][] = [];
  const strongRows: number[] = [];
  const blank = ['', '', '', ''];
  table.rows.forEach((r, i) => {
    if (i === 0 || table.rows[i - 1].sasaranCode !== r.sasaranCode) {
      const e = efficiency.get(r.sasaranCode);
      strongRows.push(rows.length);
      rows.push([
        '',
        `Sasaran ${r.sasaranCode} ${r.sasaranName}`,
        ...Array<string>(9).fill(''),
        e ? id(e.pagu) : '–',
        e ? id(e.realisation) : '–',
        e ? pct(e.serapan) : '–',
        e?.labelText ?? 'tidak dapat dihitung',
      ]);
    }
    rows.push([...capaianRow(r, i), ...blank]);
  });
  return { rows, strongRows };
}

export function buildLkjipDocument(input: LkjipInput): LkjipDocumentModel {
  const { table } = input;
  const pkRows = table.rows.map((r, i) => [String(i + 1), r.sasaranName, r.indicatorName, r.satuan, id(r.target)]);
  const capaianRow = (r: CapaianTableRow, i: number) => [
    String(i + 1),
    r.indicatorName,
    r.satuan,
    id(r.target),
    id(r.annualRealisation),
    pct(r.capaian),
    r.category ?? r.notComputable ?? '–',
    id(r.previousRealisation),
    pct(r.previousCapaian),
    id(r.endTarget),
    pct(r.capaianToEndTarget),
  ];
  const capaianTable = input.efficiency ? withEfficiency(table, input.efficiency, capaianRow) : undefined;
  const budget: Block[] = input.budget
    ? [
        {
          kind: 'table',
          headers: ['Program', 'Pagu (Rp)', 'Realisasi (Rp)'],
          widths: [50, 25, 25],
          rows: input.budget.map((b) => [b.program, id(b.pagu), id(b.realisasi)]),
        },
      ]
    : [
        {
          kind: 'paragraph',
          text: `Data anggaran belum tersedia dalam sistem. ${TODO('realisasi anggaran per program dan efisiensi')}`,
        },
      ];
  return {
    cover: [
      'LAPORAN KINERJA INSTANSI PEMERINTAH',
      `(LKjIP) TAHUN ${input.year}`,
      // The Pemda's own LKjIP names the region once.
      ...new Set([input.skpdName.toUpperCase(), input.regionName.toUpperCase()]),
    ],
    chapters: [
      {
        title: 'BAB I PENDAHULUAN',
        blocks: [
          { kind: 'heading', text: 'A. Latar Belakang' },
          {
            kind: 'paragraph',
            text:
              `Laporan Kinerja ${input.skpdName} Tahun ${input.year} disusun sebagai pertanggungjawaban atas pelaksanaan ` +
              'Perjanjian Kinerja sesuai Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi ' +
              'Pemerintah dan Peraturan Menteri PANRB Nomor 53 Tahun 2014.',
          },
          { kind: 'heading', text: 'B. Tugas Pokok, Fungsi dan Struktur Organisasi' },
          { kind: 'paragraph', text: TODO('tugas pokok, fungsi, struktur organisasi dan sumber daya manusia') },
          { kind: 'heading', text: 'C. Isu Strategis' },
          { kind: 'paragraph', text: TODO('isu strategis yang dihadapi') },
        ],
      },
      {
        title: 'BAB II PERENCANAAN KINERJA',
        blocks: [
          { kind: 'heading', text: 'A. Rencana Strategis' },
          { kind: 'bullets', items: table.bySasaran.map((s) => `${s.sasaranCode} ${s.sasaranName}`) },
          { kind: 'heading', text: `B. Perjanjian Kinerja Tahun ${input.year}` },
          {
            kind: 'table',
            headers: ['No', 'Sasaran Strategis', 'Indikator Kinerja', 'Satuan', 'Target'],
            widths: [6, 34, 36, 10, 14],
            rows: pkRows,
          },
        ],
      },
      {
        title: 'BAB III AKUNTABILITAS KINERJA',
        ...(capaianTable ? { landscape: true } : {}),
        blocks: [
          { kind: 'heading', text: 'A. Capaian Kinerja Organisasi' },
          {
            kind: 'table',
            headers: [...CAPAIAN_HEADERS(input.year), ...(capaianTable ? EFFICIENCY_HEADERS : [])],
            widths: capaianTable ? [3, 17, 6, 5, 6, 5.5, 6, 6, 5.5, 5, 5.5, 9, 9, 5.5, 6] : [4, 20, 7, 8, 9, 8, 10, 9, 8, 8, 9],
            rows: capaianTable?.rows ?? table.rows.map(capaianRow),
            ...(capaianTable ? { strongRows: capaianTable.strongRows } : {}),
          },
          { kind: 'paragraph', text: `Rata-rata capaian kinerja: ${pct(table.mean)}.` },
          ...table.rows.flatMap((r) => explanation(r, input)),
          { kind: 'heading', text: 'B. Realisasi Anggaran' },
          ...budget,
        ],
      },
      {
        title: 'BAB IV PENUTUP',
        blocks: [
          {
            kind: 'paragraph',
            text:
              `Pada Tahun ${input.year}, ${input.skpdName} mencapai rata-rata capaian kinerja ${pct(table.mean)} atas ` +
              `${table.rows.length} indikator Perjanjian Kinerja. ${TODO('simpulan, permasalahan dan langkah ke depan')}`,
          },
        ],
      },
    ],
    fileStem: `LKjIP-${input.skpdName}-${input.year}`.replace(/[^A-Za-z0-9._-]+/g, '-'),
  };
}

/** One IKU Pemda as the Pemda capaian API gives it (GET /capaian/pemda: `iku[]`). */
export interface PemdaIkuCapaian {
  indicatorId: string;
  code: string;
  name: string;
  satuan: string;
  sasaranId: string;
  pemdaTarget: string | null;
  mean: { display: string; exact: string } | null;
  category: string | null;
  notComputable: string | null;
}

/**
 * The capaian table of the Pemda's LKjIP: one row per IKU Pemda with the RPJMD target of the year and the capaian
 * the API gives (the mean of the SKPD indicators that cascade to it), last year's capaian by indicator code, and the
 * end-of-period target. A Pemda IKU has no realisation of its own here: it is measured through the SKPD indicators.
 */
export function pemdaCapaianTable(input: {
  current: readonly PemdaIkuCapaian[];
  previous: readonly PemdaIkuCapaian[];
  mean: { display: string } | null;
  sasaran: ReadonlyMap<string, { code: string; name: string }>;
  endTargets: ReadonlyMap<string, string | null>;
}): CapaianTable {
  const previous = new Map(input.previous.map((p) => [p.code, p]));
  const rows: CapaianTableRow[] = input.current.map((iku) => {
    const before = previous.get(iku.code)?.mean ?? null;
    const node = input.sasaran.get(iku.sasaranId);
    return {
      sasaranCode: node?.code ?? '',
      sasaranName: node?.name ?? '',
      indicatorCode: iku.code,
      indicatorName: iku.name,
      satuan: iku.satuan,
      target: iku.pemdaTarget ?? '–',
      quarters: [],
      annualRealisation: null,
      capaian: iku.mean?.display ?? null,
      category: iku.category,
      notComputable: iku.notComputable,
      previousRealisation: null,
      previousCapaian: before?.display ?? null,
      capaianChange:
        iku.mean && before ? new Decimal(iku.mean.exact).minus(before.exact).toDecimalPlaces(2).toFixed(2) : null,
      endTarget: input.endTargets.get(iku.indicatorId) ?? null,
      capaianToEndTarget: null,
    };
  });
  const bySasaran = [...new Map(rows.map((r) => [r.sasaranCode, r])).values()].map((r) => ({
    sasaranCode: r.sasaranCode,
    sasaranName: r.sasaranName,
    mean: null,
  }));
  return { rows, bySasaran, mean: input.mean?.display ?? null };
}
