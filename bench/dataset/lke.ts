/** LKE answer sheets for the benchmark datasets: plausible, rule-consistent, and scored by the real engine. */
import type { ObjectLiteral } from 'typeorm';
import { criteriaOf, type RuleSet } from '../../src/evaluation/domain/rule-set';
import { LKE_STAGES, scoreStages, type LkeAnswers, type LkeStage } from '../../src/evaluation/domain/scoring';
import { Evaluation, PEMDA_SUBJECT } from '../../src/evaluation/entities/evaluation.entity';
import { applyTotals } from '../../src/evaluation/evaluations.service';
import { recordsOf } from '../../src/evaluation/stage-scores';
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

/**
 * Answers and the FINAL evaluation row: `level` is the index into the scale (0 = AA) around which the final answers
 * fall. Self-assessment is a little optimistic; QA changed about one evaluator answer in ten.
 */
export function finalEvaluation(
  rng: Rng,
  ruleSet: RuleSet,
  snapshotId: string,
  subject: { regionId: string; skpdId: string | null; year: number; level: number },
): AnswerPlan {
  const codes = codesOf(ruleSet);
  const criteria = criteriaOf(ruleSet);
  const at = (i: number) => codes[Math.max(0, Math.min(codes.length - 2, i))]; // never E: a worksheet has evidence
  const final: Sheet = new Map(criteria.map((k) => [k.id, at(Math.round(subject.level + (rng.next() - 0.5) * 2.2))]));
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
  const evaluationId = rng.uuid();
  const stages: Record<LkeStage, LkeAnswers> = { self, evaluator, qa, final };
  const scores = scoreStages(ruleSet, stages);
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
  applyTotals(evaluation as Evaluation, 'official', null, null);
  const rows = criteria.map((k) => ({
    id: rng.uuid(),
    regionId: subject.regionId,
    evaluationId,
    criterionId: k.id,
    selfAnswer: self.get(k.id),
    selfNote: null,
    evaluatorAnswer: evaluator.get(k.id),
    evaluatorNote: null,
    qaAnswer: qa.get(k.id),
    qaNote: null,
    finalAnswer: final.get(k.id),
  }));
  const owner = { id: evaluationId, regionId: subject.regionId, status: 'FINAL' as const };
  const stored = LKE_STAGES.flatMap((stage) => recordsOf(owner, stage, scores[stage])).map((r) => ({
    id: rng.uuid(),
    ...r,
  }));
  return { rows, evaluation, scores: stored };
}
