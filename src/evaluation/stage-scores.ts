import { type EntityManager, In } from 'typeorm';
import { Exact } from '../common/decimal/exact';
import { Fraction } from './domain/fraction';
import type { RuleSet } from './domain/rule-set';
import {
  type EvaluationScore,
  LKE_STAGES,
  type LkeAnswers,
  type LkeStage,
  scoreStages,
  type StoredStageResult,
  type StoredSubComponent,
} from './domain/scoring';
import type { EvaluationAnswer } from './entities/evaluation-answer.entity';
import { EvaluationStageScore, TOTAL_PART } from './entities/evaluation-stage-score.entity';
import type { Evaluation } from './entities/evaluation.entity';
import { stageAnswers } from './evaluation-access';
import { finalAnswerOf } from './evaluation-workflow';

/** What a stored score row holds (the row without its id). */
export type StageScoreRecord = Omit<EvaluationStageScore, 'id'>;

type Subject = Pick<Evaluation, 'id' | 'regionId' | 'status'>;
export type AnswerRow = Pick<
  EvaluationAnswer,
  'criterionId' | 'selfAnswer' | 'evaluatorAnswer' | 'qaAnswer' | 'finalAnswer'
>;

/**
 * Every stage's answer set as the engine scores it: before FINAL the final sheet previews QA-else-evaluator answers;
 * once FINAL it is the final answers frozen at finalisation.
 */
export function scoreAllStages(ruleSet: RuleSet, status: Evaluation['status'], rows: readonly AnswerRow[]) {
  return scoreStages(ruleSet, stageAnswerSets(status, rows));
}

/** Each stage's answer set of an evaluation in `status` (the final sheet as scoreAllStages describes). */
export function stageAnswerSets(
  status: Evaluation['status'],
  rows: readonly AnswerRow[],
): Record<LkeStage, LkeAnswers> {
  const all = rows as EvaluationAnswer[];
  return {
    self: stageAnswers(all, 'self'),
    evaluator: stageAnswers(all, 'evaluator'),
    qa: stageAnswers(all, 'qa'),
    final:
      status === 'FINAL'
        ? stageAnswers(all, 'final')
        : new Map(rows.map((r) => [r.criterionId, finalAnswerOf(r)] as const)),
  };
}

const fixed4 = (f: Fraction | null) => (f ? new Exact(f.toFixedHalfUp(4)) : null);

/** The rows storing one stage's score: TOTAL, then each component, then each sub-component. */
export function recordsOf(ev: Subject, stage: LkeStage, score: EvaluationScore): StageScoreRecord[] {
  const base = { regionId: ev.regionId, evaluationId: ev.id, stage };
  const subsOf = (componentId: string) => score.subComponents.filter((s) => s.componentId === componentId);
  const total: StageScoreRecord = {
    ...base,
    level: 'TOTAL',
    partId: TOTAL_PART,
    componentId: null,
    status: score.status,
    answersGiven: score.subComponents.reduce((n, s) => n + s.answersGiven, 0),
    answersExpected: score.subComponents.reduce((n, s) => n + s.answersExpected, 0),
    valueExact: null,
    scoreExact: score.totalExact?.toString() ?? null,
    score: fixed4(score.totalExact),
    predicate: score.predicate,
  };
  const components = score.components.map((c): StageScoreRecord => {
    const subs = subsOf(c.id);
    const given = subs.reduce((n, s) => n + s.answersGiven, 0);
    const expected = subs.reduce((n, s) => n + s.answersExpected, 0);
    return {
      ...base,
      level: 'COMPONENT',
      partId: c.id,
      componentId: null,
      status: c.exactScore ? 'COMPLETE' : 'INCOMPLETE',
      answersGiven: given,
      answersExpected: expected,
      valueExact: null,
      scoreExact: c.exactScore?.toString() ?? null,
      score: fixed4(c.exactScore),
      predicate: null,
    };
  });
  const subs = score.subComponents.map((s): StageScoreRecord => ({
    ...base,
    level: 'SUB_COMPONENT',
    partId: s.id,
    componentId: s.componentId,
    status: s.exactScore ? 'COMPLETE' : 'INCOMPLETE',
    answersGiven: s.answersGiven,
    answersExpected: s.answersExpected,
    valueExact: s.exactValue?.toString() ?? null,
    scoreExact: s.exactScore?.toString() ?? null,
    score: fixed4(s.exactScore),
    predicate: null,
  }));
  return [total, ...components, ...subs];
}

/** The stored rows every stage of the evaluation should have, from its answers (the engine's recomputation). */
export function expectedRecords(ev: Subject, ruleSet: RuleSet, rows: readonly AnswerRow[]): StageScoreRecord[] {
  const scores = scoreAllStages(ruleSet, ev.status, rows);
  return LKE_STAGES.flatMap((stage) => recordsOf(ev, stage, scores[stage]));
}

/** Rows per INSERT: 12 columns each stays far below SQLite's 32766 and MySQL's 65535 bind limits. */
const CHUNK = 500;

/**
 * Replaces the evaluation's stored stage scores with the engine's result for `rows` (its answers). Call it inside
 * the transaction that wrote the answers (or the status that changes which answers the final sheet reads).
 */
export async function storeStageScores(
  m: EntityManager,
  ev: Subject,
  ruleSet: RuleSet,
  rows: readonly AnswerRow[],
): Promise<void> {
  await m.delete(EvaluationStageScore, { evaluationId: ev.id, regionId: ev.regionId });
  await insertRecords(m, expectedRecords(ev, ruleSet, rows));
}

export async function insertRecords(m: EntityManager, records: readonly StageScoreRecord[]): Promise<void> {
  for (let i = 0; i < records.length; i += CHUNK)
    await m.insert(EvaluationStageScore, records.slice(i, i + CHUNK) as EvaluationStageScore[]);
}

/** One stage's stored result of an evaluation, as the readers (recap, progress, roadmap, score) use it. */
export interface StoredSheet {
  readonly status: 'COMPLETE' | 'INCOMPLETE';
  readonly total: Fraction | null;
  readonly predicate: string | null;
  readonly components: ReadonlyMap<string, Fraction | null>;
  readonly subComponents: ReadonlyMap<string, Fraction | null>;
  /** The stored rows (without `id` and the 4-dp `score`, which only SQL sorts use). */
  readonly rows: readonly StoredRow[];
}

/** The columns the readers take from a stored row. */
const READ_COLUMNS = [
  'evaluationId',
  'stage',
  'level',
  'partId',
  'componentId',
  'status',
  'answersGiven',
  'answersExpected',
  'valueExact',
  'scoreExact',
  'predicate',
] as const;
export type StoredRow = Pick<EvaluationStageScore, (typeof READ_COLUMNS)[number]>;
const SELECT = Object.fromEntries(READ_COLUMNS.map((c) => [c, true])) as Record<(typeof READ_COLUMNS)[number], true>;

const fraction = (text: string | null) => (text === null ? null : Fraction.parseRatio(text));

/** One stage's rows as a result (null without a TOTAL row). */
export function stageResultOf(rows: readonly StoredRow[]): StoredStageResult | null {
  const total = rows.find((r) => r.level === 'TOTAL');
  if (!total) return null;
  const components = new Map<string, Fraction | null>();
  const subComponents = new Map<string, StoredSubComponent>();
  for (const r of rows)
    if (r.level === 'COMPONENT') components.set(r.partId, fraction(r.scoreExact));
    else if (r.level === 'SUB_COMPONENT')
      subComponents.set(r.partId, {
        answersGiven: r.answersGiven,
        answersExpected: r.answersExpected,
        value: fraction(r.valueExact),
        score: fraction(r.scoreExact),
      });
  return {
    status: total.status === 'COMPLETE' ? 'COMPLETE' : 'INCOMPLETE',
    total: fraction(total.scoreExact),
    predicate: total.predicate,
    components,
    subComponents,
  };
}

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** The stored `stage` result of each evaluation (of the region), by evaluation id. */
export async function storedSheets(
  m: EntityManager,
  regionId: string,
  evaluationIds: readonly string[],
  stage: LkeStage,
): Promise<Map<string, StoredSheet>> {
  const out = new Map<string, StoredSheet>();
  if (evaluationIds.length === 0) return out;
  const rows: StoredRow[] = [];
  const ids = [...new Set(evaluationIds)];
  for (let i = 0; i < ids.length; i += CHUNK)
    rows.push(
      ...(await m.find(EvaluationStageScore, {
        select: SELECT,
        where: { regionId, stage, evaluationId: In(ids.slice(i, i + CHUNK)) },
      })),
    );
  for (const [id, list] of groupBy(rows, (r) => r.evaluationId)) {
    const result = stageResultOf(list);
    if (!result) continue;
    out.set(id, {
      ...result,
      subComponents: new Map([...result.subComponents].map(([part, s]) => [part, s.score] as const)),
      rows: list,
    });
  }
  return out;
}

/** Every stage's stored result of one evaluation (a stage without stored rows is absent). */
export async function storedStages(
  m: EntityManager,
  ev: Pick<Evaluation, 'id' | 'regionId'>,
): Promise<Partial<Record<LkeStage, StoredStageResult>>> {
  const rows = await m.find(EvaluationStageScore, {
    select: SELECT,
    where: { evaluationId: ev.id, regionId: ev.regionId },
  });
  const out: Partial<Record<LkeStage, StoredStageResult>> = {};
  for (const [stage, list] of groupBy(rows, (r) => r.stage)) {
    const result = stageResultOf(list);
    if (result && (LKE_STAGES as readonly string[]).includes(stage)) out[stage as LkeStage] = result;
  }
  return out;
}
