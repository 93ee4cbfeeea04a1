/**
 * Integrity check of the stored LKE scores:
 *   npm run scores:verify [-- --region <code>] [--year <y>]
 * Recomputes every stored stage score (evaluation_stage_scores, and each FINAL evaluation's total and predicate)
 * from the answers with the scoring engine, prints each mismatch on stdout and exits 1 if there is any; a progress
 * bar goes to stderr. Reads the server's database (DB_URL, else SQLITE_PATH), writes nothing.
 */
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/env';
import { dataSourceOptions } from '../database/typeorm-options';
import { verifyStoredScores } from '../evaluation/score-verification';
import { Region } from '../organization/entities/region.entity';
import { describeStartupError } from '../startup-error';

const USAGE = 'usage: npm run scores:verify [-- --region <code>] [--year <y>]';

class UsageError extends Error {}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { region: { type: 'string' }, year: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.error(USAGE);
    return 0;
  }
  if (values.year !== undefined && !/^\d{4}$/.test(values.year))
    throw new UsageError(`--year must be a year, e.g. 2025\n${USAGE}`);
  const config = loadConfig();
  if (!config.DB_URL && !existsSync(config.SQLITE_PATH))
    throw new UsageError(`no database at ${resolve(config.SQLITE_PATH)}; set DB_URL or SQLITE_PATH as for the server`);
  const db = new DataSource(dataSourceOptions(config));
  await db.initialize();
  try {
    let regionId: string | undefined;
    if (values.region) {
      const region = await db.getRepository(Region).findOneBy({ code: values.region });
      if (!region) throw new UsageError(`no region with code ${values.region}`);
      regionId = region.id;
    }
    const bar = new SingleBar({
      format: 'Verifikasi nilai |{bar}| {value}/{total} evaluasi',
      stream: process.stderr,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 2000,
    });
    let started = false;
    const t0 = Date.now();
    const result = await verifyStoredScores(
      db.manager,
      { regionId, year: values.year ? Number(values.year) : undefined },
      (done, total) => {
        if (!started) bar.start(total, done);
        else bar.update(done);
        started = true;
      },
    );
    bar.stop();
    for (const m of result.mismatches)
      process.stdout.write(
        `MISMATCH evaluation ${m.evaluationId} (${m.year}) ${m.what}: stored ${m.stored ?? '-'}, recomputed ${m.recomputed ?? '-'}\n`,
      );
    const seconds = (Date.now() - t0) / 1000;
    process.stdout.write(
      `${result.evaluations} evaluations, ${result.rows} stored score rows verified in ${seconds.toFixed(1)} s: ` +
        `${result.mismatches.length} mismatch(es)\n`,
    );
    return result.mismatches.length ? 1 : 0;
  } finally {
    await db.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof UsageError ? err.message : describeStartupError(err));
    process.exit(2);
  },
);
