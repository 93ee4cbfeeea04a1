/** What the console tells users, in Indonesian, for the error codes services raise (English stays in the API). */
const BY_CODE: Record<string, string> = {
  INVALID_CREDENTIALS: 'Nama pengguna atau kata sandi salah.',
  TOO_MANY_LOGIN_ATTEMPTS: 'Terlalu banyak percobaan masuk. Coba lagi nanti.',
  WEAK_PASSWORD: 'Kata sandi minimal 10 karakter, berisi huruf dan angka, dan tidak memuat nama pengguna.',
  PK_SUBMITTED: 'PK sedang diajukan untuk persetujuan; kembalikan ke draf sebelum mengubahnya.',
  PK_TARGETS_INVALID: 'Beberapa target belum diisi atau tidak konsisten dengan cara agregasi indikator.',
  INDICATOR_NOT_IN_PK: 'Indikator tidak termasuk dalam PK yang berlaku.',
  INVALID_REALISATION: 'Realisasi tidak sesuai dengan indikatornya; periksa isian yang ditandai.',
  STALE_VERSION: 'Data ini baru saja diubah orang lain. Muat ulang halaman lalu coba lagi.',
  LOCKED: 'Data ini sudah dikunci dan tidak dapat diubah.',
  NOT_DRAFT: 'PK hanya dapat diubah selama berstatus draf.',
  PERIOD_CLOSED: 'Jendela pengisian untuk triwulan ini sudah ditutup.',
  NO_EFFECTIVE_PK: 'Belum ada Perjanjian Kinerja yang disetujui untuk tahun ini.',
  WRONG_STAGE: 'Tahap evaluasi saat ini tidak mengizinkan tindakan ini.',
  EVALUATION_INCOMPLETE: 'Masih ada kriteria yang belum dijawab.',
  CONSISTENCY_VIOLATION: 'Masih ada pelanggaran aturan konsistensi yang menghalangi finalisasi.',
  INVALID_ANSWER: 'Jawaban LKE tidak valid.',
  UNKNOWN_REFERENCE: 'Rujukan tidak dikenal pada lembar kerja evaluasi ini.',
  EVALUATION_SUPERSEDED: 'Evaluasi ini sudah digantikan revisi yang lebih baru.',
  TARGETS_INCONSISTENT: 'Target triwulan tidak konsisten dengan target tahunan.',
  FORBIDDEN: 'Anda tidak berwenang melakukan tindakan ini.',
  PERMISSION_DENIED: 'Anda tidak berwenang membuka halaman ini.',
  CSRF_REJECTED: 'Formulir sudah kedaluwarsa. Muat ulang halaman lalu kirim lagi.',
  NOT_FOUND: 'Halaman atau data yang Anda cari tidak ditemukan.',
  NO_FINAL_EVALUATIONS: 'Belum ada evaluasi SKPD yang final untuk tahun ini.',
  PK_EXISTS: 'PK untuk tahun ini sudah ada.',
  NO_PERIOD: 'Tidak ada periode RPJMD yang mencakup tahun ini.',
  PK_EXCEL_INVALID: 'Berkas Excel belum dapat diterima; perbaiki masalah berikut lalu unggah lagi.',
  PREVIEW_STALE: 'Berkas berbeda dari yang dipratinjau, atau PK berubah sejak pratinjau. Unggah dan pratinjau lagi.',
  FILE_REQUIRED: 'Pilih berkas yang akan diunggah.',
  DUPLICATE: 'Data yang sama sudah ada.',
  DATABASE_UNAVAILABLE: 'Basis data sedang tidak dapat dihubungi. Coba lagi sebentar lagi.',
  BODY_TOO_DEEP: 'Isian terlalu bertingkat untuk diproses.',
  INVALID_BODY_ENCODING: 'Data yang dikirim rusak atau tidak dapat dibaca. Kirim ulang formulir.',
  PAYLOAD_TOO_LARGE: 'Data yang dikirim terlalu besar.',
  SHUTTING_DOWN: 'Server sedang dimulai ulang. Coba lagi sebentar lagi.',
  INTERNAL: 'Terjadi kesalahan pada server.',
};

/** The Indonesian sentence for an error code; unknown codes get a generic sentence naming the code. */
export const messageFor = (code: string): string => BY_CODE[code] ?? `Permintaan tidak dapat diproses (${code}).`;

/** class-validator constraint → what the user reads next to the field. */
const BY_CONSTRAINT: Record<string, string> = {
  isNotEmpty: 'Wajib diisi.',
  isString: 'Wajib diisi.',
  minLength: 'Terlalu pendek.',
  maxLength: 'Terlalu panjang.',
  matches: 'Format tidak valid; tulis angka seperti 1250 atau 12,5.',
  isInt: 'Isi dengan bilangan bulat.',
  min: 'Nilai terlalu kecil.',
  max: 'Nilai terlalu besar.',
  isDateString: 'Isi tanggal yang valid.',
  isIso8601: 'Isi tanggal yang valid.',
  isUuid: 'Pilihan tidak valid.',
  isIn: 'Pilihan tidak valid.',
  isBoolean: 'Pilihan tidak valid.',
};

export const constraintMessage = (constraint: string): string => BY_CONSTRAINT[constraint] ?? 'Isian tidak valid.';
