/**
 * Runs in its own process so its peak RSS (process.resourceUsage().maxRSS) is the national recap's alone:
 *   BENCH_CHILD_MODE=recap  writeNationalRecap(dataSource, year, file) — streamed;
 *   BENCH_CHILD_MODE=bare   a bare SELECT of the same stored results (the baseline).
 * Prints one JSON line: { ms, maxRssMb, startRssMb, ... }.
 */
import 'reflect-metadata';
import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { writeNationalRecap } from '../src/reporting/national-recap';
import { openDataSource } from './databases';

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function main(): Promise<void> {
  const mode = process.env.BENCH_CHILD_MODE;
  const year = Number(process.env.BENCH_CHILD_YEAR);
  const out = process.env.BENCH_CHILD_OUT as string;
  const env = {
    DB_URL: process.env.BENCH_CHILD_DB_URL || undefined,
    SQLITE_PATH: process.env.BENCH_CHILD_SQLITE_PATH as string,
  };
  const ds = await openDataSource({ env });
  const startRssMb = mb(process.memoryUsage().rss);
  const t = performance.now();
  let extra: Record<string, number>;
  if (mode === 'recap') {
    const result = await writeNationalRecap(ds, year, out);
    extra = { regions: result.regions, rows: result.rows, bytes: statSync(out).size };
  } else {
    const rows: unknown[] = await ds.query(
      "SELECT regionId, skpdId, kind, finalTotalExact, finalPredicate FROM evaluations WHERE year = ? AND supersededAt IS NULL AND status = 'FINAL'",
      [year],
    );
    extra = { rows: rows.length };
  }
  const ms = performance.now() - t;
  await ds.destroy();
  process.stdout.write(
    `${JSON.stringify({ ms: Math.round(ms), maxRssMb: mb(process.resourceUsage().maxRSS * 1024), startRssMb, ...extra })}\n`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
