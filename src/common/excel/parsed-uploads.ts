import { createHash } from 'node:crypto';

/** Entries kept; a preview is normally followed by its commit within seconds. */
const MAX_ENTRIES = 16;
/** A parsed upload older than this is parsed again (previews are not meant to be kept for hours). */
const TTL_MS = 15 * 60 * 1000;
/** Most cells held over all entries (a RawCell is some 50 bytes): a bigger parse is simply not kept. */
const MAX_CELLS = 1_000_000;

export const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/**
 * What an import's preview parsed, kept in memory for its commit (issues #19, #20): parsing the workbook is most of
 * an import's time, and preview + commit otherwise parse the same bytes twice. `read` keys a parse by the sha256 of
 * the bytes (and the reader's variant, e.g. the sheet kind), so a commit reuses it only for exactly the bytes that
 * were previewed; the value is what the pure reader made of them, the same on every parse. `get` / `keep` hold other
 * pure results under a caller's key — the imports keep their sheet-rule results under the bytes' hash plus a hash of
 * every database value the rules read, which the commit reads again in its transaction. The commit still runs its
 * write-time checks and the preview token still binds the file. A miss (another replica, a restart, an evicted or
 * expired entry) only means computing again, so the cache never decides an outcome. Values are treated as immutable.
 */
export class ParsedUploads<T> {
  private readonly entries = new Map<string, { value: T; cells: number; at: number }>();
  private cells = 0;

  /**
   * The parsed upload for these bytes: from the cache, else `parse()` (which opens and checks the file as hostile
   * input) — kept when it is small enough. `weigh` counts the cells of a parsed value.
   */
  async read(
    variant: string,
    bytes: Buffer | undefined,
    parse: () => Promise<{ value: T; sha256: string }>,
    weigh: (value: T) => number,
  ): Promise<{ value: T; sha256: string }> {
    if (!bytes?.length) return parse(); // parse refuses an empty upload with its own message
    const sha256 = sha256Of(bytes);
    const key = `${variant}|${sha256}`;
    const hit = this.get(key);
    if (hit !== undefined) return { value: hit, sha256 };
    const parsed = await parse();
    this.keep(key, parsed.value, weigh(parsed.value));
    return parsed;
  }

  /** The value kept under `key` (and now the most recently used), or undefined. */
  get(key: string): T | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.drop(key);
    if (Date.now() - hit.at > TTL_MS) return undefined;
    this.entries.set(key, hit); // most recently used last
    this.cells += hit.cells;
    return hit.value;
  }

  /** Keeps `value` under `key` unless it weighs more than the whole budget; returns it. */
  keep(key: string, value: T, cells: number): T {
    this.drop(key);
    if (cells > MAX_CELLS) return value;
    this.entries.set(key, { value, cells, at: Date.now() });
    this.cells += cells;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= MAX_ENTRIES && this.cells <= MAX_CELLS) break;
      this.drop(oldest);
    }
    return value;
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.cells -= entry.cells;
    this.entries.delete(key);
  }
}
