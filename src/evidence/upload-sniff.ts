import { fileTypeFromBuffer } from 'file-type';
import { UnprocessableError } from '../common/errors/domain-error';
import { acceptedType, type EvidenceExt, ZIP_BASED } from './domain/evidence-file';
import { checkZip, DEFAULT_ZIP_LIMITS, looksLikeZip, type ZipLimits } from './domain/zip-guard';
import { firstLyingEntry } from './zip-verify';

/**
 * The accepted type of an uploaded file read from its content (never its name), or null when it is none of the
 * accepted kinds. Zip-based Office files must first pass the zip-bomb guard (central directory limits, then an
 * inflate with an output cap), else 422 UNSAFE_ARCHIVE. Shared by evidence uploads and spreadsheet imports (which
 * parse the whole workbook in memory and so pass tighter limits).
 */
export async function sniffUpload(
  buf: Buffer,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<{ ext: EvidenceExt; mime: string } | null> {
  const zip = looksLikeZip(buf);
  if (zip) {
    // Before the sniffer, which itself opens zip entries.
    const check = checkZip(buf, limits);
    if (!check.ok)
      throw new UnprocessableError('UNSAFE_ARCHIVE', 'The document archive is malformed or expands too much', [
        { reason: check.reason, detail: check.detail },
      ]);
    const liar = await firstLyingEntry(buf, check.entries);
    if (liar !== null)
      throw new UnprocessableError('UNSAFE_ARCHIVE', 'The document archive is malformed or expands too much', [
        { reason: 'SIZE_MISMATCH', detail: `${liar} does not expand to its declared size` },
      ]);
  }
  const type = acceptedType(await fileTypeFromBuffer(buf));
  return type && (!ZIP_BASED.has(type.ext) || zip) ? type : null;
}
