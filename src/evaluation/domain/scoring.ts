import Decimal from 'decimal.js';
import { Exact } from '../../common/decimal/exact';
import { FieldError } from '../../common/errors/domain-error';
import { checkConsistency, ConsistencyViolation } from './consistency';
import { Fraction } from './fraction';
import { InvalidAnswerError } from './lke.errors';
import { bandFor } from './predicate';
import {
  AggregationMode,
  answerScaleFor,
  AnswerScale,
  Predicate,
  PredicateBasis,
  RuleSet,
  SubComponent,
} from './rule-set';

/**
 * Scores an LKE worksheet (domain reference §6.3, §7.4):
 *   sub-component value v̄ (percent) = mean of its criterion values (CRITERION_MEAN, LEGACY_YT_ABCDE)
 *                                     or the value of its single grade (SUBCOMPONENT_GRADE);
 *   sub-component score s = v̄ / 100 × w;  component score = Σ s;  total = Σ component scores.
 * Everything is computed as exact fractions; Decimals are derived once, at the end. The predicate is decided on
 * the exact total (or on the 2-dp total when the rule set says ROUNDED_2DP); rounding is for display only.
 */

/** Criterion id (or sub-component id in SUBCOMPONENT_GRADE mode) → answer code; null or absent = unanswered. */
export type LkeAnswers = ReadonlyMap<string, string | null | undefined>;

export type ScoreStatus = 'COMPLETE' | 'INCOMPLETE';

export interface CriterionScore {
  readonly id: string;
  readonly subComponentId: string;
  readonly answer: string | null;
  /** Percent 0..100 from the answer scale; null when unanswered. */
  readonly value: Decimal | null;
}

export interface SubComponentScore {
  readonly id: string;
  readonly componentId: string;
  readonly weight: Decimal;
  /** Number of answers this sub-component needs (its criteria, or 1 in SUBCOMPONENT_GRADE mode). */
  readonly answersExpected: number;
  readonly answersGiven: number;
  /** v̄ in percent; null until every answer is given. */
  readonly value: Decimal | null;
  readonly exactValue: Fraction | null;
  readonly score: Decimal | null;
  readonly exactScore: Fraction | null;
}

export interface ComponentScore {
  readonly id: string;
  readonly weight: Decimal;
  readonly score: Decimal | null;
  readonly exactScore: Fraction | null;
}

export interface ScoreWarning {
  readonly code: 'ROUNDING_CHANGES_PREDICATE';
  /** Indonesian, for the evaluator. */
  readonly message: string;
  readonly exactPredicate: Predicate;
  readonly roundedPredicate: Predicate;
}

export interface EvaluationScore {
  readonly ruleSet: { readonly code: string; readonly version: number };
  readonly mode: AggregationMode;
  readonly predicateBasis: PredicateBasis;
  readonly status: ScoreStatus;
  /** Unanswered criterion ids (sub-component ids in SUBCOMPONENT_GRADE mode), in worksheet order. */
  readonly missing: readonly string[];
  readonly criteria: readonly CriterionScore[];
  readonly subComponents: readonly SubComponentScore[];
  readonly components: readonly ComponentScore[];
  /** Exact total as a Decimal (40 significant digits); null while INCOMPLETE. */
  readonly total: Decimal | null;
  /** Exact total as a reduced fraction, e.g. 1333993/18480; persist this (or `total`) and `totalDisplay`. */
  readonly totalExact: Fraction | null;
  /** Total rounded half-up to 2 decimals, e.g. "72.19"; null while INCOMPLETE. */
  readonly totalDisplay: string | null;
  /** Null while INCOMPLETE. */
  readonly predicate: Predicate | null;
  readonly warnings: readonly ScoreWarning[];
  /** Consistency-rule ("kerangka logis") findings on the answered criteria; criterion modes only. */
  readonly violations: readonly ConsistencyViolation[];
}

interface Slot {
  /** Criterion id, or the sub-component id in SUBCOMPONENT_GRADE mode. */
  readonly id: string;
  readonly sub: SubComponent;
  readonly scale: AnswerScale;
  readonly isCriterion: boolean;
  /** Position in the worksheet (ScoringPlan.slots). */
  readonly index: number;
  /** Answer code → the option (value in percent, the same as a Decimal); shared, immutable. */
  readonly values: ReadonlyMap<string, Option>;
}

interface Option {
  readonly code: string;
  readonly value: number;
  readonly decimal: Decimal;
}

interface SubPlan {
  readonly sub: SubComponent;
  readonly componentId: string;
  readonly slots: readonly Slot[];
  /** Its slots' positions in the worksheet: from ≤ index < to. */
  readonly from: number;
  readonly to: number;
  /** The weight as an exact fraction wNum / wDen. */
  readonly weight: Fraction;
  readonly weightDecimal: Decimal;
}

/** What scoring needs from a rule set, derived once per rule-set object (snapshots are frozen and cached). */
interface ScoringPlan {
  readonly slots: readonly Slot[];
  readonly byId: ReadonlyMap<string, Slot>;
  readonly components: readonly {
    readonly id: string;
    readonly weightDecimal: Decimal;
    readonly subs: readonly SubPlan[];
  }[];
}

const plans = new WeakMap<RuleSet, ScoringPlan>();

function planOf(ruleSet: RuleSet): ScoringPlan {
  const known = plans.get(ruleSet);
  if (known) return known;
  const gradeMode = ruleSet.aggregationMode === 'SUBCOMPONENT_GRADE';
  const scaleValues = new Map<AnswerScale, Slot['values']>();
  const valuesOf = (scale: AnswerScale) => {
    let values = scaleValues.get(scale);
    if (!values) {
      values = new Map(
        scale.options.map((o) => [o.code, { code: o.code, value: o.value, decimal: new Exact(o.value) }] as const),
      );
      scaleValues.set(scale, values);
    }
    return values;
  };
  let next = 0;
  const slot = (id: string, sub: SubComponent, scale: AnswerScale, isCriterion: boolean): Slot => ({
    id,
    sub,
    scale,
    isCriterion,
    index: next++,
    values: valuesOf(scale),
  });
  const components = ruleSet.components.map((c) => ({
    id: c.id,
    weightDecimal: Fraction.parse(c.weight).toDecimal(),
    subs: c.subComponents.map((sub): SubPlan => {
      const weight = Fraction.parse(sub.weight);
      const from = next;
      const slots = gradeMode
        ? [slot(sub.id, sub, answerScaleFor(ruleSet, sub), false)]
        : sub.criteria.map((k) => slot(k.id, sub, answerScaleFor(ruleSet, sub, k), true));
      return {
        sub,
        componentId: c.id,
        slots,
        from,
        to: next,
        weight,
        weightDecimal: weight.toDecimal(),
      };
    }),
  }));
  const slots = components.flatMap((c) => c.subs.flatMap((s) => s.slots));
  const plan: ScoringPlan = { slots, byId: new Map(slots.map((s) => [s.id, s])), components };
  plans.set(ruleSet, plan);
  return plan;
}

/** The answered option of each slot, by slot index (undefined = unanswered). */
type Resolved = readonly (Option | undefined)[];

/** Checks every answer against its scale; collects all problems into one INVALID_ANSWER error. */
function resolveAnswers(plan: ScoringPlan, answers: LkeAnswers): Resolved {
  const errors: FieldError[] = [];
  const resolved = new Array<Option | undefined>(plan.slots.length);
  for (const [id, code] of answers) {
    const slot = plan.byId.get(id);
    if (!slot) {
      const what = plan.slots[0]?.isCriterion === false ? 'sub-component' : 'criterion';
      errors.push({ field: id, messages: [`unknown ${what} "${id}" in this rule set`] });
      continue;
    }
    if (code === null || code === undefined) continue;
    const option = slot.values.get(code);
    if (option === undefined) {
      const allowed = slot.scale.options.map((o) => o.code).join(', ');
      errors.push({ field: id, messages: [`answer "${code}" is not on scale ${slot.scale.id} (${allowed})`] });
      continue;
    }
    resolved[slot.index] = option;
  }
  if (errors.length > 0) throw new InvalidAnswerError(errors);
  return resolved;
}

/**
 * Adds `key` to `target` as an enumerable property computed on first read: what most callers (storage, JSON of the
 * scores, the recap) never read — a total's Decimal form, the criterion lines, the consistency findings — costs nothing.
 */
function lazy<T extends object>(target: T, key: string, make: () => unknown): void {
  let value: unknown;
  let made = false;
  Object.defineProperty(target, key, {
    enumerable: true,
    get: () => {
      if (!made) [value, made] = [make(), true];
      return value;
    },
  });
}

/** A sub-component line; `value` and `score` (Decimals) are derived from the fractions on first read. */
class SubComponentLine implements SubComponentScore {
  #value: Decimal | null | undefined;
  #score: Decimal | null | undefined;
  constructor(
    readonly id: string,
    readonly componentId: string,
    readonly weight: Decimal,
    readonly answersExpected: number,
    readonly answersGiven: number,
    readonly exactValue: Fraction | null,
    readonly exactScore: Fraction | null,
  ) {}
  get value(): Decimal | null {
    return this.#value === undefined ? (this.#value = this.exactValue?.toDecimal() ?? null) : this.#value;
  }
  get score(): Decimal | null {
    return this.#score === undefined ? (this.#score = this.exactScore?.toDecimal() ?? null) : this.#score;
  }
}

/** A component line; `score` (a Decimal) is derived from the fraction on first read. */
class ComponentLine implements ComponentScore {
  #score: Decimal | null | undefined;
  constructor(
    readonly id: string,
    readonly weight: Decimal,
    readonly exactScore: Fraction | null,
  ) {}
  get score(): Decimal | null {
    return this.#score === undefined ? (this.#score = this.exactScore?.toDecimal() ?? null) : this.#score;
  }
}

const decimalOf = (f: Fraction | null) => () => f?.toDecimal() ?? null;

/** "80.0030303…" → "80,003030" for Indonesian messages. */
const idNumber = (f: Fraction, places: number): string => f.toFixedHalfUp(places).replace('.', ',');

/** The displayed total, the predicate and the rounding warning of a complete sheet's exact total. */
export function predicateOfTotal(
  ruleSet: Pick<RuleSet, 'bands' | 'predicateBasis'>,
  totalExact: Fraction,
): { totalDisplay: string; predicate: Predicate; warnings: ScoreWarning[] } {
  const totalDisplay = totalExact.toFixedHalfUp(2);
  const exactBand = bandFor(totalExact, ruleSet.bands);
  const roundedBand = bandFor(Fraction.parse(totalDisplay), ruleSet.bands);
  const decided = ruleSet.predicateBasis === 'EXACT' ? exactBand : roundedBand;
  const warnings: ScoreWarning[] = [];
  if (exactBand.predicate !== roundedBand.predicate) {
    const basisText =
      ruleSet.predicateBasis === 'EXACT' ? 'nilai tanpa pembulatan' : 'nilai yang dibulatkan dua desimal';
    warnings.push({
      code: 'ROUNDING_CHANGES_PREDICATE',
      exactPredicate: exactBand.predicate,
      roundedPredicate: roundedBand.predicate,
      message:
        `Nilai akhir ${idNumber(totalExact, 6)} berpredikat ${exactBand.predicate}, ` +
        `tetapi nilai yang ditampilkan (${totalDisplay.replace('.', ',')}) berada pada rentang predikat ${roundedBand.predicate}. ` +
        `Sesuai ketentuan template, predikat ditetapkan dari ${basisText}: ${decided.predicate}.`,
    });
  }
  return { totalDisplay, predicate: decided.predicate, warnings };
}

/** The answers checked against their scales, and the unanswered slot ids in worksheet order. */
function answered(plan: ScoringPlan, answers: LkeAnswers): { resolved: Resolved; missing: string[] } {
  const resolved = resolveAnswers(plan, answers);
  const missing: string[] = [];
  for (const s of plan.slots) if (!resolved[s.index]) missing.push(s.id);
  return { resolved, missing };
}

/** Adds the criterion-level detail (criterion lines, consistency findings) to a score, each made on first read. */
function withCriterionDetail<T extends object>(target: T, ruleSet: RuleSet, plan: ScoringPlan, resolved: Resolved): T {
  const criterionSlots = () => plan.slots.filter((s) => s.isCriterion);
  lazy(target, 'criteria', () =>
    criterionSlots().map((s): CriterionScore => {
      const a = resolved[s.index];
      return {
        id: s.id,
        subComponentId: s.sub.id,
        answer: a?.code ?? null,
        value: a?.decimal ?? null,
      };
    }),
  );
  lazy(target, 'violations', () =>
    ruleSet.aggregationMode === 'SUBCOMPONENT_GRADE'
      ? []
      : checkConsistency(ruleSet, new Map(criterionSlots().map((s) => [s.id, resolved[s.index]?.value]))),
  );
  return target;
}

/**
 * Scores a worksheet. Throws InvalidAnswerError (INVALID_ANSWER) for unknown ids or answer codes.
 * Arithmetic on exact integer fractions only: v̄ = Σv / n and s = Σv · wNum / (n · wDen · 100), one reduction each;
 * the Decimal forms (`value`, `score`, `total`) are derived on first read.
 */
export function scoreEvaluation(ruleSet: RuleSet, answers: LkeAnswers): EvaluationScore {
  const plan = planOf(ruleSet);
  const { missing, resolved } = answered(plan, answers);

  const subComponents: SubComponentScore[] = [];
  const components: ComponentScore[] = [];
  for (const component of plan.components) {
    let componentScore: Fraction | null = Fraction.ZERO;
    for (const sp of component.subs) {
      let sum = 0;
      let given = 0;
      for (let i = sp.from; i < sp.to; i++) {
        const a = resolved[i];
        if (a) {
          sum += a.value;
          given++;
        }
      }
      const n = sp.to - sp.from;
      const complete = given === n && n > 0;
      const value = complete ? Fraction.of(sum, n) : null;
      const score = value
        ? Fraction.of(value.numerator * sp.weight.numerator, value.denominator * sp.weight.denominator * 100n)
        : null;
      componentScore = score && componentScore ? componentScore.plus(score) : null;
      subComponents.push(new SubComponentLine(sp.sub.id, component.id, sp.weightDecimal, n, given, value, score));
    }
    components.push(new ComponentLine(component.id, component.weightDecimal, componentScore));
  }

  const base = {
    ruleSet: { code: ruleSet.code, version: ruleSet.version },
    mode: ruleSet.aggregationMode,
    predicateBasis: ruleSet.predicateBasis,
    missing,
    subComponents,
    components,
  };
  if (missing.length > 0) {
    const incomplete = {
      ...base,
      status: 'INCOMPLETE',
      total: null,
      totalExact: null,
      totalDisplay: null,
      predicate: null,
      warnings: [],
    } as Omit<EvaluationScore, 'criteria' | 'violations'> as EvaluationScore;
    return withCriterionDetail(incomplete, ruleSet, plan, resolved);
  }

  const totalExact = Fraction.sum(components.map((c) => c.exactScore as Fraction));
  const result = { ...base, status: 'COMPLETE', totalExact, ...predicateOfTotal(ruleSet, totalExact) } as Omit<
    EvaluationScore,
    'total' | 'criteria' | 'violations'
  > as EvaluationScore;
  lazy(result, 'total', decimalOf(totalExact));
  return withCriterionDetail(result, ruleSet, plan, resolved);
}

// ---------------------------------------------------------------------------------------------------------------
// One breakdown per answer set. An evaluation keeps the self-assessment, evaluator, QA and final answers side by side;
// each is scored on its own with the same rule set.

export type LkeStage = 'self' | 'evaluator' | 'qa' | 'final';
export const LKE_STAGES: readonly LkeStage[] = ['self', 'evaluator', 'qa', 'final'];

/** The answers of each stage; a stage without answers yet may be omitted (it scores as INCOMPLETE, everything missing). */
export type StageAnswers = Partial<Readonly<Record<LkeStage, LkeAnswers>>>;
export type StageScores = Readonly<Record<LkeStage, EvaluationScore>>;

const NO_ANSWERS: LkeAnswers = new Map();

/**
 * Scores every stage's answer set separately (criterion → sub-component → component → total → predicate each).
 * Throws InvalidAnswerError naming the stage, e.g. field "evaluator.1.a.1", when any stage has an invalid answer.
 */
export function scoreStages(ruleSet: RuleSet, answers: StageAnswers): StageScores {
  const errors: FieldError[] = [];
  const scores = {} as Record<LkeStage, EvaluationScore>;
  for (const stage of LKE_STAGES) {
    try {
      scores[stage] = scoreEvaluation(ruleSet, answers[stage] ?? NO_ANSWERS);
    } catch (e) {
      if (!(e instanceof InvalidAnswerError)) throw e;
      errors.push(...(e.errors as FieldError[]).map((f) => ({ field: `${stage}.${f.field}`, messages: f.messages })));
    }
  }
  if (errors.length > 0) throw new InvalidAnswerError(errors);
  return scores;
}

// ---------------------------------------------------------------------------------------------------------------
// JSON form for the API: decimals as strings, never JS numbers.

/** Decimal places of the "exact" strings in JSON; the fraction fields carry the full value. */
export const SCORE_JSON_PLACES = 6;

export interface EvaluationScoreJson {
  ruleSet: { code: string; version: number };
  mode: AggregationMode;
  predicateBasis: PredicateBasis;
  status: ScoreStatus;
  missing: string[];
  criteria: { id: string; subComponentId: string; answer: string | null; value: string | null }[];
  subComponents: {
    id: string;
    componentId: string;
    weight: string;
    answersExpected: number;
    answersGiven: number;
    value: string | null;
    valueExact: string | null;
    score: string | null;
    scoreExact: string | null;
  }[];
  components: {
    id: string;
    weight: string;
    score: string | null;
    scoreDisplay: string | null;
    scoreExact: string | null;
  }[];
  /** 6 dp, half-up: "72.185768". */
  total: string | null;
  /** Reduced fraction: "1333993/18480". */
  totalExact: string | null;
  /** 2 dp, half-up: "72.19". */
  totalDisplay: string | null;
  predicate: Predicate | null;
  warnings: { code: string; message: string; exactPredicate: string; roundedPredicate: string }[];
  violations: { ruleId: string; criterionId: string; referenceId: string; severity: string; message: string }[];
}

const places = (f: Fraction | null, n: number): string | null => f?.toFixedHalfUp(n) ?? null;
/** Converts a score to plain JSON (decimals as strings). Sub-component values are re-derived exactly, not from floats. */
export function serializeScore(score: EvaluationScore): EvaluationScoreJson {
  const P = SCORE_JSON_PLACES;
  return {
    ruleSet: { ...score.ruleSet },
    mode: score.mode,
    predicateBasis: score.predicateBasis,
    status: score.status,
    missing: [...score.missing],
    criteria: score.criteria.map((c) => ({
      id: c.id,
      subComponentId: c.subComponentId,
      answer: c.answer,
      value: c.value?.toFixed() ?? null,
    })),
    subComponents: score.subComponents.map((s) => ({
      id: s.id,
      componentId: s.componentId,
      weight: s.weight.toFixed(),
      answersExpected: s.answersExpected,
      answersGiven: s.answersGiven,
      value: places(s.exactValue, P),
      valueExact: s.exactValue?.toString() ?? null,
      score: places(s.exactScore, P),
      scoreExact: s.exactScore?.toString() ?? null,
    })),
    components: score.components.map((c) => ({
      id: c.id,
      weight: c.weight.toFixed(),
      score: places(c.exactScore, P),
      scoreDisplay: places(c.exactScore, 2),
      scoreExact: c.exactScore?.toString() ?? null,
    })),
    total: places(score.totalExact, P),
    totalExact: score.totalExact?.toString() ?? null,
    totalDisplay: score.totalDisplay,
    predicate: score.predicate,
    warnings: score.warnings.map((w) => ({ ...w })),
    violations: score.violations.map((v) => ({ ...v })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// A breakdown from stored results: the scores as the engine stored them when the answers were saved, the criterion
// detail (answers, values, missing, consistency) from the answers. No score is recomputed.

/** One stored sub-component result. */
export interface StoredSubComponent {
  readonly answersGiven: number;
  readonly answersExpected: number;
  readonly value: Fraction | null;
  readonly score: Fraction | null;
}

/** One stage's stored result (see evaluation_stage_scores). */
export interface StoredStageResult {
  readonly status: ScoreStatus;
  readonly total: Fraction | null;
  readonly predicate: string | null;
  readonly components: ReadonlyMap<string, Fraction | null>;
  readonly subComponents: ReadonlyMap<string, StoredSubComponent>;
}

/** The EvaluationScore of a sheet whose scores were stored: the same shape scoreEvaluation gives, from the rows. */
export function storedEvaluationScore(
  ruleSet: RuleSet,
  answers: LkeAnswers,
  stored: StoredStageResult,
): EvaluationScore {
  const plan = planOf(ruleSet);
  const { missing, resolved } = answered(plan, answers);
  const subComponents: SubComponentScore[] = [];
  const components: ComponentScore[] = [];
  for (const component of plan.components) {
    for (const sp of component.subs) {
      const s = stored.subComponents.get(sp.sub.id);
      subComponents.push(
        new SubComponentLine(
          sp.sub.id,
          component.id,
          sp.weightDecimal,
          s?.answersExpected ?? sp.slots.length,
          s?.answersGiven ?? 0,
          s?.value ?? null,
          s?.score ?? null,
        ),
      );
    }
    components.push(
      new ComponentLine(component.id, component.weightDecimal, stored.components.get(component.id) ?? null),
    );
  }
  const total = stored.status === 'COMPLETE' ? stored.total : null;
  const shown = total ? predicateOfTotal(ruleSet, total) : null;
  const result = {
    ruleSet: { code: ruleSet.code, version: ruleSet.version },
    mode: ruleSet.aggregationMode,
    predicateBasis: ruleSet.predicateBasis,
    status: total ? 'COMPLETE' : 'INCOMPLETE',
    missing,
    subComponents,
    components,
    totalExact: total,
    totalDisplay: shown?.totalDisplay ?? null,
    predicate: total ? ((stored.predicate as Predicate | null) ?? shown!.predicate) : null,
    warnings: shown?.warnings ?? [],
  } as Omit<EvaluationScore, 'total' | 'criteria' | 'violations'> as EvaluationScore;
  lazy(result, 'total', decimalOf(total));
  return withCriterionDetail(result, ruleSet, plan, resolved);
}
