/**
 * `npm run bench`: generates the province and nation datasets (deterministic, seeded) into fresh databases — a
 * temporary SQLite file, then `sakip_bench_*_test` on MariaDB (skipped with a note when unreachable) — boots the real
 * app on them and measures cases a–g (issues 9 and 20), each against a baseline from the same run. Writes
 * bench/results.json and bench/results.md (test-output/bench-smoke/ at smoke scale). Exits 1 if a case failed or
 * found a stored score that differs from the engine's recomputation (timings are reported, never asserted).
 *
 * Environment: BENCH_SCALE=full|small|smoke (default full; smoke is CI's correctness run, one run per case), BENCH_SEED,
 * BENCH_RUNS (timed runs per case, median reported),
 * BENCH_DB=sqlite,mariadb, BENCH_DB_URL (MariaDB server, default mysql://root@127.0.0.1:3306),
 * BENCH_HTTP_SECONDS (default 5), BENCH_CASES (e.g. `f`: only those cases).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createApp } from '../src/bootstrap';
import { verifyStoredScores } from '../src/evaluation/score-verification';
import { loadConfig } from '../src/config/env';
import { DEFAULT_RULE_SET } from '../src/evaluation/dto/evaluation.dto';
import { loadRuleSets } from '../src/evaluation/lke-rule-sets';
import * as budget from './cases/budget-import';
import * as http from './cases/http-score';
import * as national from './cases/national-recap';
import * as pk from './cases/pk-import';
import * as recap from './cases/region-recap';
import * as rescore from './cases/rescore';
import * as verify from './cases/scores-verify';
import type { BenchContext } from './context';
import { createBenchDatabase, type Dialect, mariadbUnreachable, openDataSource } from './databases';
import { nationDataset, pkImportDataset, provinceDataset, SCALES, type Batch } from './dataset';
import { loadBatches } from './load';
import { type Figure, round, unavailable } from './measure';
import { type BenchResults, toMarkdown, writeResults } from './report';

const CASES: { id: Figure['case']; title: string; run: (ctx: BenchContext, extra: Extra) => Promise<Figure> }[] = [
  { id: 'a', title: recap.TITLE, run: (ctx) => recap.regionRecapCase(ctx) },
  { id: 'b', title: national.TITLE, run: (ctx) => national.nationalRecapCase(ctx) },
  { id: 'c', title: rescore.TITLE, run: (ctx) => rescore.rescoreCase(ctx) },
  { id: 'd', title: pk.TITLE, run: (ctx, extra) => pk.pkImportCase(ctx, extra.pkImport) },
  { id: 'e', title: http.TITLE, run: (ctx) => http.httpScoreCase(ctx) },
  { id: 'f', title: budget.TITLE, run: (ctx) => budget.budgetImportCase(ctx) },
  { id: 'g', title: verify.TITLE, run: (ctx) => verify.scoresVerifyCase(ctx) },
];
/** BENCH_CASES=d,f runs only those cases (the datasets are generated all the same). */
const SELECTED = (process.env.BENCH_CASES ?? '')
  .split(',')
  .map((c) => c.trim())
  .filter(Boolean);

interface Extra {
  pkImport: ReturnType<typeof pkImportDataset>;
}

const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

async function load(
  db: Parameters<typeof openDataSource>[0],
  batches: Iterable<Batch>,
): Promise<{ rows: number; seconds: number }> {
  const t = performance.now();
  const ds = await openDataSource(db, { migrate: true });
  try {
    const counts = await loadBatches(ds, batches);
    return {
      rows: Object.values(counts).reduce((a, b) => a + b, 0),
      seconds: round((performance.now() - t) / 1000, 1),
    };
  } finally {
    await ds.destroy();
  }
}

async function benchDialect(dialect: Dialect, results: BenchResults, runs: number, seed: number): Promise<void> {
  const scale = SCALES[results.scale as keyof typeof SCALES];
  const ruleSet = loadRuleSets().latest(DEFAULT_RULE_SET);
  const province = provinceDataset(seed, scale.province, ruleSet);
  const pkImport = pkImportDataset(seed, scale.pkImportRows, province);
  const nation = nationDataset(seed + 1, scale.nation, ruleSet);
  const provinceDb = await createBenchDatabase(dialect, 'province');
  const nationDb = await createBenchDatabase(dialect, 'nation');
  const storage = mkdtempSync(join(tmpdir(), 'sakip-bench-storage-'));
  try {
    // Both datasets load at once: while Node builds province rows, the database writes nation rows.
    log(`${dialect}: generating the province and nation datasets`);
    const [p, n] = await Promise.all([
      load(
        provinceDb,
        (function* () {
          yield* province.batches();
          yield* pkImport.batches();
        })(),
      ),
      load(nationDb, nation.batches()),
    ]);
    log(
      `${dialect}: ${p.rows.toLocaleString('en-US')} province rows (${p.seconds} s), ${n.rows.toLocaleString('en-US')} nation rows (${n.seconds} s)`,
    );
    results.datasets[dialect] = {
      provinceRows: p.rows,
      provinceSeconds: p.seconds,
      nationRows: n.rows,
      nationSeconds: n.seconds,
    };

    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      JWT_SECRET: randomBytes(48).toString('base64url'),
      STORAGE_DIR: storage,
      SEED_DEMO: 'false',
      DB_CONNECT_RETRIES: '0',
      ...provinceDb.env,
    });
    const app = await createApp(config, { logger: false });
    http.addConstantRoute(app);
    await app.init();
    const ctx: BenchContext = {
      dialect,
      scale,
      seed,
      app,
      ds: app.get<DataSource>(getDataSourceToken()),
      province,
      nationDb,
      runs,
    };
    try {
      for (const c of CASES.filter((k) => !SELECTED.length || SELECTED.includes(k.id))) {
        log(`${dialect}: case ${c.id}. ${c.title}`);
        try {
          const figure = await c.run(ctx, { pkImport });
          results.figures.push(figure);
          for (const e of figure.errors ?? []) log(`${dialect}: case ${c.id} WRONG: ${e}`);
          log(
            `${dialect}: case ${c.id} → ${figure.status}${figure.checks.length ? ` (${figure.checks.map((k) => `${k.what} ${k.value}${k.unit}${k.met ? ' met' : ' NOT met'}`).join(', ')})` : ''}`,
          );
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          log(`${dialect}: case ${c.id} failed: ${message}`);
          results.figures.push(unavailable(c.id, c.title, dialect, 'failed', message.split('\n')[0]));
        }
      }
      // Whatever the cases did, every stored stage score of the province still equals the engine's recomputation.
      const integrity = await verifyStoredScores(ctx.ds.manager, {});
      log(
        `${dialect}: scores:verify on the province: ${integrity.evaluations} evaluations, ${integrity.mismatches.length} mismatch(es)`,
      );
      if (integrity.mismatches.length)
        results.errors.push(
          `${dialect}: ${integrity.mismatches.length} stored score(s) of the province differ from the engine's recomputation, e.g. evaluation ${integrity.mismatches[0].evaluationId} ${integrity.mismatches[0].what}`,
        );
    } finally {
      await app.close();
    }
  } finally {
    await provinceDb.drop();
    await nationDb.drop();
    rmSync(storage, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const scaleName = (['small', 'smoke'] as const).find((s) => s === process.env.BENCH_SCALE) ?? 'full';
  const seed = Number(process.env.BENCH_SEED ?? 20260909);
  const runs = Number(process.env.BENCH_RUNS ?? (scaleName === 'smoke' ? 1 : 5));
  const dialects = (process.env.BENCH_DB ?? 'sqlite,mariadb').split(',').map((d) => d.trim()) as Dialect[];
  const cpu = cpus();
  const results: BenchResults = {
    generatedAt: new Date().toISOString(),
    scale: scaleName,
    seed,
    runsPerCase: runs,
    machine: {
      cpus: cpu.length,
      cpuModel: cpu[0]?.model.trim() ?? 'unknown',
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: process.platform,
    },
    datasets: {},
    notes: [],
    errors: [],
    figures: [],
  };
  // The smoke run (CI) leaves the committed results alone.
  const outDir = scaleName === 'smoke' ? join(__dirname, '..', 'test-output', 'bench-smoke') : __dirname;
  mkdirSync(outDir, { recursive: true });
  const jsonPath = join(outDir, 'results.json');
  const mdPath = join(outDir, 'results.md');
  for (const dialect of dialects) {
    const unreachable = dialect === 'mariadb' ? await mariadbUnreachable() : null;
    if (unreachable) {
      log(`${unreachable}: MariaDB skipped`);
      results.notes.push(`${unreachable}; the MariaDB run was skipped.`);
      for (const c of CASES)
        results.figures.push(unavailable(c.id, c.title, dialect, 'skipped', 'MariaDB unreachable'));
      continue;
    }
    await benchDialect(dialect, results, runs, seed);
    writeResults(results, jsonPath, mdPath); // what is measured so far survives a later failure
  }
  results.notes.push(`Whole run: ${round((performance.now() - started) / 1000, 0)} s.`);
  writeResults(results, jsonPath, mdPath);
  console.log(`\n${toMarkdown(results)}`);
  log(`wrote ${jsonPath} and ${mdPath}`);
  // Timings are never asserted; a case that failed or computed wrong results is.
  const failures = [
    ...results.figures
      .filter((f) => f.status === 'failed')
      .map((f) => `case ${f.case} (${f.dialect}) failed: ${f.note}`),
    ...results.figures.flatMap((f) => (f.errors ?? []).map((e) => `case ${f.case} (${f.dialect}): ${e}`)),
    ...results.errors,
  ];
  for (const f of failures) console.error(`FAILED: ${f}`);
  if (failures.length) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
