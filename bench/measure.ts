import { performance } from 'node:perf_hooks';
import type { Dialect } from './databases';

export type Unit = 'ms' | 's' | 'MB' | 'req/s' | '×';

/** A target: `value op limit`, e.g. ratio ≤ 1.3. */
export interface Check {
  what: string;
  value: number;
  unit: Unit;
  op: '<=' | '<' | '>=';
  limit: number;
  met: boolean;
}

export interface Figure {
  case: 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g';
  title: string;
  dialect: Dialect;
  status: 'measured' | 'not available' | 'skipped' | 'failed';
  /** What the service did, and what it is compared with (median of the runs). */
  measured?: { label: string; value: number; unit: Unit };
  baseline?: { label: string; value: number; unit: Unit };
  checks: Check[];
  /** Correctness failures (e.g. a stored score that differs from the engine's): the run exits 1 if there is any. */
  errors?: string[];
  details: Record<string, string | number>;
  note?: string;
}

export function check(what: string, value: number, unit: Unit, op: Check['op'], limit: number): Check {
  const met = op === '<=' ? value <= limit : op === '<' ? value < limit : value >= limit;
  return { what, value: round(value), unit, op, limit, met };
}

export const round = (n: number, places = 3) => Number(n.toFixed(places));

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/**
 * Runs `fn` `warmup` times unmeasured, then `runs` times; `before` runs outside the clock before each call.
 * Returns the median in milliseconds (and every run).
 */
export async function timed(
  fn: () => Promise<unknown>,
  opts: { runs: number; warmup?: number; before?: () => Promise<void> },
): Promise<{ ms: number; runs: number[] }> {
  for (let i = 0; i < (opts.warmup ?? 1); i++) {
    await opts.before?.();
    await fn();
  }
  const runs: number[] = [];
  for (let i = 0; i < opts.runs; i++) {
    await opts.before?.();
    const t = performance.now();
    await fn();
    runs.push(performance.now() - t);
  }
  return { ms: round(median(runs), 1), runs: runs.map((r) => round(r, 1)) };
}

/**
 * Times `subject` and `baseline` alternately (subject, baseline, subject, …) so both see the same load on a shared
 * machine; `before` (outside the clock) runs before each subject call. Medians in milliseconds.
 */
export async function timedPair(
  subject: () => Promise<unknown>,
  baseline: () => Promise<unknown>,
  opts: { runs: number; warmup?: number; before?: () => Promise<void> },
): Promise<{ subject: { ms: number; runs: number[] }; baseline: { ms: number; runs: number[] } }> {
  const clock = async (fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  for (let i = 0; i < (opts.warmup ?? 1); i++) {
    await opts.before?.();
    await subject();
    await baseline();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < opts.runs; i++) {
    await opts.before?.();
    a.push(await clock(subject));
    b.push(await clock(baseline));
  }
  const summary = (xs: number[]) => ({ ms: round(median(xs), 1), runs: xs.map((x) => round(x, 1)) });
  return { subject: summary(a), baseline: summary(b) };
}

/** A figure for a case that could not be measured, with the reason. */
export const unavailable = (
  c: Figure['case'],
  title: string,
  dialect: Dialect,
  status: Figure['status'],
  note: string,
  checks: Check[] = [],
): Figure => ({
  case: c,
  title,
  dialect,
  status,
  checks,
  details: {},
  note,
});
