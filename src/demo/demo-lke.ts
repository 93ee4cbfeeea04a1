import { answerScaleFor, subComponentsOf, type RuleSet } from '../evaluation/domain/rule-set';

/**
 * Synthetic LKE answer sheets for the demo (pure, deterministic). A sheet is drawn around a quality level
 * (percent of the answer scale) and then made to respect every consistency rule, so the demo evaluations finalise
 * like real ones.
 */

/**
 * Answers (criterion id → answer code) near `level` percent: each criterion draws a value within ±`spread` of the
 * level and takes the scale option closest to it. References of consistency rules are then raised to at least
 * the best answer of the criteria that depend on them.
 */
export function demoAnswers(ruleSet: RuleSet, level: number, random: () => number, spread = 14): Map<string, string> {
  const answers = new Map<string, string>();
  for (const { criterion, options } of criteriaWithOptions(ruleSet)) {
    const wanted = level + (random() * 2 - 1) * spread;
    const closest = options.reduce((best, o) =>
      Math.abs(o.value - wanted) < Math.abs(best.value - wanted) ? o : best,
    );
    answers.set(criterion, closest.code);
  }
  return respectConsistency(ruleSet, answers);
}

/**
 * A sheet one scale step away from `answers` on a `share` of the criteria, moving up with probability
 * 0.5 + `upwardBias` (how a self-assessment differs from the evaluator's sheet, and QA from the evaluator).
 */
export function reviseAnswers(
  ruleSet: RuleSet,
  answers: ReadonlyMap<string, string>,
  random: () => number,
  { share, upwardBias }: { share: number; upwardBias: number },
): Map<string, string> {
  const revised = new Map(answers);
  for (const { criterion, options } of criteriaWithOptions(ruleSet)) {
    if (random() >= share) continue;
    const at = options.findIndex((o) => o.code === answers.get(criterion));
    const step = random() < 0.5 + upwardBias ? 1 : -1;
    revised.set(criterion, options[Math.min(options.length - 1, Math.max(0, at + step))].code);
  }
  return respectConsistency(ruleSet, revised);
}

type Option = { readonly code: string; readonly value: number };

/** Every criterion with its answer options, lowest value first. */
function criteriaWithOptions(ruleSet: RuleSet): { criterion: string; options: Option[] }[] {
  return subComponentsOf(ruleSet).flatMap((sub) =>
    sub.criteria.map((c) => ({
      criterion: c.id,
      options: [...answerScaleFor(ruleSet, sub, c).options].sort((a, b) => a.value - b.value),
    })),
  );
}

/** Raises the reference of every consistency rule to at least the best answer among the criteria depending on it. */
function respectConsistency(ruleSet: RuleSet, answers: Map<string, string>): Map<string, string> {
  const options = new Map(criteriaWithOptions(ruleSet).map((c) => [c.criterion, c.options]));
  const value = (id: string) => options.get(id)!.find((o) => o.code === answers.get(id))!.value;
  for (const rule of ruleSet.consistencyRules) {
    const highest = Math.max(...rule.criteria.map(value));
    if (value(rule.reference) < highest)
      answers.set(rule.reference, options.get(rule.reference)!.find((o) => o.value >= highest)!.code);
  }
  return answers;
}
