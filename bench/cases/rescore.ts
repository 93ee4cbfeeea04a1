import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { Fraction } from '../../src/evaluation/domain/fraction';
import { EvaluationAnswer } from '../../src/evaluation/entities/evaluation-answer.entity';
import { Evaluation } from '../../src/evaluation/entities/evaluation.entity';
import { type AnswerRow, scoreAllStages } from '../../src/evaluation/stage-scores';
import { snapshotsOf } from '../../src/evaluation/rule-set-snapshot-store';
import { EvaluationsService } from '../../src/evaluation/evaluations.service';
import { benchScope, type BenchContext } from '../context';
import { check, type Figure, round, timed, timedPair } from '../measure';

const ANSWER_COLUMNS = ['evaluationId', 'criterionId', 'selfAnswer', 'evaluatorAnswer', 'qaAnswer', 'finalAnswer'];

export const TITLE = 'Rescore every evaluation of a province vs bare SQL read';

/**
 * Rescoring a region as scores:verify does: every evaluation (the columns scoring needs) and its answers (the
 * answer columns only), each stage's answer set (self, evaluator, QA, final) scored by the engine on the evaluation's
 * frozen rule set (scoreAllStages, the function that stores the results). Returns how many final totals differ from
 * the stored ones (0 expected).
 */
export async function rescoreRegion(
  ds: DataSource,
  regionId: string,
): Promise<{ evaluations: number; mismatches: number; loadMs: number; scoreMs: number }> {
  const t0 = performance.now();
  const [evaluations, answers] = await Promise.all([
    ds.getRepository(Evaluation).find({
      select: { id: true, status: true, ruleSetSnapshotId: true, finalTotalExact: true },
      where: { regionId },
    }),
    // Plain rows: scoring needs the answer columns, not entities.
    ds
      .getRepository(EvaluationAnswer)
      .createQueryBuilder('a')
      .select(ANSWER_COLUMNS.map((c) => `a.${c} AS ${c}`))
      .where('a.regionId = :regionId', { regionId })
      .getRawMany<AnswerRow & { evaluationId: string }>(),
  ]);
  const byEvaluation = new Map<string, AnswerRow[]>();
  for (const a of answers) {
    const list = byEvaluation.get(a.evaluationId);
    if (list) list.push(a);
    else byEvaluation.set(a.evaluationId, [a]);
  }
  const ruleSets = await snapshotsOf(ds.manager, evaluations);
  const t1 = performance.now();
  let mismatches = 0;
  for (const ev of evaluations) {
    const scores = scoreAllStages(ruleSets.get(ev.ruleSetSnapshotId)!, ev.status, byEvaluation.get(ev.id) ?? []);
    const stored = ev.finalTotalExact ? Fraction.parseRatio(ev.finalTotalExact) : null;
    const now = scores.final.totalExact;
    if ((stored === null) !== (now === null) || (stored && now && stored.cmp(now) !== 0)) mismatches++;
  }
  return {
    evaluations: evaluations.length,
    mismatches,
    loadMs: round(t1 - t0, 1),
    scoreMs: round(performance.now() - t1, 1),
  };
}

/** The baseline: the same answers with one bare SQL query, no entities, no scoring. */
export const bareAnswerRead = (ds: DataSource, regionId: string): Promise<unknown[]> =>
  ds.query(
    'SELECT evaluationId, criterionId, selfAnswer, evaluatorAnswer, qaAnswer, finalAnswer FROM evaluation_answers WHERE regionId = ?',
    [regionId],
  );

/** (c) plus, for information, the API path: EvaluationsService.score (GET /evaluations/:id/score) for each evaluation. */
export async function rescoreCase(ctx: BenchContext): Promise<Figure> {
  const regionId = ctx.province.regionId;
  const rows = (await bareAnswerRead(ctx.ds, regionId)).length;
  const { subject: rescore, baseline: bare } = await timedPair(
    () => rescoreRegion(ctx.ds, regionId),
    () => bareAnswerRead(ctx.ds, regionId),
    { runs: ctx.runs },
  );
  const sample = await rescoreRegion(ctx.ds, regionId);

  const service = ctx.app.get(EvaluationsService);
  const scope = benchScope(ctx);
  const ids = (await ctx.ds.getRepository(Evaluation).find({ select: { id: true }, where: { regionId } })).map(
    (e) => e.id,
  );
  const perEvaluation = await timed(
    async () => {
      for (const id of ids) await service.score(scope, id);
    },
    { runs: 1, warmup: 0 },
  );
  const ratio = rescore.ms / bare.ms;
  return {
    case: 'c',
    title: TITLE,
    dialect: ctx.dialect,
    status: 'measured',
    measured: { label: 'load + scoreAllStages (4 answer sets) per evaluation', value: rescore.ms, unit: 'ms' },
    baseline: { label: 'bare SELECT of the answers', value: bare.ms, unit: 'ms' },
    checks: [check('ratio', ratio, '×', '<=', 3)],
    details: {
      evaluations: sample.evaluations,
      answers: rows,
      finalTotalMismatches: sample.mismatches,
      sampleLoadMs: sample.loadMs,
      sampleScoreMs: sample.scoreMs,
      rescoreRunsMs: rescore.runs.join(' '),
      bareRunsMs: bare.runs.join(' '),
      ratio: round(ratio),
      serviceScorePerEvaluationMs: perEvaluation.ms,
    },
  };
}
