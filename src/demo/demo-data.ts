/**
 * The synthetic demo regions (labelled DEMO in every name): a kabupaten at predicate B that has set itself the
 * target of reaching A, and a benchmark kabupaten at A that publishes its results. Pure data, no I/O.
 */
export const DEMO_PASSWORD = 'Demo-SAKIP-2026';

export interface DemoRegion {
  key: string;
  code: string;
  name: string;
  usernamePrefix: string;
  /** Where the region's documents are signed, and the bupati who signs them (fictional). */
  seatCity: string;
  headTitle: string;
  headName: string;
}

export const DEMO_REGIONS: readonly DemoRegion[] = [
  {
    key: 'maju',
    code: '99.01',
    name: 'Kabupaten Maju Bersama (DEMO)',
    usernamePrefix: 'demo.maju',
    seatCity: 'Kota Maju',
    headTitle: 'Bupati Maju Bersama',
    headName: 'H. Ahmad Fauzi, S.H., M.Si.',
  },
  {
    key: 'teladan',
    code: '99.02',
    name: 'Kabupaten Teladan (DEMO)',
    usernamePrefix: 'demo.teladan',
    seatCity: 'Teladan Jaya',
    headTitle: 'Bupati Teladan',
    headName: 'Dr. Ir. Ratna Dewi Lestari, M.T.',
  },
];

type Kind = 'DINAS' | 'BADAN' | 'SEKRETARIAT' | 'INSPEKTORAT' | 'KECAMATAN' | 'RSUD' | 'SATPOL';

/** About thirty perangkat daerah of a typical kabupaten: [code, name, short name, kind]. */
export const DEMO_SKPD: readonly [string, string, string, Kind][] = [
  ['4.01.01', 'Sekretariat Daerah', 'Setda', 'SEKRETARIAT'],
  ['4.02.01', 'Sekretariat DPRD', 'Setwan', 'SEKRETARIAT'],
  ['6.01.01', 'Inspektorat Daerah', 'Inspektorat', 'INSPEKTORAT'],
  ['5.01.01', 'Badan Perencanaan Pembangunan Daerah', 'Bappeda', 'BADAN'],
  ['5.02.01', 'Badan Pengelolaan Keuangan dan Aset Daerah', 'BPKAD', 'BADAN'],
  ['5.02.02', 'Badan Pendapatan Daerah', 'Bapenda', 'BADAN'],
  ['5.03.01', 'Badan Kepegawaian dan Pengembangan SDM', 'BKPSDM', 'BADAN'],
  ['1.05.02', 'Badan Penanggulangan Bencana Daerah', 'BPBD', 'BADAN'],
  ['8.01.01', 'Badan Kesatuan Bangsa dan Politik', 'Kesbangpol', 'BADAN'],
  ['1.01.01', 'Dinas Pendidikan', 'Disdik', 'DINAS'],
  ['1.02.01', 'Dinas Kesehatan', 'Dinkes', 'DINAS'],
  ['1.02.02', 'Rumah Sakit Umum Daerah', 'RSUD', 'RSUD'],
  ['1.03.01', 'Dinas Pekerjaan Umum dan Penataan Ruang', 'DPUPR', 'DINAS'],
  ['1.04.01', 'Dinas Perumahan dan Kawasan Permukiman', 'Disperkim', 'DINAS'],
  ['1.05.01', 'Satuan Polisi Pamong Praja', 'Satpol PP', 'SATPOL'],
  ['1.06.01', 'Dinas Sosial', 'Dinsos', 'DINAS'],
  ['2.07.01', 'Dinas Tenaga Kerja dan Transmigrasi', 'Disnakertrans', 'DINAS'],
  ['2.08.01', 'Dinas Pemberdayaan Perempuan dan Perlindungan Anak', 'DP3A', 'DINAS'],
  ['2.09.01', 'Dinas Ketahanan Pangan', 'Dispangan', 'DINAS'],
  ['2.11.01', 'Dinas Lingkungan Hidup', 'DLH', 'DINAS'],
  ['2.12.01', 'Dinas Kependudukan dan Pencatatan Sipil', 'Disdukcapil', 'DINAS'],
  ['2.13.01', 'Dinas Pemberdayaan Masyarakat dan Desa', 'DPMD', 'DINAS'],
  ['2.15.01', 'Dinas Perhubungan', 'Dishub', 'DINAS'],
  ['2.16.01', 'Dinas Komunikasi dan Informatika', 'Diskominfo', 'DINAS'],
  ['2.17.01', 'Dinas Koperasi dan Usaha Mikro', 'Diskop UM', 'DINAS'],
  ['2.18.01', 'Dinas Penanaman Modal dan PTSP', 'DPMPTSP', 'DINAS'],
  ['2.19.01', 'Dinas Pemuda dan Olahraga', 'Dispora', 'DINAS'],
  ['2.22.01', 'Dinas Kebudayaan dan Pariwisata', 'Disbudpar', 'DINAS'],
  ['3.25.01', 'Dinas Perikanan', 'Diskan', 'DINAS'],
  ['3.27.01', 'Dinas Pertanian', 'Distan', 'DINAS'],
  ['7.01.01', 'Kecamatan Kota', 'Kec. Kota', 'KECAMATAN'],
];

/** Demo accounts of each region: one per role (planners for the health office and public works). */
export const DEMO_ACCOUNTS = [
  { suffix: 'admin', role: 'REGION_ADMIN', displayName: 'Admin SAKIP Bappeda (DEMO)' },
  { suffix: 'bupati', role: 'HEAD', displayName: 'Bupati (DEMO)' },
  { suffix: 'inspektur', role: 'EVALUATOR', displayName: 'Evaluator Inspektorat (DEMO)', isQa: false },
  { suffix: 'qa', role: 'EVALUATOR', displayName: 'Pengendali Mutu Inspektorat (DEMO)', isQa: true },
  { suffix: 'dinkes', role: 'PLANNER', displayName: 'Perencana Dinas Kesehatan (DEMO)', skpdCode: '1.02.01' },
  { suffix: 'pupr', role: 'PLANNER', displayName: 'Perencana Dinas PUPR (DEMO)', skpdCode: '1.03.01' },
] as const;

const FIRST_NAMES = ['Budi', 'Siti', 'Agus', 'Dewi', 'Hendra', 'Rina', 'Yusuf', 'Nur', 'Rahmat', 'Lina', 'Taufik'];
const LAST_NAMES = ['Santoso', 'Rahmawati', 'Hidayat', 'Wulandari', 'Saputra', 'Pratiwi', 'Kurniawan', 'Handayani'];
const DEGREES = [', S.E., M.M.', ', S.T., M.T.', ', S.H.', ', S.Sos., M.Si.', ', S.Pd., M.Pd.'];
/** Titles that are not "Kepala <name of the SKPD>", by SKPD code. */
const TITLES: Record<string, string> = {
  '4.01.01': 'Sekretaris Daerah',
  '4.02.01': 'Sekretaris DPRD',
  '6.01.01': 'Inspektur Daerah',
  '1.02.02': 'Direktur Rumah Sakit Umum Daerah',
  '7.01.01': 'Camat Kota',
};
/** The demo's one acting head, so the documents show "Plt.": the health office of Maju Bersama. */
const ACTING = { regionKey: 'maju', skpdCode: '1.02.01' };

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * The (fictional) head of the i-th demo SKPD of a region: title, name, an 18-digit NIP (birth date, appointment
 * month, sex, sequence) and rank; deterministic.
 */
export function demoSkpdHead(regionKey: string, i: number) {
  const [code, name] = DEMO_SKPD[i];
  const r = regionKey === 'maju' ? 0 : 1;
  const female = (i + r) % 2 === 1;
  const birth = `19${70 + ((i * 3 + r) % 15)}${pad(1 + ((i + r) % 12))}${pad(1 + ((i * 7 + r) % 28))}`;
  const appointed = `${1995 + ((i + r) % 10)}${pad(1 + ((i * 5) % 12))}`;
  return {
    headTitle: TITLES[code] ?? `Kepala ${name}`,
    headName: `${FIRST_NAMES[(i * 7 + r * 3) % FIRST_NAMES.length]} ${LAST_NAMES[(i * 5 + r) % LAST_NAMES.length]}${DEGREES[i % DEGREES.length]}`,
    headNip: `${birth}${appointed}${female ? 2 : 1}${pad(1 + i, 3)}`,
    headRank: code === '4.01.01' ? 'Pembina Utama Madya (IV/d)' : 'Pembina Tingkat I (IV/b)',
    headActing: regionKey === ACTING.regionKey && code === ACTING.skpdCode ? ('PLT' as const) : null,
  };
}

/** The demo province over both demo regions, with its oversight accounts (issue 21). */
export const DEMO_PROVINCE = {
  code: '99',
  name: 'Provinsi Sejahtera (DEMO)',
  usernamePrefix: 'demo.provinsi',
  accounts: [
    { suffix: 'admin', role: 'REGION_ADMIN', displayName: 'Admin SAKIP Provinsi (DEMO)' },
    { suffix: 'evaluator', role: 'PROVINCE_EVALUATOR', displayName: 'Evaluator Provinsi (DEMO)' },
    { suffix: 'gubernur', role: 'PROVINCE_HEAD', displayName: 'Gubernur (DEMO)' },
  ],
} as const;

/**
 * What each demo region shows on its public page: Teladan its history, IKU, LHE summary and LKjIP of the PK year;
 * Maju Bersama its history and LHE summary only.
 */
export const DEMO_PUBLICATIONS: Record<
  string,
  readonly { kind: 'HISTORY' | 'IKU' | 'LHE' | 'LKJIP'; year: number | null }[]
> = {
  teladan: [
    { kind: 'HISTORY', year: null },
    { kind: 'IKU', year: 2025 },
    { kind: 'LHE', year: 2025 },
    { kind: 'LKJIP', year: 2025 },
  ],
  maju: [
    { kind: 'HISTORY', year: null },
    { kind: 'LHE', year: 2025 },
  ],
};

export interface DemoPembinaan {
  date: string;
  topic: string;
  findings: string;
  recommendations: readonly {
    text: string;
    dueDate: string;
    /** The kabupaten's follow-up (by its admin), if any; the rest stay open. */
    followUp?: { text: string; status: 'IN_PROGRESS' | 'DONE'; at: string };
  }[];
}

/** The demo province's pembinaan of each demo region in the PK year (issue 21 item 4), by region key. */
export const DEMO_PEMBINAAN: Record<string, readonly DemoPembinaan[]> = {
  maju: [
    {
      date: '2025-03-12',
      topic: 'Pendampingan penyusunan Perjanjian Kinerja dan IKU perangkat daerah',
      findings:
        'IKU sebagian perangkat daerah belum selaras dengan sasaran RPJMD; cascading kinerja belum sampai ke eselon IV.',
      recommendations: [
        {
          text: 'Agar menetapkan IKU seluruh perangkat daerah dengan keputusan kepala daerah.',
          dueDate: '2025-06-30',
          followUp: {
            text: 'IKU perangkat daerah telah ditetapkan dengan Keputusan Bupati Nomor 12 Tahun 2025.',
            status: 'DONE',
            at: '2025-06-20T03:00:00Z',
          },
        },
        {
          text: 'Agar menyusun pohon kinerja hingga tingkat eselon IV dan menjadikannya dasar Perjanjian Kinerja.',
          dueDate: '2025-09-30',
          followUp: {
            text: 'Pohon kinerja 18 dari 31 perangkat daerah telah selesai disusun.',
            status: 'IN_PROGRESS',
            at: '2025-09-15T03:00:00Z',
          },
        },
      ],
    },
    {
      date: '2025-08-21',
      topic: 'Monitoring tindak lanjut rekomendasi LHE SAKIP',
      findings: 'Pemantauan kinerja triwulanan belum dimanfaatkan pimpinan untuk perbaikan program.',
      recommendations: [
        {
          text: 'Agar hasil pemantauan kinerja triwulanan dibahas dalam rapat pimpinan dan dituangkan dalam notulen.',
          dueDate: '2025-12-31',
        },
      ],
    },
  ],
  teladan: [
    {
      date: '2025-05-07',
      topic: 'Berbagi praktik baik SAKIP predikat A',
      findings:
        'Implementasi SAKIP telah berjalan baik; evaluasi internal oleh Inspektorat belum memuat uji petik lapangan.',
      recommendations: [
        {
          text: 'Agar evaluasi internal memuat uji petik lapangan pada perangkat daerah pelayanan dasar.',
          dueDate: '2025-10-31',
        },
      ],
    },
  ],
};
