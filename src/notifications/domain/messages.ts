import type { DeadlineKind, PendingKind } from './reminder-rules';
import { indonesianDay } from '../../common/time/indonesian-date';

/** What a notification says, in Indonesian; the same text goes to the inbox, e-mail and gateway. */
export interface MessageText {
  title: string;
  body: string;
}

/** "tinggal 3 hari lagi", "berakhir besok", "sudah lewat". */
const when = (kind: DeadlineKind): string =>
  kind === 'OVERDUE' ? 'sudah lewat' : kind === 'H1' ? 'berakhir besok' : `tinggal ${kind.slice(1)} hari lagi`;

const tanggal = (date: string): string => {
  const [y, m, d] = date.split('-').map(Number);
  return indonesianDay(y, m, d);
};

/** Quarterly realisation still missing for an SKPD. */
export const realisationReminder = (
  kind: DeadlineKind,
  p: { skpdName: string; year: number; quarter: number; dueDate: string },
): MessageText => ({
  title: `Batas pengisian realisasi TW ${p.quarter} ${p.year} ${when(kind)}`,
  body:
    `Realisasi TW ${p.quarter} tahun ${p.year} ${p.skpdName} belum lengkap. ` +
    `Batas pengisian: ${tanggal(p.dueDate)}` +
    (kind === 'OVERDUE' ? '. Hubungi admin daerah bila perlu pembukaan kembali.' : '.'),
});

const STAGE: Record<string, string> = {
  SELF_ASSESSMENT: 'penilaian mandiri LKE',
  EVALUATION: 'penilaian evaluator LKE',
  QA_REVIEW: 'reviu penjaminan kualitas LKE',
};

/** An LKE stage still open for the person who acts in it. */
export const evaluationReminder = (
  kind: DeadlineKind,
  p: { stage: string; subjectName: string; year: number; dueDate: string },
): MessageText => ({
  title: `Batas ${STAGE[p.stage] ?? 'tahap LKE'} ${p.year} ${when(kind)}`,
  body: `Tahap ${STAGE[p.stage] ?? 'LKE'} ${p.subjectName} tahun ${p.year} berakhir ${tanggal(p.dueDate)}.`,
});

/** A recommendation's follow-up not yet done by its due date. */
export const followUpReminder = (
  kind: DeadlineKind,
  p: { skpdName: string; year: number; text: string; dueDate: string },
): MessageText => ({
  title: `Batas tindak lanjut rekomendasi LKE ${p.year} ${when(kind)}`,
  body:
    `Tindak lanjut rekomendasi LKE ${p.year} ${p.skpdName} belum selesai: "${clip(p.text, 200)}". ` +
    `Batas waktu: ${tanggal(p.dueDate)}.`,
});

/** The PK of a year not yet submitted by the SKPD. */
export const pkSubmitReminder = (
  kind: DeadlineKind,
  p: { skpdName: string; year: number; dueDate: string },
): MessageText => ({
  title: `Batas pengajuan PK ${p.year} ${when(kind)}`,
  body: `Perjanjian Kinerja ${p.year} ${p.skpdName} belum diajukan. Batas pengajuan: ${tanggal(p.dueDate)}.`,
});

/** PKs of a year still waiting for the region admin's approval. */
export const pkApprovalReminder = (
  kind: DeadlineKind,
  p: { year: number; skpdNames: string[]; dueDate: string },
): MessageText => ({
  title: `Batas persetujuan PK ${p.year} ${when(kind)}`,
  body:
    `${p.skpdNames.length} Perjanjian Kinerja ${p.year} menunggu persetujuan: ${listed(p.skpdNames)}. ` +
    `Batas persetujuan: ${tanggal(p.dueDate)}.`,
});

/** A PK signed by its first party, waiting n days for the second (the regional head). */
export const signaturePending = (
  kind: PendingKind,
  p: { skpdName: string; year: number; since: string },
): MessageText => ({
  title: `PK ${p.year} ${p.skpdName} menunggu tanda tangan Anda`,
  body:
    `Perjanjian Kinerja ${p.year} ${p.skpdName} telah ditandatangani pihak pertama pada ${tanggal(p.since)} ` +
    `dan sudah ${kind.slice(1)} hari menunggu tanda tangan pihak kedua.`,
});

/** One SKPD's line in the weekly digest. */
export interface DigestRow {
  skpdName: string;
  /** Quarters whose realisation is complete for every PK indicator, e.g. [1, 2]. */
  quartersFilled: number[];
  pkStatus: string | null;
  /** The latest evaluation's year and status, or null. */
  evaluation: { year: number; status: string } | null;
}

const ROMAN = ['I', 'II', 'III', 'IV'];
const PK_STATUS: Record<string, string> = {
  DRAFT: 'draf',
  SUBMITTED: 'menunggu persetujuan',
  APPROVED: 'disetujui',
  LOCKED: 'dikunci',
};
const EVALUATION_STATUS: Record<string, string> = {
  SELF_ASSESSMENT: 'penilaian mandiri',
  EVALUATION: 'penilaian evaluator',
  QA_REVIEW: 'reviu penjaminan kualitas',
  FINAL: 'final',
};

/** The weekly completeness recap for region admins: one line per SKPD (realisation, PK, self-assessment). */
export const weeklyDigest = (p: { week: string; year: number; rows: DigestRow[] }): MessageText => {
  const complete = p.rows.filter((r) => r.quartersFilled.length === 4 && r.pkStatus && r.pkStatus !== 'DRAFT');
  const lines = p.rows.map(
    (r) =>
      `- ${r.skpdName}: realisasi ${p.year} TW terisi ` +
      `${r.quartersFilled.length ? r.quartersFilled.map((q) => ROMAN[q - 1]).join(', ') : 'belum ada'}; ` +
      `PK ${r.pkStatus ? (PK_STATUS[r.pkStatus] ?? r.pkStatus) : 'belum ada'}; ` +
      `LKE ${r.evaluation ? `${r.evaluation.year} ${EVALUATION_STATUS[r.evaluation.status] ?? r.evaluation.status}` : 'belum dibuka'}`,
  );
  return {
    title: `Rekap mingguan kelengkapan SAKIP ${p.week}`,
    body: [`Kelengkapan data ${p.rows.length} SKPD (${complete.length} lengkap untuk ${p.year}):`, ...lines].join('\n'),
  };
};

export const pkAwaitingApproval = (p: { skpdName: string; year: number }): MessageText => ({
  title: `PK ${p.year} ${p.skpdName} menunggu persetujuan`,
  body: `Perjanjian Kinerja ${p.year} ${p.skpdName} telah diajukan dan menunggu persetujuan Anda.`,
});

export const pkReturned = (p: { year: number; reason: string }): MessageText => ({
  title: `PK ${p.year} dikembalikan untuk diperbaiki`,
  body: `Perjanjian Kinerja ${p.year} dikembalikan dengan alasan: ${p.reason}`,
});

export const evaluationReopened = (p: { year: number; reason: string }): MessageText => ({
  title: `Evaluasi LKE ${p.year} dibuka kembali`,
  body: `Evaluasi LKE ${p.year} dibuka kembali dengan alasan: ${p.reason}`,
});

const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const listed = (names: string[]): string =>
  names.length > 10 ? `${names.slice(0, 10).join(', ')} dan ${names.length - 10} lainnya` : names.join(', ');

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const CATEGORY_LABEL: Record<string, string> = {
  REALISATION: 'realisasi',
  EVALUATION: 'evaluasi LKE',
  PK: 'Perjanjian Kinerja',
  DIGEST: 'rekap mingguan',
};

/** Paragraphs from lines; consecutive lines starting with "- " become a list. */
function htmlBody(body: string): string {
  const out: string[] = [];
  let items: string[] = [];
  const flush = () => {
    if (items.length) out.push(`<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`);
    items = [];
  };
  for (const line of body.split('\n')) {
    if (line.startsWith('- ')) items.push(line.slice(2));
    else {
      flush();
      if (line.trim()) out.push(`<p>${escapeHtml(line)}</p>`);
    }
  }
  flush();
  return out.join('');
}

/** The e-mail of a notification: plain text and HTML with the link and how to stop this category. */
export function emailOf(
  m: MessageText,
  link: string | null,
  category: string,
): { subject: string; text: string; html: string } {
  const footer = `Anda menerima pesan ini dari layanan SAKIP. Untuk berhenti menerima e-mail kategori "${CATEGORY_LABEL[category] ?? category}", ubah preferensi pemberitahuan Anda.`;
  const text = [m.body, link ? `Buka: ${link}` : '', '', '--', footer].filter((l, i) => l !== '' || i > 1).join('\n');
  const html =
    htmlBody(m.body) +
    (link ? `<p><a href="${escapeHtml(link)}">Buka di SAKIP</a></p>` : '') +
    `<hr><p style="font-size:small">${escapeHtml(footer)}</p>`;
  return { subject: `[SAKIP] ${m.title}`, text, html };
}
