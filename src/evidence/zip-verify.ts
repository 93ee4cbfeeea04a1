import { promisify } from 'node:util';
import { inflateRaw } from 'node:zlib';
import { entryDataOffset, type ZipEntry } from './domain/zip-guard';

const inflateRawAsync = promisify(inflateRaw);

/**
 * Checks that every deflated entry really expands to the size its central directory declares, inflating with an
 * output cap of that size (so a lying header cannot make us allocate more than the limits already allowed).
 * Runs on the libuv thread pool. Returns the name of the first entry that does not match, or null.
 */
export async function firstLyingEntry(buf: Buffer, entries: readonly ZipEntry[]): Promise<string | null> {
  for (const e of entries) {
    if (e.method !== 8) continue;
    const start = entryDataOffset(buf, e);
    const data = buf.subarray(start, start + e.compressedSize);
    try {
      const out = await inflateRawAsync(data, { maxOutputLength: Math.max(e.uncompressedSize, 1) });
      if (out.length !== e.uncompressedSize) return e.name;
    } catch {
      return e.name;
    }
  }
  return null;
}
