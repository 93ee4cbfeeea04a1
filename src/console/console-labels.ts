import { AGGREGATION_LABELS, POLARITY_LABELS } from '../planning/excel/domain/pk-sheet';
import { RECOMMENDATION_STATUS_LABELS } from '../reporting/domain/lke-sheet';

/**
 * What the console shows for the codes the services use (statuses, roles, stages, audit actions, entity names,
 * kinds): Indonesian words, never `FINAL`, `LOCKED` or `CREATE` on screen. One table per kind of code; templates
 * use the `istilah` helper (`{{istilah "status" ev.status}}`), controllers `labelOf`.
 */
const LABELS = {
  /** Evaluation (LKE) statuses. */
  status: {
    SELF_ASSESSMENT: 'Penilaian mandiri',
    EVALUATION: 'Evaluasi',
    QA_REVIEW: 'Penjaminan mutu',
    FINAL: 'Final',
  },
  /** PK statuses. */
  pk: {
    DRAFT: 'Draf',
    SUBMITTED: 'Diajukan',
    APPROVED: 'Disetujui',
    LOCKED: 'Terkunci',
  },
  /** Recommendation statuses (the words of the LKE workbook and the LHE). */
  recommendation: RECOMMENDATION_STATUS_LABELS,
  /** Indicator polarity and quarterly aggregation (the words of the PK workbook). */
  polarity: POLARITY_LABELS,
  aggregation: AGGREGATION_LABELS,
  /** Answer sets of an LKE sheet. */
  stage: {
    self: 'Mandiri',
    evaluator: 'Evaluator',
    qa: 'QA',
    final: 'Akhir',
  },
  role: {
    SUPERADMIN: 'Superadmin',
    REGION_ADMIN: 'Admin Wilayah',
    PLANNER: 'Perencana SKPD',
    EVALUATOR: 'Evaluator',
    HEAD: 'Kepala Daerah',
    PROVINCE_EVALUATOR: 'Evaluator Provinsi',
    PROVINCE_HEAD: 'Pimpinan Provinsi',
  },
  /** Audit log actions. */
  action: {
    CREATE: 'Membuat',
    UPDATE: 'Mengubah',
    DELETE: 'Menghapus',
    SUBMIT: 'Mengajukan',
    APPROVE: 'Menyetujui',
    RETURN: 'Mengembalikan ke draf',
    REVISE: 'Merevisi',
    LOCK: 'Mengunci',
    OPEN: 'Membuka',
    REOPEN: 'Membuka kembali',
    ADVANCE: 'Melanjutkan tahap',
    FINALIZE: 'Memfinalkan',
    SUPERSEDE: 'Menggantikan',
    SCHEDULE: 'Menjadwalkan',
    FOLLOW_UP: 'Menindaklanjuti',
    IMPORT_EXCEL: 'Mengimpor Excel',
    LINK: 'Menautkan',
    UNLINK: 'Melepas tautan',
    REPLACE: 'Mengganti',
    SIGN: 'Menandatangani',
    PUBLISH: 'Memublikasikan',
    UNPUBLISH: 'Menarik publikasi',
    OFFICIAL_RESULT: 'Mencatat hasil resmi',
    RESET_PASSWORD: 'Mengatur ulang kata sandi',
    CHANGE_PASSWORD: 'Mengubah kata sandi',
    ANSWER_SELF: 'Mengisi penilaian mandiri',
    ANSWER_EVALUATOR: 'Mengisi penilaian evaluator',
    ANSWER_QA: 'Mengisi penilaian penjaminan mutu',
    REPLACE_TARGETS: 'Mengganti target',
    MERGE_TARGETS: 'Memperbarui target',
    DONE: 'Menandai selesai',
  },
  /** Audit log entities. */
  entity: {
    CrosscutContribution: 'Kontribusi target keroyokan',
    Evaluation: 'Evaluasi LKE',
    EvaluationRecommendation: 'Rekomendasi',
    EvidenceItem: 'Bukti dukung',
    HistoricalResult: 'Hasil evaluasi terdahulu',
    Indicator: 'Indikator',
    IndicatorTarget: 'Target indikator',
    PerformanceAgreement: 'Perjanjian Kinerja',
    PerformanceSettings: 'Pengaturan kinerja',
    PlanNode: 'Pohon kinerja',
    PlanningPeriod: 'Periode perencanaan',
    Realisation: 'Realisasi',
    Region: 'Pemerintah daerah',
    RegionTarget: 'Target predikat daerah',
    ReportingWindow: 'Jendela pelaporan',
    ResultPublication: 'Publikasi hasil',
    Skpd: 'SKPD',
    User: 'Pengguna',
  },
  /** What the overlaps page found. */
  overlapKind: {
    INDICATOR: 'Indikator',
    PROGRAM: 'Program',
  },
  /** Consistency rule severities. */
  severity: {
    ERROR: 'Galat',
    WARNING: 'Peringatan',
  },
  /** Kinds of SKPD. */
  skpdKind: {
    DINAS: 'Dinas',
    BADAN: 'Badan',
    SEKRETARIAT: 'Sekretariat',
    INSPEKTORAT: 'Inspektorat',
    KECAMATAN: 'Kecamatan',
    RSUD: 'RSUD',
    SATPOL: 'Satpol PP',
    KANTOR: 'Kantor',
    LAINNYA: 'Lainnya',
  },
  regionKind: {
    PROVINSI: 'Provinsi',
    KABUPATEN: 'Kabupaten',
    KOTA: 'Kota',
  },
  /** Quarterly SKPD index trend. */
  trend: {
    NAIK: 'Naik',
    TURUN: 'Turun',
    TETAP: 'Tetap',
    BARU: 'Baru',
  },
  /** Where a result in the history comes from. */
  source: {
    OFFICIAL: 'Hasil resmi KemenPAN-RB',
    IMPORTED: 'Data sebelum sistem',
    OWN_SHEET: 'Evaluasi internal',
  },
} as const satisfies Record<string, Record<string, string>>;

export type LabelKind = keyof typeof LABELS;
export const LABEL_KINDS = Object.keys(LABELS) as LabelKind[];

/**
 * The Indonesian label of `code`; a code the table does not know yet is shown in words ("SOME_CODE" → "Some code")
 * rather than as a shouted identifier.
 */
export function labelOf(kind: LabelKind, code: unknown): string {
  if (code === null || code === undefined || code === '') return '–';
  const text = String(code);
  const known = (LABELS[kind] as Record<string, string>)[text];
  if (known) return known;
  const words = text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const hasLabel = (kind: LabelKind, code: string): boolean => code in LABELS[kind];

/** Every code of a kind with its label (for `<select>` options). */
export const labelsOf = (kind: LabelKind): { code: string; label: string }[] =>
  Object.entries(LABELS[kind]).map(([code, label]) => ({ code, label }));

/** `<select>` options of a kind in alphabetical order of their labels, `selected` marked. */
export const labelOptions = (kind: LabelKind, selected: string | undefined) =>
  labelsOf(kind)
    .map((o) => ({ ...o, selected: o.code === selected }))
    .sort((a, b) => a.label.localeCompare(b.label, 'id'));
