/** LKE answer sheets for the benchmark datasets: plausible, rule-consistent, and scored by the real engine. */
import type { ObjectLiteral } from 'typeorm';
import { criteriaOf, type RuleSet } from '../../src/evaluation/domain/rule-set';
import { LKE_STAGES, scoreStages, type LkeAnswers, type LkeStage } from '../../src/evaluation/domain/scoring';
import { Evaluation, PEMDA_SUBJECT } from '../../src/evaluation/entities/evaluation.entity';
import { applyTotals } from '../../src/evaluation/evaluations.service';
import { recordsOf, type StageScoreRecord } from '../../src/evaluation/stage-scores';
import { Rng } from '../prng';
import { isoDate } from './shared';

// LKE answers: a sheet around a quality level, consistent with the rule set's "kerangka logis" rules.

type Sheet = Map<string, string>;

interface AnswerPlan {
  rows: ObjectLiteral[];
  evaluation: ObjectLiteral;
  /** The stored stage scores (evaluation_stage_scores), as the answer writes store them. */
  scores: ObjectLiteral[];
}

/** Codes of the default scale, best first (AA, A, BB, …). */
const codesOf = (ruleSet: RuleSet): string[] =>
  [...(ruleSet.answerScales.find((s) => s.id === ruleSet.defaultAnswerScale)?.options ?? [])]
    .sort((a, b) => b.value - a.value)
    .map((o) => o.code);

/** Lowers any answer that scores above the criterion it depends on (notAbove rules), so finalisation would pass. */
function respectRules(ruleSet: RuleSet, codes: string[], sheet: Sheet): void {
  const rank = (id: string) => codes.indexOf(sheet.get(id) as string);
  for (const rule of ruleSet.consistencyRules)
    for (const id of rule.criteria)
      if (sheet.has(id) && sheet.has(rule.reference) && rank(id) < rank(rule.reference))
        sheet.set(id, sheet.get(rule.reference) as string);
}

/** One scored answer sheet: every stage's answers and the engine's scores of them. */
export interface LkeSheet {
  stages: Record<LkeStage, ReadonlyMap<string, string | null>>;
  scores: ReturnType<typeof scoreStages>;
  /** Its stored stage-score rows for a placeholder evaluation, made once (evaluationRows fills in the ids). */
  records?: StageScoreRecord[];
}

/**
 * Answers of every stage around `level` (the index into the scale, 0 = AA, around which the final answers fall),
 * scored by the real engine. Self-assessment is a little optimistic; QA changed about one evaluator answer in ten.
 */
export function lkeSheet(rng: Rng, ruleSet: RuleSet, level: number): LkeSheet {
  const codes = codesOf(ruleSet);
  const criteria = criteriaOf(ruleSet);
  const at = (i: number) => codes[Math.max(0, Math.min(codes.length - 2, i))]; // never E: a worksheet has evidence
  const final: Sheet = new Map(criteria.map((k) => [k.id, at(Math.round(level + (rng.next() - 0.5) * 2.2))]));
  respectRules(ruleSet, codes, final);
  const self: Sheet = new Map(
    [...final].map(([id, code]) => [id, rng.chance(0.35) ? at(codes.indexOf(code) - 1) : code]),
  );
  const qa: Map<string, string | null> = new Map();
  const evaluator: Sheet = new Map();
  for (const [id, code] of final) {
    const changed = rng.chance(0.1);
    qa.set(id, changed ? code : null);
    evaluator.set(id, changed ? at(codes.indexOf(code) + (rng.chance(0.5) ? 1 : -1)) : code);
  }
  const stages: Record<LkeStage, LkeAnswers> = { self, evaluator, qa, final };
  return { stages: stages as LkeSheet['stages'], scores: scoreStages(ruleSet, stages) };
}

/**
 * The FINAL evaluation row, its answer rows and its stored stage scores for a scored sheet (the sheet may be shared
 * by many evaluations: only ids differ). `officialToo` also sets the official totals (a Pemda's published result).
 */
export function evaluationRows(
  rng: Rng,
  ruleSet: RuleSet,
  snapshotId: string,
  subject: { regionId: string; skpdId: string | null; year: number },
  sheet: LkeSheet,
  officialToo = false,
): AnswerPlan {
  const { stages, scores } = sheet;
  const evaluationId = rng.uuid();
  const evaluation: ObjectLiteral = {
    id: evaluationId,
    regionId: subject.regionId,
    skpdId: subject.skpdId,
    subjectKey: subject.skpdId ?? PEMDA_SUBJECT,
    year: subject.year,
    kind: subject.skpdId ? 'SKPD' : 'PEMDA',
    ruleSetCode: ruleSet.code,
    ruleSetVersion: ruleSet.version,
    ruleSetSnapshotId: snapshotId,
    status: 'FINAL',
    revision: 1,
    previousId: null,
    supersededAt: null,
    reopenReason: null,
    selfDeadline: isoDate(subject.year + 1, 2, 15),
    evaluationDeadline: isoDate(subject.year + 1, 3, 15),
    qaDeadline: isoDate(subject.year + 1, 3, 31),
    finalizedAt: isoDate(subject.year + 1, 3, 30),
    finalizedBy: null,
    createdBy: null,
  };
  for (const stage of LKE_STAGES)
    applyTotals(evaluation as Evaluation, stage, scores[stage].totalExact, scores[stage].predicate);
  applyTotals(
    evaluation as Evaluation,
    'official',
    officialToo ? scores.final.totalExact : null,
    officialToo ? scores.final.predicate : null,
  );
  const rows = criteriaOf(ruleSet).map((k) => ({
    id: rng.uuid(),
    regionId: subject.regionId,
    evaluationId,
    criterionId: k.id,
    selfAnswer: stages.self.get(k.id),
    selfNote: null,
    evaluatorAnswer: stages.evaluator.get(k.id),
    evaluatorNote: null,
    qaAnswer: stages.qa.get(k.id),
    qaNote: null,
    finalAnswer: stages.final.get(k.id),
  }));
  const owner = { id: '', regionId: '', status: 'FINAL' as const };
  sheet.records ??= LKE_STAGES.flatMap((stage) => recordsOf(owner, stage, scores[stage]));
  const stored = sheet.records.map((r) => ({ id: rng.uuid(), ...r, regionId: subject.regionId, evaluationId }));
  return { rows, evaluation, scores: stored };
}

/** A fresh sheet around `level` and its FINAL evaluation (see lkeSheet and evaluationRows). */
export function finalEvaluation(
  rng: Rng,
  ruleSet: RuleSet,
  snapshotId: string,
  subject: { regionId: string; skpdId: string | null; year: number; level: number },
): AnswerPlan {
  return evaluationRows(rng, ruleSet, snapshotId, subject, lkeSheet(rng, ruleSet, subject.level));
}
