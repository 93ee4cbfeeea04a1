import type { SkpdKind } from '../organization/entities/skpd.entity';

/** What the audit log's actions read as on screen (#17: no CREATE, LOCKED… in the console). */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  CREATE: 'Membuat',
  UPDATE: 'Mengubah',
  DELETE: 'Menghapus',
  REPLACE: 'Mengganti',
  SUPERSEDE: 'Menggantikan revisi',
  OPEN: 'Membuka evaluasi',
  REOPEN: 'Membuka kembali',
  SCHEDULE: 'Mengatur jadwal',
  SUBMIT: 'Mengajukan',
  RETURN: 'Mengembalikan ke draf',
  APPROVE: 'Menyetujui',
  LOCK: 'Mengunci',
  REVISE: 'Membuat revisi',
  ADVANCE: 'Meneruskan ke tahap berikutnya',
  FINALIZE: 'Memfinalkan',
  ANSWER_SELF: 'Mengisi penilaian mandiri',
  ANSWER_EVALUATOR: 'Mengisi penilaian evaluator',
  ANSWER_QA: 'Mengisi penilaian penjaminan mutu',
  OFFICIAL_RESULT: 'Mencatat hasil resmi',
  PUBLISH: 'Menerbitkan',
  UNPUBLISH: 'Membatalkan penerbitan',
  SIGN: 'Menandatangani',
  LINK: 'Menautkan',
  UNLINK: 'Melepas tautan',
  IMPORT_EXCEL: 'Mengimpor Excel',
  REPLACE_TARGETS: 'Mengganti target',
  MERGE_TARGETS: 'Memperbarui target',
  RESET_PASSWORD: 'Mengatur ulang kata sandi',
  CHANGE_PASSWORD: 'Mengubah kata sandi',
  FOLLOW_UP: 'Menindaklanjuti',
  DONE: 'Menandai selesai',
};

/** What the audit log's entities read as on screen. */
export const AUDIT_ENTITY_LABELS: Readonly<Record<string, string>> = {
  User: 'Pengguna',
  Skpd: 'SKPD',
  Region: 'Wilayah',
  RegionTarget: 'Target wilayah',
  PlanningPeriod: 'Periode perencanaan',
  PlanNode: 'Simpul pohon kinerja',
  Indicator: 'Indikator',
  IndicatorTarget: 'Target indikator',
  CrosscutContribution: 'Porsi target keroyokan',
  PerformanceAgreement: 'Perjanjian Kinerja',
  PerformanceSettings: 'Pengaturan kinerja',
  ReportingWindow: 'Jendela realisasi',
  Realisation: 'Realisasi',
  EvidenceItem: 'Bukti dukung',
  Evaluation: 'Evaluasi LKE',
  EvaluationRecommendation: 'Rekomendasi',
  HistoricalResult: 'Hasil tahun lalu',
  ResultPublication: 'Publikasi hasil',
};

export const labelOf = (labels: Readonly<Record<string, string>>, code: string | null | undefined): string =>
  code ? (labels[code] ?? code) : '–';

export const SKPD_KIND_LABELS: Readonly<Record<SkpdKind, string>> = {
  DINAS: 'Dinas',
  BADAN: 'Badan',
  SEKRETARIAT: 'Sekretariat',
  INSPEKTORAT: 'Inspektorat',
  KECAMATAN: 'Kecamatan',
  RSUD: 'RSUD',
  SATPOL: 'Satpol PP',
  KANTOR: 'Kantor',
  LAINNYA: 'Lainnya',
};

/** An evaluation's stage as the admin's LKE page shows it. */
export const EVALUATION_STATUS_LABELS: Readonly<Record<string, string>> = {
  SELF_ASSESSMENT: 'Penilaian mandiri',
  EVALUATION: 'Evaluasi',
  QA_REVIEW: 'Penjaminan mutu',
  FINAL: 'Final',
};
