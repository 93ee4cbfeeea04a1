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

const HUNDRED = Fraction.of(100);

const optionValue = (scale: AnswerScale, code: string): number | undefined =>
  scale.options.find((o) => o.code === code)?.value;

interface Slot {
  /** Criterion id, or the sub-component id in SUBCOMPONENT_GRADE mode. */
  readonly id: string;
  readonly sub: SubComponent;
  readonly scale: AnswerScale;
  readonly isCriterion: boolean;
}

function slotsOf(ruleSet: RuleSet): Slot[] {
  const gradeMode = ruleSet.aggregationMode === 'SUBCOMPONENT_GRADE';
  return ruleSet.components.flatMap((c) =>
    c.subComponents.flatMap((sub): Slot[] =>
      gradeMode
        ? [{ id: sub.id, sub, scale: answerScaleFor(ruleSet, sub), isCriterion: false }]
        : sub.criteria.map((k) => ({ id: k.id, sub, scale: answerScaleFor(ruleSet, sub, k), isCriterion: true })),
    ),
  );
}

/** Checks every answer against its scale; collects all problems into one INVALID_ANSWER error. */
function resolveAnswers(slots: readonly Slot[], answers: LkeAnswers): Map<string, { code: string; value: number }> {
  const byId = new Map(slots.map((s) => [s.id, s]));
  const errors: FieldError[] = [];
  const resolved = new Map<string, { code: string; value: number }>();
  for (const [id, code] of answers) {
    const slot = byId.get(id);
    if (!slot) {
      const what = slots[0]?.isCriterion === false ? 'sub-component' : 'criterion';
      errors.push({ field: id, messages: [`unknown ${what} "${id}" in this rule set`] });
      continue;
    }
    if (code === null || code === undefined) continue;
    const value = optionValue(slot.scale, code);
    if (value === undefined) {
      const allowed = slot.scale.options.map((o) => o.code).join(', ');
      errors.push({ field: id, messages: [`answer "${code}" is not on scale ${slot.scale.id} (${allowed})`] });
      continue;
    }
    resolved.set(id, { code, value });
  }
  if (errors.length > 0) throw new InvalidAnswerError(errors);
  return resolved;
}

/** "80.0030303…" → "80,003030" for Indonesian messages. */
const idNumber = (f: Fraction, places: number): string => f.toFixedHalfUp(places).replace('.', ',');

/** Scores a worksheet. Throws InvalidAnswerError (INVALID_ANSWER) for unknown ids or answer codes. */
export function scoreEvaluation(ruleSet: RuleSet, answers: LkeAnswers): EvaluationScore {
  const slots = slotsOf(ruleSet);
  const resolved = resolveAnswers(slots, answers);
  const missing = slots.filter((s) => !resolved.has(s.id)).map((s) => s.id);

  const criteria: CriterionScore[] = slots
    .filter((s) => s.isCriterion)
    .map((s) => {
      const a = resolved.get(s.id);
      return { id: s.id, subComponentId: s.sub.id, answer: a?.code ?? null, value: a ? new Exact(a.value) : null };
    });

  const subComponents: SubComponentScore[] = [];
  const components: ComponentScore[] = [];
  for (const component of ruleSet.components) {
    const subScores: (Fraction | null)[] = [];
    for (const sub of component.subComponents) {
      const own = slots.filter((s) => s.sub === sub);
      const given = own.flatMap((s) => {
        const a = resolved.get(s.id);
        return a ? [a.value] : [];
      });
      const weight = Fraction.parse(sub.weight);
      const complete = given.length === own.length && own.length > 0;
      const value = complete
        ? Fraction.of(
            given.reduce((sum, v) => sum + v, 0),
            given.length,
          )
        : null;
      const score = value ? value.times(weight).div(HUNDRED) : null;
      subScores.push(score);
      subComponents.push({
        id: sub.id,
        componentId: component.id,
        weight: weight.toDecimal(),
        answersExpected: own.length,
        answersGiven: given.length,
        value: value?.toDecimal() ?? null,
        exactValue: value,
        score: score?.toDecimal() ?? null,
        exactScore: score,
      });
    }
    const exactScore = subScores.every((s): s is Fraction => s !== null) ? Fraction.sum(subScores) : null;
    components.push({
      id: component.id,
      weight: Fraction.parse(component.weight).toDecimal(),
      score: exactScore?.toDecimal() ?? null,
      exactScore,
    });
  }

  const violations =
    ruleSet.aggregationMode === 'SUBCOMPONENT_GRADE'
      ? []
      : checkConsistency(ruleSet, new Map(criteria.map((c) => [c.id, c.value])));

  const base = {
    ruleSet: { code: ruleSet.code, version: ruleSet.version },
    mode: ruleSet.aggregationMode,
    predicateBasis: ruleSet.predicateBasis,
    missing,
    criteria,
    subComponents,
    components,
    violations,
  };
  if (missing.length > 0) {
    return {
      ...base,
      status: 'INCOMPLETE',
      total: null,
      totalExact: null,
      totalDisplay: null,
      predicate: null,
      warnings: [],
    };
  }

  const totalExact = Fraction.sum(components.map((c) => c.exactScore as Fraction));
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
  return {
    ...base,
    status: 'COMPLETE',
    total: totalExact.toDecimal(),
    totalExact,
    totalDisplay,
    predicate: decided.predicate,
    warnings,
  };
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
