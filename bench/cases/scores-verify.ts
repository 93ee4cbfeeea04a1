import type { DataSource } from 'typeorm';
import { verifyStoredScores } from '../../src/evaluation/score-verification';
import type { BenchContext } from '../context';
import { openDataSource } from '../databases';
import { check, type Figure, round, timedPair } from '../measure';

export const TITLE = 'scores:verify over the national dataset vs bare read of its answers';

/** Evaluations per chunk of the baseline, as verifyStoredScores reads them. */
const CHUNK = 250;
const inList = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** The baseline: every answer of the database, chunk by chunk of evaluations in id order; no entities, no scoring. */
async function bareAnswerRead(ds: DataSource): Promise<number> {
  let rows = 0;
  for (let after = ''; ;) {
    const ids = (
      (await ds.query(`SELECT id FROM evaluations WHERE id > ? ORDER BY id LIMIT ${CHUNK}`, [after])) as {
        id: string;
      }[]
    ).map((r) => r.id);
    if (ids.length === 0) return rows;
    after = ids[ids.length - 1];
    rows += (
      await ds.query(
        `SELECT evaluationId, criterionId, selfAnswer, evaluatorAnswer, qaAnswer, finalAnswer FROM evaluation_answers
         WHERE evaluationId IN (${inList(ids.length)})`,
        ids,
      )
    ).length;
  }
}

/** Bytes (data + indexes) of each table of the database. */
async function tableBytes(ds: DataSource): Promise<Record<string, number>> {
  if (ds.options.type === 'mysql') {
    const tables = ['evaluations', 'evaluation_answers', 'evaluation_stage_scores', 'lke_rule_set_snapshots'];
    await ds.query(`ANALYZE TABLE ${tables.join(', ')}`); // InnoDB's sizes are estimates; fresh ones
    const rows = (await ds.query(
      'SELECT TABLE_NAME AS name, DATA_LENGTH + INDEX_LENGTH AS bytes FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()',
    )) as { name: string; bytes: string | number }[];
    return Object.fromEntries(rows.map((r) => [r.name, Number(r.bytes)]));
  }
  // dbstat lists every b-tree (tables and indexes) by page; an index counts towards its table.
  const pages = (await ds.query(
    'SELECT s.name AS name, m.tbl_name AS tbl, SUM(s.pgsize) AS bytes FROM dbstat s JOIN sqlite_master m ON m.name = s.name GROUP BY s.name',
  )) as { name: string; tbl: string; bytes: number }[];
  const out: Record<string, number> = {};
  for (const p of pages) out[p.tbl] = (out[p.tbl] ?? 0) + Number(p.bytes);
  return out;
}

/** The evaluations table alone (no indexes), bytes per row: what one evaluation row weighs. */
async function evaluationRowBytes(ds: DataSource, evaluations: number): Promise<number> {
  const [row] =
    ds.options.type === 'mysql'
      ? ((await ds.query(
          "SELECT DATA_LENGTH AS bytes FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'evaluations'",
        )) as { bytes: number }[])
      : ((await ds.query("SELECT SUM(pgsize) AS bytes FROM dbstat WHERE name = 'evaluations'")) as { bytes: number }[]);
  return Number(row.bytes) / Math.max(1, evaluations);
}

/**
 * (g) `npm run scores:verify` (verifyStoredScores, the same function) over the whole nation dataset: every stored
 * stage score of every evaluation recomputed from its answers; against the bare read of those answers. Also the
 * database size per evaluation. The figure fails if any stored score differs from the engine's recomputation.
 */
export async function scoresVerifyCase(ctx: BenchContext): Promise<Figure> {
  const ds = await openDataSource(ctx.nationDb);
  try {
    const answers = await bareAnswerRead(ds); // also the warm-up: the answers' pages are in the cache for both
    // At full scale a run takes minutes: one timed run of each (the rest of the bench uses BENCH_RUNS).
    const runs = ctx.scale.name === 'full' ? 1 : ctx.runs;
    let verified: Awaited<ReturnType<typeof verifyStoredScores>> | undefined;
    const { subject, baseline } = await timedPair(
      async () => {
        verified = await verifyStoredScores(ds.manager, {});
      },
      () => bareAnswerRead(ds),
      { runs, warmup: 0 },
    );
    const result = verified!;
    const bytes = await tableBytes(ds);
    const evaluations = result.evaluations;
    const total = Object.values(bytes).reduce((a, b) => a + b, 0);
    const perEvaluation = (table: string) => round((bytes[table] ?? 0) / Math.max(1, evaluations), 0);
    const ratio = subject.ms / baseline.ms;
    return {
      case: 'g',
      title: TITLE,
      dialect: ctx.dialect,
      status: 'measured',
      measured: { label: 'verifyStoredScores over every evaluation', value: round(subject.ms / 1000, 2), unit: 's' },
      baseline: { label: 'bare SELECT of the answers, same chunks', value: round(baseline.ms / 1000, 2), unit: 's' },
      checks: [check('ratio', ratio, '×', '<=', 3)],
      errors: result.mismatches.length
        ? [
            `${result.mismatches.length} stored score(s) differ from the engine's recomputation, e.g. ${result.mismatches[0].what}`,
          ]
        : [],
      details: {
        evaluations,
        answers,
        storedScoreRows: result.rows,
        mismatches: result.mismatches.length,
        answerRowsPerSecond: Math.round(answers / (subject.ms / 1000)),
        bareAnswerRowsPerSecond: Math.round(answers / (baseline.ms / 1000)),
        ratio: round(ratio),
        verifyRunsMs: subject.runs.join(' '),
        bareRunsMs: baseline.runs.join(' '),
        databaseMb: round(total / 2 ** 20, 1),
        bytesPerEvaluation: round(total / Math.max(1, evaluations), 0),
        evaluationRowBytes: round(await evaluationRowBytes(ds, evaluations), 0),
        evaluationsTableBytesPerEvaluation: perEvaluation('evaluations'),
        answersBytesPerEvaluation: perEvaluation('evaluation_answers'),
        stageScoresBytesPerEvaluation: perEvaluation('evaluation_stage_scores'),
      },
    };
  } finally {
    await ds.destroy();
  }
}
