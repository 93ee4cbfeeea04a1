/**
 * The demo regions' plans and results (synthetic; pure data, no I/O): one RPJMD with Pemda tujuan → sasaran → IKU,
 * each SKPD's Renstra sasaran cascading to a Pemda sasaran with one or two indicators, a crosscutting stunting
 * target, PKs for DEMO_PK_YEAR, and the LKE quality levels that make the regions' predicate histories.
 */
import type { Polarity, QuarterAggregation } from '../planning/domain/indicator-settings';

export const DEMO_PERIOD = { name: 'RPJMD 2021–2026 (DEMO)', startYear: 2021, endYear: 2026 };
export const DEMO_PK_YEAR = 2025;
export const DEMO_EVALUATION_YEARS = [2023, 2024, 2025] as const;

export interface DemoIndicator {
  code: string;
  name: string;
  satuan: string;
  polarity: Polarity;
  aggregation: QuarterAggregation;
  baseline: string;
  /** The DEMO_PK_YEAR target. */
  target: string;
  /** The end-of-period (2026) target. */
  endTarget: string;
}

type Row = [
  code: string,
  name: string,
  satuan: string,
  polarity: Polarity,
  aggregation: QuarterAggregation,
  baseline: string,
  target: string,
  endTarget: string,
];
const indicator = ([code, name, satuan, polarity, aggregation, baseline, target, endTarget]: Row): DemoIndicator => ({
  code,
  name,
  satuan,
  polarity,
  aggregation,
  baseline,
  target,
  endTarget,
});

export interface DemoPemdaSasaran {
  key: string;
  tujuan: string;
  name: string;
  iku: DemoIndicator[];
}

/** Pemda level: tujuan (by name) → sasaran → IKU. */
export const DEMO_PEMDA: readonly DemoPemdaSasaran[] = [
  {
    key: 'KES',
    tujuan: 'Meningkatkan kualitas sumber daya manusia',
    name: 'Meningkatnya derajat kesehatan masyarakat',
    iku: [
      indicator(['IKU.1', 'Angka Harapan Hidup', 'tahun', 'HIGHER_IS_BETTER', 'LAST_VALUE', '70.12', '71.05', '71.40']),
      indicator(['IKU.2', 'Prevalensi stunting pada balita', '%', 'LOWER_IS_BETTER', 'LAST_VALUE', '27.5', '16', '14']),
    ],
  },
  {
    key: 'DIK',
    tujuan: 'Meningkatkan kualitas sumber daya manusia',
    name: 'Meningkatnya kualitas pendidikan',
    iku: [
      indicator(['IKU.3', 'Rata-rata lama sekolah', 'tahun', 'HIGHER_IS_BETTER', 'LAST_VALUE', '7.8', '8.3', '8.5']),
    ],
  },
  {
    key: 'INF',
    tujuan: 'Meningkatkan perekonomian daerah yang berdaya saing',
    name: 'Meningkatnya kualitas infrastruktur wilayah',
    iku: [
      indicator([
        'IKU.4',
        'Persentase jalan kabupaten dalam kondisi mantap',
        '%',
        'HIGHER_IS_BETTER',
        'LAST_VALUE',
        '62',
        '72',
        '75',
      ]),
    ],
  },
  {
    key: 'EKO',
    tujuan: 'Meningkatkan perekonomian daerah yang berdaya saing',
    name: 'Meningkatnya pertumbuhan ekonomi yang inklusif',
    iku: [
      indicator(['IKU.5', 'Laju pertumbuhan ekonomi', '%', 'HIGHER_IS_BETTER', 'LAST_VALUE', '4.8', '5.3', '5.5']),
      indicator(['IKU.6', 'Persentase penduduk miskin', '%', 'LOWER_IS_BETTER', 'LAST_VALUE', '11.2', '9.6', '9']),
    ],
  },
  {
    key: 'TKL',
    tujuan: 'Mewujudkan tata kelola pemerintahan yang baik',
    name: 'Meningkatnya akuntabilitas kinerja pemerintah daerah',
    iku: [
      indicator([
        'IKU.7',
        'Nilai AKIP Pemerintah Kabupaten',
        'nilai',
        'HIGHER_IS_BETTER',
        'LAST_VALUE',
        '60.1',
        '70',
        '80',
      ]),
    ],
  },
];

/** The crosscutting ("keroyokan") Pemda target of the demo: stunting, carried by four SKPD with their shares. */
export const DEMO_CROSSCUT = {
  ikuCode: 'IKU.2',
  contributions: [
    ['1.02.01', '50'],
    ['2.08.01', '20'],
    ['2.09.01', '15'],
    ['2.13.01', '15'],
  ] as [skpdCode: string, sharePercent: string][],
};

export interface DemoSkpdPlan {
  skpdCode: string;
  supports: string;
  sasaran: string;
  indicators: DemoIndicator[];
}

const plan = (skpdCode: string, supports: string, sasaran: string, ...rows: Row[]): DemoSkpdPlan => ({
  skpdCode,
  supports,
  sasaran,
  indicators: rows.map(indicator),
});

const HI = 'HIGHER_IS_BETTER' as const;
const LO = 'LOWER_IS_BETTER' as const;
const LAST = 'LAST_VALUE' as const;
const SUM = 'CUMULATIVE_SUM' as const;

/** Each SKPD's Renstra sasaran (supporting a Pemda sasaran) and the indicators of its PK. */
export const DEMO_SKPD_PLANS: readonly DemoSkpdPlan[] = [
  plan('4.01.01', 'TKL', 'Meningkatnya kualitas koordinasi penyelenggaraan pemerintahan', [
    'SETDA.1',
    'Persentase kebijakan daerah yang ditetapkan tepat waktu',
    '%',
    HI,
    LAST,
    '78',
    '90',
    '95',
  ]),
  plan('4.02.01', 'TKL', 'Meningkatnya kualitas fasilitasi fungsi DPRD', [
    'SETWAN.1',
    'Persentase rancangan peraturan daerah yang dibahas sesuai jadwal',
    '%',
    HI,
    LAST,
    '70',
    '85',
    '90',
  ]),
  plan(
    '6.01.01',
    'TKL',
    'Meningkatnya kualitas pengawasan internal',
    ['INSP.1', 'Level kapabilitas APIP', 'level', HI, LAST, '2', '3', '3'],
    ['INSP.2', 'Persentase rekomendasi hasil pengawasan yang ditindaklanjuti', '%', HI, LAST, '68', '85', '90'],
  ),
  plan(
    '5.01.01',
    'TKL',
    'Meningkatnya kualitas perencanaan dan evaluasi pembangunan daerah',
    ['BAPP.1', 'Persentase keselarasan program Renstra dengan RPJMD', '%', HI, LAST, '80', '95', '100'],
    ['BAPP.2', 'Nilai evaluasi AKIP perangkat daerah rata-rata', 'nilai', HI, LAST, '58', '66', '70'],
  ),
  plan('5.02.01', 'TKL', 'Meningkatnya akuntabilitas pengelolaan keuangan daerah', [
    'BPKAD.1',
    'Opini BPK atas laporan keuangan pemerintah daerah (WTP)',
    'opini',
    'BINARY',
    LAST,
    '1',
    '1',
    '1',
  ]),
  plan('5.02.02', 'EKO', 'Meningkatnya pendapatan asli daerah', [
    'BAPENDA.1',
    'Realisasi pendapatan asli daerah',
    'miliar rupiah',
    HI,
    SUM,
    '182',
    '215',
    '240',
  ]),
  plan('5.03.01', 'TKL', 'Meningkatnya profesionalitas aparatur', [
    'BKPSDM.1',
    'Indeks profesionalitas ASN',
    'indeks',
    HI,
    LAST,
    '61',
    '70',
    '75',
  ]),
  plan('1.05.02', 'INF', 'Menurunnya risiko bencana daerah', [
    'BPBD.1',
    'Indeks risiko bencana',
    'indeks',
    LO,
    LAST,
    '142',
    '128',
    '120',
  ]),
  plan('8.01.01', 'TKL', 'Meningkatnya kondusivitas kehidupan berbangsa', [
    'KESBANG.1',
    'Persentase konflik sosial yang tertangani',
    '%',
    HI,
    LAST,
    '85',
    '100',
    '100',
  ]),
  plan(
    '1.01.01',
    'DIK',
    'Meningkatnya akses dan mutu pendidikan dasar',
    ['DISDIK.1', 'Angka partisipasi murni SMP', '%', HI, LAST, '76', '82', '85'],
    ['DISDIK.2', 'Persentase sekolah terakreditasi minimal B', '%', HI, LAST, '71', '80', '85'],
  ),
  plan(
    '1.02.01',
    'KES',
    'Meningkatnya mutu pelayanan kesehatan masyarakat',
    ['DINKES.1', 'Angka kematian ibu', 'per 100.000 kelahiran hidup', LO, LAST, '142', '110', '100'],
    ['DINKES.2', 'Persentase balita stunting yang mendapat intervensi gizi', '%', HI, LAST, '60', '85', '90'],
  ),
  plan('1.02.02', 'KES', 'Meningkatnya mutu pelayanan rumah sakit', [
    'RSUD.1',
    'Indeks kepuasan pasien rumah sakit',
    'indeks',
    HI,
    LAST,
    '76',
    '82',
    '85',
  ]),
  plan(
    '1.03.01',
    'INF',
    'Meningkatnya kondisi jalan dan jembatan kabupaten',
    ['DPUPR.1', 'Persentase panjang jalan kabupaten kondisi mantap', '%', HI, LAST, '62', '72', '75'],
    ['DPUPR.2', 'Panjang jalan yang direhabilitasi', 'km', HI, SUM, '35', '48', '50'],
  ),
  plan('1.04.01', 'INF', 'Berkurangnya kawasan permukiman kumuh', [
    'PERKIM.1',
    'Luas kawasan kumuh',
    'ha',
    LO,
    LAST,
    '96',
    '70',
    '60',
  ]),
  plan('1.05.01', 'TKL', 'Meningkatnya ketenteraman dan ketertiban umum', [
    'SATPOL.1',
    'Persentase penegakan peraturan daerah yang diselesaikan',
    '%',
    HI,
    LAST,
    '72',
    '88',
    '90',
  ]),
  plan('1.06.01', 'EKO', 'Meningkatnya perlindungan sosial penduduk miskin', [
    'DINSOS.1',
    'Persentase penyandang masalah kesejahteraan sosial yang tertangani',
    '%',
    HI,
    LAST,
    '41',
    '55',
    '60',
  ]),
  plan('2.07.01', 'EKO', 'Meningkatnya penempatan tenaga kerja', [
    'NAKER.1',
    'Tingkat pengangguran terbuka',
    '%',
    LO,
    LAST,
    '5.9',
    '4.9',
    '4.5',
  ]),
  plan('2.08.01', 'KES', 'Meningkatnya perlindungan perempuan dan anak', [
    'DP3A.1',
    'Persentase desa dengan kelas ibu balita aktif',
    '%',
    HI,
    LAST,
    '35',
    '60',
    '70',
  ]),
  plan('2.09.01', 'KES', 'Meningkatnya ketersediaan pangan bergizi', [
    'PANGAN.1',
    'Skor pola pangan harapan',
    'skor',
    HI,
    LAST,
    '82',
    '88',
    '90',
  ]),
  plan('2.11.01', 'INF', 'Meningkatnya kualitas lingkungan hidup', [
    'DLH.1',
    'Indeks kualitas lingkungan hidup',
    'indeks',
    HI,
    LAST,
    '66',
    '70',
    '72',
  ]),
  plan('2.12.01', 'TKL', 'Meningkatnya kualitas administrasi kependudukan', [
    'DUKCAPIL.1',
    'Persentase penduduk yang memiliki KTP elektronik',
    '%',
    HI,
    LAST,
    '93',
    '98',
    '99',
  ]),
  plan('2.13.01', 'KES', 'Meningkatnya kemandirian desa', [
    'DPMD.1',
    'Jumlah desa mandiri',
    'desa',
    HI,
    LAST,
    '4',
    '12',
    '15',
  ]),
  plan('2.15.01', 'INF', 'Meningkatnya keselamatan transportasi', [
    'DISHUB.1',
    'Persentase simpang jalan dengan perlengkapan lalu lintas memadai',
    '%',
    HI,
    LAST,
    '45',
    '60',
    '65',
  ]),
  plan('2.16.01', 'TKL', 'Meningkatnya penerapan sistem pemerintahan berbasis elektronik', [
    'KOMINFO.1',
    'Indeks SPBE',
    'indeks',
    HI,
    LAST,
    '2.1',
    '2.8',
    '3.1',
  ]),
  plan('2.17.01', 'EKO', 'Meningkatnya daya saing koperasi dan usaha mikro', [
    'KOP.1',
    'Jumlah usaha mikro yang naik kelas',
    'unit',
    HI,
    SUM,
    '120',
    '200',
    '220',
  ]),
  plan('2.18.01', 'EKO', 'Meningkatnya investasi daerah', [
    'DPMPTSP.1',
    'Nilai realisasi investasi',
    'miliar rupiah',
    HI,
    SUM,
    '410',
    '520',
    '560',
  ]),
  plan('2.19.01', 'DIK', 'Meningkatnya prestasi pemuda dan olahraga', [
    'DISPORA.1',
    'Jumlah medali pada kejuaraan tingkat provinsi',
    'medali',
    HI,
    SUM,
    '18',
    '24',
    '28',
  ]),
  plan('2.22.01', 'EKO', 'Meningkatnya kunjungan wisata', [
    'PARIWISATA.1',
    'Jumlah kunjungan wisatawan',
    'ribu orang',
    HI,
    SUM,
    '310',
    '420',
    '450',
  ]),
  plan('3.25.01', 'EKO', 'Meningkatnya produksi perikanan', [
    'DISKAN.1',
    'Produksi perikanan budidaya',
    'ton',
    HI,
    SUM,
    '5200',
    '6100',
    '6400',
  ]),
  plan('3.27.01', 'EKO', 'Meningkatnya produktivitas pertanian', [
    'DISTAN.1',
    'Produktivitas padi',
    'ton/ha',
    HI,
    LAST,
    '5.1',
    '5.6',
    '5.8',
  ]),
  plan('7.01.01', 'TKL', 'Meningkatnya kualitas pelayanan publik kecamatan', [
    'KEC.1',
    'Indeks kepuasan masyarakat terhadap layanan kecamatan',
    'indeks',
    HI,
    LAST,
    '74',
    '80',
    '82',
  ]),
];

/**
 * How each demo region performs: the LKE quality level (percent of the answer scale) of the Pemda per evaluation
 * year — Maju Bersama climbs inside B and targets A; Teladan holds A — plus the SKPD spread around it and the
 * typical share of each PK target realised.
 */
export interface DemoPerformance {
  pemdaLevel: Record<number, number>;
  skpdSpread: number;
  realisationFactor: number;
  /** The predicate the region has set itself as a target, and by when. */
  target: { predicate: string; year: number };
  /** Evaluation years whose results the region publishes for studi tiru. */
  publishes: readonly number[];
}

export const DEMO_PERFORMANCE: Record<string, DemoPerformance> = {
  maju: {
    pemdaLevel: { 2023: 62, 2024: 65, 2025: 68 },
    skpdSpread: 12,
    realisationFactor: 0.93,
    target: { predicate: 'A', year: 2027 },
    publishes: [],
  },
  teladan: {
    pemdaLevel: { 2023: 82, 2024: 84, 2025: 86 },
    skpdSpread: 6,
    realisationFactor: 1.01,
    target: { predicate: 'AA', year: 2028 },
    publishes: [2023, 2024, 2025],
  },
};

/** Deliberate data-quality problems in the Maju Bersama demo, so the warnings have something to show. */
export const DEMO_DATA_PROBLEMS = {
  /** TW III realisation below TW II on a rising LAST_VALUE indicator. */
  decrease: 'DPUPR.1',
  /** A realisation far above its target (capaian > 150 %). */
  veryHigh: 'DISPORA.1',
};
