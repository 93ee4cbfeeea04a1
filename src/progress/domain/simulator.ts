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
 * the scale's maximum. The plan must be finalisable: the improved worksheet breaks no ERROR consistency rule of the
 * rule set (a criterion never above its reference), and ERROR violations the worksheet already has are cleared by
 * raising the reference. The fewest steps are found exactly (a knapsack over "steps per criterion", solved per tree of
 * ERROR rules); among plans with that many steps the one gaining the most points wins. Steps are listed by points
 * gained, largest first.
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
  /** Consistency-rule findings the improved worksheet would have: WARNINGs only (the evaluator checks these anyway). */
  readonly violationsAfter: readonly ConsistencyViolation[];
  /** ERROR violations of the worksheet as it is, which the plan's steps clear (by raising the reference criterion). */
  readonly violationsCleared: readonly ConsistencyViolation[];
}

interface Slot {
  readonly id: string;
  readonly sub: SubComponent;
  readonly componentId: string;
  /** Scale option codes in ascending value order, one per distinct value. */
  readonly ladder: readonly string[];
  /** Scale value of each ladder code. */
  readonly values: readonly number[];
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
        const values = ladder.map((l) => scale.options.find((o) => o.code === l)!.value);
        slots.push({ id, sub, componentId: c.id, ladder, values, at });
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

/** The steps taken on some slots: a tree, so that joining two partial plans costs nothing. */
type Picks = { readonly slot: number; readonly steps: number } | { readonly a: Picks; readonly b: Picks } | null;
interface Entry {
  readonly gain: Fraction;
  readonly picks: Picks;
}
/** The best partial plan for each exact number of steps 0..capacity; null where no plan has that many steps. */
type Curve = (Entry | null)[];

const better = (x: Entry | null, y: Entry | null): Entry | null => (!x ? y : !y || y.gain.cmp(x.gain) <= 0 ? x : y);

/** Best combination of two independent partial plans, for each total step count up to `capacity`. */
function join(x: Curve, y: Curve, capacity: number): Curve {
  const out: Curve = new Array<Entry | null>(capacity + 1).fill(null);
  const ys = y.flatMap((e, k) => (e ? [[k, e] as const] : []));
  // Most steps in `x` first: on equal gain the earlier slots keep their steps (worksheet order).
  for (let i = x.length - 1; i >= 0; i--) {
    const ex = x[i];
    if (!ex) continue;
    for (const [k, ey] of ys) {
      if (i + k > capacity) break;
      out[i + k] = better(out[i + k], { gain: ex.gain.plus(ey.gain), picks: { a: ex.picks, b: ey.picks } });
    }
  }
  return out;
}

/** Pointwise best of several curves. */
const bestOf = (curves: readonly Curve[], capacity: number): Curve =>
  Array.from({ length: capacity + 1 }, (_, c) => curves.reduce<Entry | null>((b, cv) => better(b, cv[c]), null));

/**
 * ERROR "not above" rules as a forest over slots: parent = the reference a slot may not exceed. Null when a slot has
 * two references or the rules form a cycle (then the plan cannot be searched this way).
 */
function errorForest(ruleSet: RuleSet, slots: readonly Slot[]): Map<number, number[]> | null {
  const index = new Map(slots.map((s, i) => [s.id, i]));
  const parent = new Map<number, number>();
  for (const rule of ruleSet.consistencyRules) {
    if (rule.severity !== 'ERROR') continue;
    const ref = index.get(rule.reference);
    if (ref === undefined) continue;
    for (const id of rule.criteria) {
      const child = index.get(id);
      if (child === undefined) continue;
      if (parent.has(child) && parent.get(child) !== ref) return null;
      parent.set(child, ref);
    }
  }
  for (const start of parent.keys()) {
    const seen = new Set<number>();
    for (let v: number | undefined = start; v !== undefined; v = parent.get(v)) {
      if (seen.has(v)) return null;
      seen.add(v);
    }
  }
  const children = new Map<number, number[]>(slots.map((_, i) => [i, []]));
  for (const [child, ref] of parent) children.get(ref)!.push(child);
  return children;
}

/**
 * The best plan for each step count up to `capacity` that respects every ERROR rule: each tree of rules is solved by
 * trying every level of its root (a child may then rise at most to its reference's value), trees are independent.
 */
function constrainedCurve(
  slots: readonly Slot[],
  gains: readonly Fraction[][],
  children: ReadonlyMap<number, readonly number[]>,
  capacity: number,
): Curve {
  const isChild = new Set([...children.values()].flat());
  const levelCurves = new Map<string, Curve>();
  /** Slot i raised exactly j steps, with its subtree at its best within that value. */
  const atLevel = (i: number, j: number): Curve => {
    const key = `${i}:${j}`;
    const known = levelCurves.get(key);
    if (known) return known;
    let curve: Curve = new Array<Entry | null>(capacity + 1).fill(null);
    if (j <= capacity) curve[j] = { gain: j === 0 ? Fraction.ZERO : gains[i][j - 1], picks: { slot: i, steps: j } };
    for (const child of children.get(i) ?? [])
      curve = join(curve, upTo(child, slots[i].values[slots[i].at + j]), capacity);
    levelCurves.set(key, curve);
    return curve;
  };
  /** Slot i at any level whose value is at most `max` (none if it is already above: it never goes down). */
  const upTo = (i: number, max: number): Curve => {
    const levels = gains[i].length + 1;
    const allowed = Array.from({ length: levels }, (_, j) => j).filter((j) => slots[i].values[slots[i].at + j] <= max);
    return bestOf(
      allowed.map((j) => atLevel(i, j)),
      capacity,
    );
  };
  let total: Curve = [{ gain: Fraction.ZERO, picks: null }, ...new Array<Entry | null>(capacity).fill(null)];
  slots.forEach((_, i) => {
    if (!isChild.has(i)) total = join(total, upTo(i, Infinity), capacity);
  });
  return total;
}

/** The steps a plan takes on each slot. */
function stepsPerSlot(picks: Picks, slotCount: number): number[] {
  const taken = new Array<number>(slotCount).fill(0);
  const pending: Picks[] = [picks];
  while (pending.length) {
    const p = pending.pop()!;
    if (p === null) continue;
    if ('slot' in p) taken[p.slot] = p.steps;
    else pending.push(p.a, p.b);
  }
  return taken;
}

/**
 * Steps per slot of the plan with the fewest steps whose gain satisfies `enough` and that breaks no ERROR rule; among
 * those, the largest gain. Null when no plan does. The search grows its step budget from the unconstrained greedy
 * plan's length; within a budget it is exact.
 */
function fewestSteps(
  slots: readonly Slot[],
  gains: readonly Fraction[][],
  children: ReadonlyMap<number, readonly number[]>,
  enough: (gain: Fraction) => boolean,
): number[] | null {
  const most = gains.reduce((n, g) => n + g.length, 0);
  for (
    let capacity = Math.min(greedySteps(gains, enough) ?? most, most);
    ;
    capacity = Math.min(most, Math.max(1, capacity * 2))
  ) {
    const found = constrainedCurve(slots, gains, children, capacity).find((e) => e !== null && enough(e.gain));
    if (found) return stepsPerSlot(found.picks, slots.length);
    if (capacity >= most) return null;
  }
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
    violationsCleared: steps.length ? now.violations.filter((v) => v.severity === 'ERROR') : [],
  });
  const forest = errorForest(ruleSet, slots);
  if (!forest) throw new Error('simulator: the ERROR consistency rules must form a forest');

  // gains[i][j-1]: engine total with slot i raised j steps, minus the current total.
  const gains = slots.map((s) =>
    s.ladder
      .slice(s.at + 1)
      .map((code) => minus(totalOf(ruleSet, new Map([...current, [s.id, code]])).total, now.total)),
  );
  // At the top band the plan only clears the worksheet's ERROR violations.
  const taken = fewestSteps(slots, gains, forest, (gain) => !next || reaches(ruleSet, now.total.plus(gain), next));
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
  if ((next && !reaches(ruleSet, after.total, next)) || after.violations.some((v) => v.severity === 'ERROR'))
    throw new Error('simulator: the plan does not reach the next band or breaks an ERROR rule');
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
