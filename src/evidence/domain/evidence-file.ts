/**
 * Rules for evidence (bukti dukung) files that need no framework: which sniffed types are accepted, how a
 * client-supplied file name is cleaned, where content lives in storage, and the download headers' file name.
 */

/** The accepted kinds, keyed by the extension file-type reports; the value is the one MIME type we serve. */
export const ALLOWED_TYPES = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  jpg: 'image/jpeg',
  png: 'image/png',
} as const;
export type EvidenceExt = keyof typeof ALLOWED_TYPES;

/** Extensions a user may have typed for each kind (the download name keeps them instead of appending). */
const EXT_ALIASES: Record<EvidenceExt, readonly string[]> = {
  pdf: ['pdf'],
  xlsx: ['xlsx'],
  docx: ['docx'],
  jpg: ['jpg', 'jpeg', 'jpe'],
  png: ['png'],
};

/** Office formats that are zip archives and go through the zip-bomb guard. */
export const ZIP_BASED: ReadonlySet<EvidenceExt> = new Set(['xlsx', 'docx']);

/**
 * The accepted kind for a sniffed type, or null. Both the extension and the MIME type from the sniffer must match,
 * so a generic zip, a macro workbook (xlsm), an executable or anything unknown is refused.
 */
export function acceptedType(
  sniffed: { ext: string; mime: string } | undefined,
): { ext: EvidenceExt; mime: string } | null {
  if (!sniffed || !Object.hasOwn(ALLOWED_TYPES, sniffed.ext)) return null;
  const ext = sniffed.ext as EvidenceExt;
  return sniffed.mime === ALLOWED_TYPES[ext] ? { ext, mime: ALLOWED_TYPES[ext] } : null;
}

export const MAX_NAME_LENGTH = 200;

/**
 * True for a client-supplied name that tries to climb directories (a `..` segment with either slash): such an
 * upload is refused outright, as no browser sends one. Other names are only cleaned by sanitizeFileName.
 */
export const isTraversalName = (raw: string | undefined | null): boolean =>
  String(raw ?? '')
    .split(/[/\\]/)
    .some((segment) => segment.trim() === '..');

/**
 * A display name from a client-supplied file name: only the last path segment (either slash), no control or
 * bidirectional-override characters, no leading dots, whitespace collapsed, at most 200 characters (the extension
 * kept). Never used as a filesystem path: content is stored under its sha256.
 */
export function sanitizeFileName(raw: string | undefined | null, fallbackExt: string): string {
  let name = String(raw ?? '').normalize('NFC');
  name = name.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  name = name.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '');
  name = name
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (!name) return `berkas.${fallbackExt}`;
  if (name.length > MAX_NAME_LENGTH) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = name.slice(0, MAX_NAME_LENGTH - ext.length) + ext;
  }
  return name;
}

/** The name a download is offered under: the clean name, with the real extension appended when it differs. */
export function downloadName(originalName: string, ext: EvidenceExt): string {
  const dot = originalName.lastIndexOf('.');
  const given = dot > 0 ? originalName.slice(dot + 1).toLowerCase() : '';
  return EXT_ALIASES[ext].includes(given) ? originalName : `${originalName}.${ext}`;
}

/**
 * `attachment` Content-Disposition with an ASCII fallback and the exact name as RFC 5987 / RFC 6266 `filename*`.
 * Quotes, backslashes, percent signs and non-ASCII characters never reach the plain `filename` parameter.
 */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Storage path of a content, relative to the evidence root: `ab/cd/<sha256>`. Only a validated hex digest gets here. */
export function blobPath(sha256: string): string[] {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('blobPath needs a lowercase sha256 hex digest');
  return [sha256.slice(0, 2), sha256.slice(2, 4), sha256];
}
