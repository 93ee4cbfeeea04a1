import { type EntityManager, In } from 'typeorm';
import { Fraction } from './domain/fraction';
import type { RuleSet } from './domain/rule-set';
import { EvaluationAnswer } from './entities/evaluation-answer.entity';
import { EvaluationStageScore } from './entities/evaluation-stage-score.entity';
import { Evaluation } from './entities/evaluation.entity';
import { snapshotOf } from './rule-set-snapshot-store';
import { type AnswerRow, expectedRecords, type StageScoreRecord } from './stage-scores';

/** One stored value that differs from the engine's recomputation from the answers. */
export interface ScoreMismatch {
  readonly evaluationId: string;
  readonly regionId: string;
  readonly year: number;
  /** "final/SUB_COMPONENT/2.b scoreExact", or "final/TOTAL/TOTAL missing", or "evaluation finalTotalExact". */
  readonly what: string;
  readonly stored: string | null;
  readonly recomputed: string | null;
}

export interface VerifyFilter {
  readonly regionId?: string;
  readonly year?: number;
}

export interface VerifyResult {
  evaluations: number;
  rows: number;
  mismatches: ScoreMismatch[];
}

const BATCH = 200;

const keyOf = (r: Pick<StageScoreRecord, 'stage' | 'level' | 'partId'>) => `${r.stage}/${r.level}/${r.partId}`;

/** Exact comparison: fractions by value, everything else as text. */
const FIELDS: readonly (keyof StageScoreRecord)[] = [
  'componentId',
  'status',
  'answersGiven',
  'answersExpected',
  'valueExact',
  'scoreExact',
  'score',
  'predicate',
];
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const same = (field: keyof StageScoreRecord, a: unknown, b: unknown): boolean => {
  if (a === null || a === undefined || b === null || b === undefined) return text(a) === text(b);
  if (field === 'valueExact' || field === 'scoreExact')
    return Fraction.parseRatio(String(a)).eq(Fraction.parseRatio(String(b)));
  if (field === 'score') return Fraction.parse(text(a)!).eq(Fraction.parse(text(b)!));
  return text(a) === text(b);
};

/** Compares one evaluation's stored rows with the engine's recomputation. */
export function compareStored(
  ev: Pick<Evaluation, 'id' | 'regionId' | 'year' | 'status' | 'finalTotalExact' | 'finalPredicate'>,
  ruleSet: RuleSet,
  answers: readonly AnswerRow[],
  stored: readonly EvaluationStageScore[],
): ScoreMismatch[] {
  const out: ScoreMismatch[] = [];
  const at = { evaluationId: ev.id, regionId: ev.regionId, year: ev.year };
  const expected = expectedRecords(ev, ruleSet, answers);
  const byKey = new Map(stored.map((r) => [keyOf(r), r]));
  for (const want of expected) {
    const key = keyOf(want);
    const have = byKey.get(key);
    byKey.delete(key);
    if (!have) {
      out.push({ ...at, what: `${key} missing`, stored: null, recomputed: want.scoreExact });
      continue;
    }
    for (const f of FIELDS)
      if (!same(f, have[f], want[f]))
        out.push({ ...at, what: `${key} ${f}`, stored: text(have[f]), recomputed: text(want[f]) });
  }
  for (const [key, extra] of byKey)
    out.push({ ...at, what: `${key} unexpected`, stored: extra.scoreExact, recomputed: null });
  if (ev.status === 'FINAL') {
    const total = expected.find((r) => r.stage === 'final' && r.level === 'TOTAL')!;
    if (!same('scoreExact', ev.finalTotalExact, total.scoreExact))
      out.push({ ...at, what: 'evaluation finalTotalExact', stored: ev.finalTotalExact, recomputed: total.scoreExact });
    if (ev.finalPredicate !== total.predicate)
      out.push({ ...at, what: 'evaluation finalPredicate', stored: ev.finalPredicate, recomputed: total.predicate });
  }
  return out;
}

/**
 * Recomputes every stored stage score (all revisions) from the answers with the engine and lists each difference.
 * Reads evaluations in id order, BATCH at a time, so memory stays flat at national scale.
 */
export async function verifyStoredScores(
  m: EntityManager,
  filter: VerifyFilter,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<VerifyResult> {
  const base = () => {
    const qb = m.createQueryBuilder(Evaluation, 'e');
    if (filter.regionId) qb.andWhere('e.regionId = :regionId', { regionId: filter.regionId });
    if (filter.year) qb.andWhere('e.year = :year', { year: filter.year });
    return qb;
  };
  const total = await base().getCount();
  const result: VerifyResult = { evaluations: 0, rows: 0, mismatches: [] };
  onProgress(0, total);
  let after = '';
  for (;;) {
    const evs = await base()
      .select([
        'e.id',
        'e.regionId',
        'e.year',
        'e.status',
        'e.ruleSetSnapshotId',
        'e.finalTotalExact',
        'e.finalPredicate',
      ])
      .andWhere('e.id > :after', { after })
      .orderBy('e.id', 'ASC')
      .take(BATCH)
      .getMany();
    if (evs.length === 0) break;
    after = evs[evs.length - 1].id;
    const ids = evs.map((e) => e.id);
    const [answers, stored] = await Promise.all([
      m.find(EvaluationAnswer, {
        select: {
          evaluationId: true,
          criterionId: true,
          selfAnswer: true,
          evaluatorAnswer: true,
          qaAnswer: true,
          finalAnswer: true,
        },
        where: { evaluationId: In(ids) },
      }),
      m.find(EvaluationStageScore, { where: { evaluationId: In(ids) } }),
    ]);
    const group = <T extends { evaluationId: string }>(rows: T[]) => {
      const map = new Map<string, T[]>();
      for (const r of rows) {
        const list = map.get(r.evaluationId);
        if (list) list.push(r);
        else map.set(r.evaluationId, [r]);
      }
      return map;
    };
    const answersOf = group(answers);
    const storedOf = group(stored);
    for (const ev of evs)
      result.mismatches.push(
        ...compareStored(ev, await snapshotOf(m, ev), answersOf.get(ev.id) ?? [], storedOf.get(ev.id) ?? []),
      );
    result.evaluations += evs.length;
    result.rows += stored.length;
    onProgress(result.evaluations, total);
  }
  return result;
}
