/**
 * The public verification of a signed document: its short code, its URL and the page a citizen sees after
 * scanning the QR code. Pure: no HTTP, no database.
 */

/** Crockford base32 without look-alikes: 12 characters = 60 random bits, short enough to type from paper. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 12;
export const CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{12}$/;

/** A verification code from random bytes (at least CODE_LENGTH of them). */
export function verificationCode(random: Uint8Array): string {
  if (random.length < CODE_LENGTH) throw new Error(`verificationCode needs ${CODE_LENGTH} random bytes`);
  return Array.from(random.slice(0, CODE_LENGTH), (b) => ALPHABET[b % 32]).join('');
}

/** Codes are read from paper: accept lower case and the usual look-alikes (O→0, I/L→1). */
export function normalizeCode(raw: string): string | null {
  const code = raw.trim().toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
  return CODE_PATTERN.test(code) ? code : null;
}

export const verificationUrl = (baseUrl: string, code: string): string =>
  `${baseUrl.replace(/\/+$/, '')}/verifikasi/${code}`;

export interface VerifiedSignature {
  partyLabel: string;
  name: string;
  title: string;
  signedAt: string;
}

export interface VerificationView {
  code: string;
  title: string;
  issuer: string;
  sha256: string;
  signatures: VerifiedSignature[];
  complete: boolean;
  /** Set when a file was presented: whether it is exactly the signed document. */
  presented?: { matches: boolean; matchesEarlierVersion: boolean; sha256: string };
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The verdict on a presented file, in Indonesian. */
export function presentedVerdict(p: NonNullable<VerificationView['presented']>): string {
  if (p.matches) return 'COCOK: berkas ini sama persis dengan dokumen yang ditandatangani.';
  if (p.matchesEarlierVersion)
    return 'TIDAK SAH sebagai dokumen akhir: berkas ini versi sebelum semua pihak menandatangani.';
  return 'TIDAK SAH: berkas ini tidak sama dengan dokumen yang ditandatangani (isinya berubah atau bukan dokumen ini).';
}

/** The public page: the document, its signers and its fingerprint, and a form to check a file. */
export function verificationPage(v: VerificationView | null, action: string): string {
  const body = v
    ? `<h1>${escapeHtml(v.title)}</h1>
<p>${escapeHtml(v.issuer)}</p>
<table>
<tr><th>Kode verifikasi</th><td>${escapeHtml(v.code)}</td></tr>
<tr><th>Status</th><td>${v.complete ? 'Ditandatangani lengkap oleh semua pihak' : 'Belum ditandatangani semua pihak'}</td></tr>
${v.signatures
  .map(
    (s) =>
      `<tr><th>${escapeHtml(s.partyLabel)}</th><td>${escapeHtml(s.name)}<br>${escapeHtml(s.title)}<br>Ditandatangani ${escapeHtml(s.signedAt)}</td></tr>`,
  )
  .join('\n')}
<tr><th>SHA-256</th><td><code>${escapeHtml(v.sha256)}</code></td></tr>
</table>
${
  v.presented
    ? `<p class="${v.presented.matches ? 'ok' : 'bad'}"><strong>${escapeHtml(presentedVerdict(v.presented))}</strong><br>SHA-256 berkas: <code>${escapeHtml(v.presented.sha256)}</code></p>`
    : ''
}
<form method="post" action="${escapeHtml(action)}" enctype="multipart/form-data">
<p>Periksa berkas PDF yang Anda terima:</p>
<input type="file" name="file" accept="application/pdf" required>
<button type="submit">Periksa</button>
</form>`
    : '<h1>Dokumen tidak ditemukan</h1><p>Kode verifikasi ini tidak terdaftar.</p>';
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Verifikasi dokumen</title>
<style>body{font-family:sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem}th{text-align:left;vertical-align:top;padding-right:1rem}td,th{padding:.3rem 0}code{word-break:break-all}.ok{color:#075e1c}.bad{color:#a50e0e}</style>
</head><body>
${body}
</body></html>
`;
}
