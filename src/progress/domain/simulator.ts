import { Fraction } from '../../evaluation/domain/fraction';
import { type ConsistencyViolation } from '../../evaluation/domain/consistency';
import {
  answerScaleFor,
  type AnswerScale,
  type Band,
  type RuleSet,
  type SubComponent,
} from '../../evaluation/domain/rule-set';
import { type LkeAnswers, scoreEvaluation } from '../../evaluation/domain/scoring';
import { nextBandAbove } from './gap';

/**
 * Next-predicate simulator (issue 10): what is the smallest set of one-step answer improvements that lifts an LKE
 * worksheet into the next predicate band?
 *
 * Every total comes from the scoring engine (`scoreEvaluation`): the gain of raising a criterion by j scale steps is the
 * engine's total with that change minus the engine's current total, so the simulator is right for every aggregation
 * mode and weight the engine supports. A step moves one answer to the next higher value of its own scale, never past
 * the scale's maximum. The fewest steps are found exactly (a small knapsack over "steps per criterion"); among plans
 * with that many steps the one gaining the most points wins. Steps are listed by points gained, largest first.
 */

export interface PlanStep {
  /** Criterion id (the sub-component id in SUBCOMPONENT_GRADE mode). */
  readonly criterionId: string;
  readonly subComponentId: string;
  readonly componentId: string;
  readonly from: string;
  readonly to: string;
  /** Exact points this step adds to the total. */
  readonly gain: Fraction;
}

export interface NextPredicatePlan {
  readonly total: Fraction;
  readonly predicate: string;
  /** The next band up; null at the top band (then the plan is empty). */
  readonly nextPredicate: string | null;
  /** The next band's exclusive lower bound minus the total: the total must rise by more than this. */
  readonly pointsMissing: Fraction | null;
  /** False only when even every answer at its scale maximum stays below the next band. */
  readonly reachable: boolean;
  readonly steps: readonly PlanStep[];
  /** Total and predicate after every step, as scored by the engine. */
  readonly totalAfter: Fraction;
  readonly predicateAfter: string;
  /** Unanswered slots, simulated at their scale's lowest value. */
  readonly assumedLowest: readonly string[];
  /** Consistency-rule findings the improved worksheet would have (the evaluator checks these anyway). */
  readonly violationsAfter: readonly ConsistencyViolation[];
}

interface Slot {
  readonly id: string;
  readonly sub: SubComponent;
  readonly componentId: string;
  /** Scale option codes in ascending value order, one per distinct value. */
  readonly ladder: readonly string[];
  /** Index of the current answer on the ladder. */
  readonly at: number;
}

/** Distinct values of a scale in ascending order (the first code of each value); a step goes to the next one. */
function ladderOf(scale: AnswerScale): string[] {
  const sorted = [...scale.options].sort((a, b) => a.value - b.value);
  return sorted.filter((o, i) => i === 0 || o.value !== sorted[i - 1].value).map((o) => o.code);
}

function slotsOf(ruleSet: RuleSet, answers: LkeAnswers): { slots: Slot[]; assumedLowest: string[] } {
  const gradeMode = ruleSet.aggregationMode === 'SUBCOMPONENT_GRADE';
  const slots: Slot[] = [];
  const assumedLowest: string[] = [];
  for (const c of ruleSet.components)
    for (const sub of c.subComponents) {
      const items = gradeMode
        ? [{ id: sub.id, scale: answerScaleFor(ruleSet, sub) }]
        : sub.criteria.map((k) => ({ id: k.id, scale: answerScaleFor(ruleSet, sub, k) }));
      for (const { id, scale } of items) {
        const ladder = ladderOf(scale);
        const code = answers.get(id) ?? null;
        const value = code === null ? undefined : scale.options.find((o) => o.code === code)?.value;
        if (value === undefined) assumedLowest.push(id);
        const at =
          value === undefined ? 0 : ladder.findIndex((l) => scale.options.find((o) => o.code === l)!.value === value);
        slots.push({ id, sub, componentId: c.id, ladder, at });
      }
    }
  return { slots, assumedLowest };
}

/** The engine's exact total; the answer set is always complete here. */
function totalOf(
  ruleSet: RuleSet,
  answers: LkeAnswers,
): { total: Fraction; predicate: string; violations: readonly ConsistencyViolation[] } {
  const score = scoreEvaluation(ruleSet, answers);
  if (score.status !== 'COMPLETE' || !score.totalExact || !score.predicate)
    throw new Error('simulator: incomplete answer set');
  return { total: score.totalExact, predicate: score.predicate, violations: score.violations };
}

/** True when a total lies in `band` or above, on the rule set's predicate basis. */
function reaches(ruleSet: RuleSet, total: Fraction, band: Band): boolean {
  if (band.above === null) return true;
  const decided = ruleSet.predicateBasis === 'ROUNDED_2DP' ? Fraction.parse(total.toFixedHalfUp(2)) : total;
  return decided.cmp(Fraction.parse(band.above)) > 0;
}

const minus = (a: Fraction, b: Fraction): Fraction => a.plus(b.times(Fraction.of(-1)));

/** Steps the greedy plan (largest next marginal gain first) needs to reach the band: an upper bound; null if never. */
function greedySteps(gains: readonly Fraction[][], enough: (gain: Fraction) => boolean): number | null {
  const taken = gains.map(() => 0);
  let total = Fraction.ZERO;
  for (let steps = 0; ; steps++) {
    if (enough(total)) return steps;
    let bestI = -1;
    let bestGain = Fraction.ZERO;
    gains.forEach((g, i) => {
      const j = taken[i];
      if (j >= g.length) return;
      const marginal = j === 0 ? g[0] : minus(g[j], g[j - 1]);
      if (bestI < 0 || marginal.cmp(bestGain) > 0) [bestI, bestGain] = [i, marginal];
    });
    if (bestI < 0) return null;
    taken[bestI]++;
    total = total.plus(bestGain);
  }
}

/**
 * Smallest step count whose best gain reaches the band: a knapsack over (slot, steps taken on it) with the capacity
 * counted in steps, bounded by the greedy plan's length. Exact for any scale, concave or not.
 */
function fewestSteps(gains: readonly Fraction[][], enough: (gain: Fraction) => boolean): number[] | null {
  const capacity = greedySteps(gains, enough);
  if (capacity === null) return null;
  // best[c] = highest gain with at most c steps over the slots seen so far; pick[i][c] = steps taken on slot i.
  let best: Fraction[] = new Array<Fraction>(capacity + 1).fill(Fraction.ZERO);
  const pick: number[][] = [];
  for (const g of gains) {
    const next = [...best];
    const choice = new Array<number>(capacity + 1).fill(0);
    for (let c = 1; c <= capacity; c++)
      for (let j = 1; j <= g.length && j <= c; j++) {
        const candidate = best[c - j].plus(g[j - 1]);
        if (candidate.cmp(next[c]) > 0) {
          next[c] = candidate;
          choice[c] = j;
        }
      }
    pick.push(choice);
    best = next;
  }
  const steps = best.findIndex((b) => enough(b)); // ≤ capacity: the greedy plan is one of the candidates
  const taken = new Array<number>(gains.length).fill(0);
  for (let i = gains.length - 1, c = steps; i >= 0; i--) {
    taken[i] = pick[i][c];
    c -= taken[i];
  }
  return taken;
}

/**
 * The plan for one worksheet. `answers` maps criterion ids (sub-component ids in SUBCOMPONENT_GRADE mode) to codes;
 * unanswered slots are simulated at their scale's lowest value and listed in `assumedLowest`.
 */
export function planNextPredicate(ruleSet: RuleSet, answers: LkeAnswers): NextPredicatePlan {
  const { slots, assumedLowest } = slotsOf(ruleSet, answers);
  const current = new Map(slots.map((s) => [s.id, s.ladder[s.at]]));
  const now = totalOf(ruleSet, current);
  const next = nextBandAbove(ruleSet.bands, now.predicate);
  const done = (reachable: boolean, steps: PlanStep[], after = now) => ({
    total: now.total,
    predicate: now.predicate,
    nextPredicate: next?.predicate ?? null,
    pointsMissing: next?.above ? minus(Fraction.parse(next.above), now.total) : null,
    reachable,
    steps,
    totalAfter: after.total,
    predicateAfter: after.predicate,
    assumedLowest,
    violationsAfter: after.violations,
  });
  if (!next) return done(true, []);

  // gains[i][j-1]: engine total with slot i raised j steps, minus the current total.
  const gains = slots.map((s) =>
    s.ladder
      .slice(s.at + 1)
      .map((code) => minus(totalOf(ruleSet, new Map([...current, [s.id, code]])).total, now.total)),
  );
  const taken = fewestSteps(gains, (gain) => reaches(ruleSet, now.total.plus(gain), next));
  if (!taken) return done(false, []);

  const steps: PlanStep[] = [];
  slots.forEach((s, i) => {
    for (let j = 1; j <= taken[i]; j++) {
      const gain = j === 1 ? gains[i][0] : minus(gains[i][j - 1], gains[i][j - 2]);
      steps.push({
        criterionId: s.id,
        subComponentId: s.sub.id,
        componentId: s.componentId,
        from: s.ladder[s.at + j - 1],
        to: s.ladder[s.at + j],
        gain,
      });
    }
  });
  const after = totalOf(ruleSet, new Map([...current, ...steps.map((p) => [p.criterionId, p.to] as const)]));
  // The engine scores the improved worksheet; it must agree with the knapsack.
  if (!reaches(ruleSet, after.total, next)) throw new Error('simulator: the plan does not reach the next band');
  return done(true, orderByGain(steps), after);
}

/**
 * Largest gain first (ties in worksheet order). Where one criterion takes several steps, its steps keep their scale
 * order (B→BB before BB→A) in the positions its steps occupy.
 */
function orderByGain(steps: readonly PlanStep[]): PlanStep[] {
  const ordered = steps.map((s, i) => ({ s, i })).sort((a, b) => b.s.gain.cmp(a.s.gain) || a.i - b.i);
  const byCriterion = new Map<string, PlanStep[]>();
  for (const s of steps) byCriterion.set(s.criterionId, [...(byCriterion.get(s.criterionId) ?? []), s]);
  const used = new Map<string, number>();
  return ordered.map(({ s }) => {
    const k = used.get(s.criterionId) ?? 0;
    used.set(s.criterionId, k + 1);
    return byCriterion.get(s.criterionId)![k];
  });
}
