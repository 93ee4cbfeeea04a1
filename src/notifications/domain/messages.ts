import type { NotificationKind } from './reminder-rules';
import { indonesianDay } from '../../common/time/indonesian-date';

/** What a notification says, in Indonesian; the same text goes to the inbox, e-mail and gateway. */
export interface MessageText {
  title: string;
  body: string;
}

const WHEN: Record<Exclude<NotificationKind, 'IMMEDIATE'>, string> = {
  H7: 'tinggal 7 hari lagi',
  H3: 'tinggal 3 hari lagi',
  H1: 'berakhir besok',
  OVERDUE: 'sudah lewat',
};

const tanggal = (date: string): string => {
  const [y, m, d] = date.split('-').map(Number);
  return indonesianDay(y, m, d);
};

/** Quarterly realisation still missing for an SKPD. */
export const realisationReminder = (
  kind: Exclude<NotificationKind, 'IMMEDIATE'>,
  p: { skpdName: string; year: number; quarter: number; dueDate: string },
): MessageText => ({
  title: `Batas pengisian realisasi TW ${p.quarter} ${p.year} ${WHEN[kind]}`,
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
  kind: Exclude<NotificationKind, 'IMMEDIATE'>,
  p: { stage: string; subjectName: string; year: number; dueDate: string },
): MessageText => ({
  title: `Batas ${STAGE[p.stage] ?? 'tahap LKE'} ${p.year} ${WHEN[kind]}`,
  body: `Tahap ${STAGE[p.stage] ?? 'LKE'} ${p.subjectName} tahun ${p.year} berakhir ${tanggal(p.dueDate)}.`,
});

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

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The e-mail of a notification: plain text and HTML with the link and how to stop this category. */
export function emailOf(
  m: MessageText,
  link: string | null,
  category: string,
): { subject: string; text: string; html: string } {
  const footer = `Anda menerima pesan ini dari layanan SAKIP. Untuk berhenti menerima e-mail kategori ${category}, ubah preferensi pemberitahuan Anda.`;
  const text = [m.body, link ? `Buka: ${link}` : '', '', '--', footer].filter((l, i) => l !== '' || i > 1).join('\n');
  const html =
    `<p>${escapeHtml(m.body)}</p>` +
    (link ? `<p><a href="${escapeHtml(link)}">Buka di SAKIP</a></p>` : '') +
    `<hr><p style="font-size:small">${escapeHtml(footer)}</p>`;
  return { subject: `[SAKIP] ${m.title}`, text, html };
}
