import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { BenchContext } from '../context';
import { NATION_YEAR } from '../dataset';
import { check, type Figure, round, unavailable } from '../measure';

export const TITLE = 'National recap .xlsx, streamed';
const ROOT = resolve(__dirname, '..', '..');
const SOURCE = join(ROOT, 'src', 'reporting', 'national-recap.ts');

interface ChildResult {
  ms: number;
  maxRssMb: number;
  startRssMb: number;
  rows: number;
  regions?: number;
  bytes?: number;
}

/** One run of bench/national-child.ts in a fresh Node process, compiled by SWC (bench/swc-register.js). */
async function child(ctx: BenchContext, mode: 'recap' | 'bare', out: string): Promise<ChildResult> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['-r', join(__dirname, '..', 'swc-register.js'), join(__dirname, '..', 'national-child.ts')],
    {
      cwd: ROOT,
      maxBuffer: 1024 * 1024,
      env: {
        ...process.env,
        BENCH_CHILD_MODE: mode,
        BENCH_CHILD_YEAR: String(NATION_YEAR),
        BENCH_CHILD_OUT: out,
        BENCH_CHILD_DB_URL: ctx.nationDb.env.DB_URL ?? '',
        BENCH_CHILD_SQLITE_PATH: ctx.nationDb.env.SQLITE_PATH,
      },
    },
  );
  return JSON.parse(stdout.trim().split('\n').pop() as string) as ChildResult;
}

/** (b) writeNationalRecap on the nation dataset: wall time and peak RSS of its own process; a bare read as baseline. */
export async function nationalRecapCase(ctx: BenchContext): Promise<Figure> {
  if (!existsSync(SOURCE))
    return unavailable('b', TITLE, ctx.dialect, 'not available', 'src/reporting/national-recap.ts does not exist yet');
  const dir = mkdtempSync(join(tmpdir(), 'sakip-bench-national-'));
  try {
    const out = join(dir, 'rekap-nasional.xlsx');
    const bare = await child(ctx, 'bare', out);
    const recap = await child(ctx, 'recap', out);
    const seconds = recap.ms / 1000;
    return {
      case: 'b',
      title: TITLE,
      dialect: ctx.dialect,
      status: 'measured',
      measured: { label: 'writeNationalRecap to a file', value: round(seconds, 2), unit: 's' },
      baseline: { label: 'bare SELECT of the stored results', value: round(bare.ms / 1000, 2), unit: 's' },
      checks: [check('time', seconds, 's', '<', 10), check('peak RSS', recap.maxRssMb, 'MB', '<', 300)],
      details: {
        regions: recap.regions ?? 0,
        rows: recap.rows,
        bytes: recap.bytes ?? 0,
        peakRssMb: recap.maxRssMb,
        processRssBeforeMb: recap.startRssMb,
        barePeakRssMb: bare.maxRssMb,
        bareRows: bare.rows,
        timeRatio: round(recap.ms / Math.max(1, bare.ms)),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
