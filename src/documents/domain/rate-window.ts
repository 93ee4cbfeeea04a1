/**
 * A fixed-window request counter per key (e.g. a client IP): at most `limit` hits per `windowMs`. Pure and
 * in-memory (per process): it keeps a public page from being used as a free hashing service, not a quota.
 */
export class RateWindow {
  private readonly hits = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    /** Keys kept at most; the oldest windows are forgotten first. */
    private readonly maxKeys = 10_000,
  ) {}

  /** Counts a hit; returns the seconds to wait when over the limit, else 0. */
  hit(key: string, now: number): number {
    const current = this.hits.get(key);
    if (!current || now - current.start >= this.windowMs) {
      this.hits.delete(key);
      if (this.hits.size >= this.maxKeys) this.hits.delete(this.hits.keys().next().value as string);
      this.hits.set(key, { start: now, count: 1 });
      return 0;
    }
    current.count += 1;
    return current.count > this.limit ? Math.ceil((current.start + this.windowMs - now) / 1000) : 0;
  }
}
