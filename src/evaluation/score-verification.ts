import type { EntityManager } from 'typeorm';
import { Fraction } from './domain/fraction';
import type { RuleSet } from './domain/rule-set';
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

/** Evaluations per round trip: ~80 answers and ~68 stored rows each. */
const BATCH = 250;

const keyOf = (r: Pick<StageScoreRecord, 'stage' | 'level' | 'partId'>) => `${r.stage}/${r.level}/${r.partId}`;

/** A stored row as an entity or as a plain SELECT returns it (score: Decimal, '72.1900' or 72.19). */
export type StoredScoreRow = Omit<StageScoreRecord, 'score' | 'regionId'> & { score: unknown };

/** Exact comparison: fractions by value, everything else as text. */
const FIELDS: readonly (keyof StoredScoreRow & keyof StageScoreRecord)[] = [
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
const trimmed = (v: string | null) => (v?.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v);
const same = (field: keyof StageScoreRecord, a: unknown, b: unknown): boolean => {
  // The common case: fractions are stored reduced, so equal text is equal value; scores differ only by trailing zeros.
  if (text(a) === text(b) || (field === 'score' && trimmed(text(a)) === trimmed(text(b)))) return true;
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
  stored: readonly StoredScoreRow[],
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

type EvaluationRow = Pick<
  Evaluation,
  'id' | 'regionId' | 'year' | 'status' | 'ruleSetSnapshotId' | 'finalTotalExact' | 'finalPredicate'
>;

interface Chunk {
  evs: EvaluationRow[];
  answers: Map<string, (AnswerRow & { evaluationId: string })[]>;
  stored: Map<string, StoredScoreRow[]>;
  rows: number;
}

const inList = (n: number) => Array.from({ length: n }, () => '?').join(', ');

function group<T extends { evaluationId: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const list = map.get(r.evaluationId);
    if (list) list.push(r);
    else map.set(r.evaluationId, [r]);
  }
  return map;
}

/**
 * Recomputes every stored stage score (all revisions) from the answers with the engine and lists each difference.
 * Reads evaluations in id order, BATCH at a time with plain SELECTs (no entities), the next chunk's rows arriving
 * while the engine scores the current one; memory stays flat at national scale.
 */
export async function verifyStoredScores(
  m: EntityManager,
  filter: VerifyFilter,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<VerifyResult> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.regionId) {
    where.push('regionId = ?');
    params.push(filter.regionId);
  }
  if (filter.year) {
    where.push('year = ?');
    params.push(filter.year);
  }
  const total = Number(
    (
      (await m.query(
        `SELECT COUNT(*) AS n FROM evaluations${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`,
        params,
      )) as { n: number | string }[]
    )[0].n,
  );
  const result: VerifyResult = { evaluations: 0, rows: 0, mismatches: [] };
  onProgress(0, total);

  const read = async (after: string): Promise<Chunk | null> => {
    const evs = (await m.query(
      `SELECT id, regionId, year, status, ruleSetSnapshotId, finalTotalExact, finalPredicate FROM evaluations
       WHERE ${[...where, 'id > ?'].join(' AND ')} ORDER BY id LIMIT ${BATCH}`,
      [...params, after],
    )) as EvaluationRow[];
    if (evs.length === 0) return null;
    const ids = evs.map((e) => e.id);
    const [answers, stored] = await Promise.all([
      m.query(
        `SELECT evaluationId, criterionId, selfAnswer, evaluatorAnswer, qaAnswer, finalAnswer FROM evaluation_answers
         WHERE evaluationId IN (${inList(ids.length)})`,
        ids,
      ) as Promise<(AnswerRow & { evaluationId: string })[]>,
      m.query(
        `SELECT evaluationId, stage, level, partId, componentId, status, answersGiven, answersExpected,
                valueExact, scoreExact, score, predicate
         FROM evaluation_stage_scores WHERE evaluationId IN (${inList(ids.length)})`,
        ids,
      ) as Promise<StoredScoreRow[]>,
    ]);
    return { evs, answers: group(answers), stored: group(stored), rows: stored.length };
  };

  let next = read('');
  for (;;) {
    const chunk = await next;
    if (!chunk) break;
    next = read(chunk.evs[chunk.evs.length - 1].id);
    next.catch(() => undefined); // awaited on the next turn; this only keeps it from counting as unhandled meanwhile
    for (const ev of chunk.evs)
      result.mismatches.push(
        ...compareStored(
          { ...ev, year: Number(ev.year) },
          await snapshotOf(m, ev),
          chunk.answers.get(ev.id) ?? [],
          chunk.stored.get(ev.id) ?? [],
        ),
      );
    result.evaluations += chunk.evs.length;
    result.rows += chunk.rows;
    onProgress(result.evaluations, total);
  }
  return result;
}
