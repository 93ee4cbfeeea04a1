/**
 * Zip-bomb guard for uploaded Office documents (xlsx/docx are zip archives).
 * Reads only the central directory (never decompresses) and checks it against limits; the service then
 * verifies the declared sizes by inflating with an output cap (see zip-verify.ts).
 * Pure: no framework, no I/O.
 */

export interface ZipLimits {
  /** Most entries an archive may have. */
  maxEntries: number;
  /** Most bytes all entries may expand to, together. */
  maxTotalUncompressed: number;
  /** Most bytes one entry may expand to. */
  maxEntryUncompressed: number;
  /** Highest uncompressed/compressed ratio of one entry (applied to entries above ratioFloorBytes). */
  maxRatio: number;
  /** Entries smaller than this are not ratio-checked (tiny XML parts legitimately compress very well). */
  ratioFloorBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 2000,
  maxTotalUncompressed: 200 * 1024 * 1024,
  maxEntryUncompressed: 100 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 64 * 1024,
};

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate. */
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Offset of the entry's local file header. */
  localHeaderOffset: number;
}

export type ZipRejection =
  | 'NOT_A_ZIP'
  | 'CORRUPT'
  | 'ZIP64_UNSUPPORTED'
  | 'MULTI_DISK'
  | 'TOO_MANY_ENTRIES'
  | 'ENTRY_TOO_LARGE'
  | 'TOTAL_TOO_LARGE'
  | 'RATIO_TOO_HIGH'
  | 'ENCRYPTED'
  | 'UNSUPPORTED_METHOD'
  | 'OVERLAPPING_ENTRIES'
  | 'UNSAFE_ENTRY_NAME'
  | 'MACRO_CONTENT';

export type ZipCheck = { ok: true; entries: ZipEntry[] } | { ok: false; reason: ZipRejection; detail: string };

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;
const LOCAL_HEADER_MIN = 30;

/** True when the buffer starts like a zip archive (local file header or an empty archive's EOCD). */
export const looksLikeZip = (buf: Uint8Array): boolean =>
  buf.length >= 4 &&
  buf[0] === 0x50 &&
  buf[1] === 0x4b &&
  ((buf[2] === 3 && buf[3] === 4) || (buf[2] === 5 && buf[3] === 6));

const fail = (reason: ZipRejection, detail: string): ZipCheck => ({ ok: false, reason, detail });

/** Parses the central directory and applies the limits; the first violation found is returned. */
export function checkZip(input: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipCheck {
  const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (!looksLikeZip(buf)) return fail('NOT_A_ZIP', 'missing zip signature');

  const eocd = findEocd(buf);
  if (eocd < 0) return fail('CORRUPT', 'end of central directory not found');
  const disk = buf.readUInt16LE(eocd + 4);
  const cdDisk = buf.readUInt16LE(eocd + 6);
  const entriesOnDisk = buf.readUInt16LE(eocd + 8);
  const totalEntries = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (totalEntries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff)
    return fail('ZIP64_UNSUPPORTED', 'zip64 archive');
  if (disk !== 0 || cdDisk !== 0 || entriesOnDisk !== totalEntries) return fail('MULTI_DISK', 'spanned archive');
  if (totalEntries > limits.maxEntries)
    return fail('TOO_MANY_ENTRIES', `${totalEntries} entries (limit ${limits.maxEntries})`);
  if (cdOffset + cdSize > eocd) return fail('CORRUPT', 'central directory outside the archive');

  const entries: ZipEntry[] = [];
  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < totalEntries; i++) {
    if (p + 46 > cdOffset + cdSize || buf.readUInt32LE(p) !== SIG_CENTRAL)
      return fail('CORRUPT', `bad central header #${i}`);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localHeaderOffset = buf.readUInt32LE(p + 42);
    const end = p + 46 + nameLen + extraLen + commentLen;
    if (end > cdOffset + cdSize) return fail('CORRUPT', `central header #${i} overruns the directory`);
    const name = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
    p = end;

    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff)
      return fail('ZIP64_UNSUPPORTED', `zip64 entry ${name}`);
    if (flags & 0x1) return fail('ENCRYPTED', `encrypted entry ${name}`);
    if (method !== 0 && method !== 8) return fail('UNSUPPORTED_METHOD', `method ${method} in ${name}`);
    if (method === 0 && compressedSize !== uncompressedSize)
      return fail('CORRUPT', `stored entry ${name} changes size`);
    if (!isSafeEntryName(name)) return fail('UNSAFE_ENTRY_NAME', `entry name ${JSON.stringify(name)}`);
    if (/(^|\/)vbaProject\.bin$/i.test(name)) return fail('MACRO_CONTENT', `macro part ${name}`);
    if (uncompressedSize > limits.maxEntryUncompressed)
      return fail(
        'ENTRY_TOO_LARGE',
        `${name} expands to ${uncompressedSize} bytes (limit ${limits.maxEntryUncompressed})`,
      );
    total += uncompressedSize;
    if (total > limits.maxTotalUncompressed)
      return fail('TOTAL_TOO_LARGE', `entries expand to more than ${limits.maxTotalUncompressed} bytes`);
    if (uncompressedSize > limits.ratioFloorBytes && uncompressedSize > limits.maxRatio * Math.max(compressedSize, 1))
      return fail(
        'RATIO_TOO_HIGH',
        `${name} compresses ${Math.round(uncompressedSize / Math.max(compressedSize, 1))}:1 (limit ${limits.maxRatio}:1)`,
      );
    entries.push({ name, method, flags, compressedSize, uncompressedSize, localHeaderOffset });
  }

  // Every entry's data must lie inside the archive, before the central directory, without overlapping another
  // (overlapping entries are how "non-recursive" zip bombs reuse one compressed kernel many times).
  const byOffset = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  let previousEnd = 0;
  for (const e of byOffset) {
    const o = e.localHeaderOffset;
    if (o < previousEnd) return fail('OVERLAPPING_ENTRIES', `${e.name} overlaps the previous entry`);
    if (o + LOCAL_HEADER_MIN > cdOffset || buf.readUInt32LE(o) !== SIG_LOCAL)
      return fail('CORRUPT', `bad local header for ${e.name}`);
    const dataStart = o + LOCAL_HEADER_MIN + buf.readUInt16LE(o + 26) + buf.readUInt16LE(o + 28);
    const dataEnd = dataStart + e.compressedSize;
    if (dataEnd > cdOffset) return fail('CORRUPT', `${e.name} data overruns the archive`);
    previousEnd = dataEnd;
  }
  return { ok: true, entries };
}

/** Where an entry's compressed bytes start (after its local header), for the inflate check. */
export function entryDataOffset(buf: Uint8Array, entry: ZipEntry): number {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  return (
    entry.localHeaderOffset +
    LOCAL_HEADER_MIN +
    b.readUInt16LE(entry.localHeaderOffset + 26) +
    b.readUInt16LE(entry.localHeaderOffset + 28)
  );
}

function findEocd(buf: Buffer): number {
  const stop = Math.max(0, buf.length - EOCD_MIN - MAX_COMMENT);
  for (let i = buf.length - EOCD_MIN; i >= stop; i--) {
    if (buf.readUInt32LE(i) === SIG_EOCD && i + EOCD_MIN + buf.readUInt16LE(i + 20) === buf.length) return i;
  }
  return -1;
}

/** Relative, forward-slash paths without `..`, drive letters, NUL or control characters ("zip slip"). */
function isSafeEntryName(name: string): boolean {
  if (name.length === 0 || name.startsWith('/') || name.includes('\\') || /^[A-Za-z]:/.test(name)) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return false;
  return !name.split('/').some((seg) => seg === '..');
}
