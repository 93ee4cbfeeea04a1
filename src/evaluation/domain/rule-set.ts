import { Ajv, ErrorObject } from 'ajv';
import { Fraction } from './fraction';
import { RuleSetValidationError } from './lke.errors';

/**
 * An LKE rule set (evaluation worksheet template) as versioned data: templates/lke/<code>.v<version>.json.
 * A version is immutable once an evaluation used it; corrections are a new version.
 */

/** How the sub-component value v̄ (percent) is obtained (domain reference §6.3). */
export type AggregationMode = 'CRITERION_MEAN' | 'SUBCOMPONENT_GRADE' | 'LEGACY_YT_ABCDE';
export const AGGREGATION_MODES: readonly AggregationMode[] = [
  'CRITERION_MEAN',
  'SUBCOMPONENT_GRADE',
  'LEGACY_YT_ABCDE',
];

/** Whether the predicate is decided on the exact total (default) or on the total rounded half-up to 2 decimals. */
export type PredicateBasis = 'EXACT' | 'ROUNDED_2DP';

/** A predicate code from the rule set's band table, e.g. "AA", "BB", "D". */
export type Predicate = string;

export interface AnswerOption {
  /** Answer code as entered, e.g. "AA", "Y". */
  readonly code: string;
  /**
   * Integer percent 0..100. For the 12/2015 scales (Y/T = 1/0, A–E = 1 … 0) this is the fraction in hundredths
   * (Y = 100, B = 75), which is the same thing: v̄ = mean × 100.
   */
  readonly value: number;
  readonly label: string;
  readonly meaning: string;
}

export interface AnswerScale {
  readonly id: string;
  readonly name: string;
  readonly options: readonly AnswerOption[];
}

export interface Criterion {
  /** "1.a.1": the sub-component id plus one segment. */
  readonly id: string;
  readonly text: string;
  readonly guidance: string;
  /** Kinds of bukti dukung an evaluator expects. */
  readonly evidence: readonly string[];
  /** Answer scale id; defaults to the sub-component's, then to the rule set's default scale. */
  readonly answerScale?: string;
}

export interface SubComponent {
  /** "1.a": the component id plus one segment. */
  readonly id: string;
  readonly name: string;
  /** keberadaan / kualitas / pemanfaatan, or the 12/2015 names (pemenuhan, implementasi, …). */
  readonly aspect?: string;
  /** Decimal string, e.g. "4.5". */
  readonly weight: string;
  /** Scale used for this sub-component's grade (SUBCOMPONENT_GRADE) and as its criteria's default. */
  readonly answerScale?: string;
  readonly criteria: readonly Criterion[];
}

export interface Component {
  readonly id: string;
  readonly name: string;
  /** Decimal string, e.g. "30". */
  readonly weight: string;
  readonly subComponents: readonly SubComponent[];
}

export interface Band {
  readonly predicate: Predicate;
  readonly label: string;
  /** Exclusive lower bound as a decimal string; null for the floor band, which includes 0. */
  readonly above: string | null;
  /** Inclusive upper bound as a decimal string. */
  readonly upTo: string;
  readonly interpretation: string;
}

export type RuleSeverity = 'ERROR' | 'WARNING';

/** "kerangka logis": each listed criterion may not score above the reference criterion it depends on. */
export interface NotAboveRule {
  readonly id: string;
  readonly kind: 'notAbove';
  readonly criteria: readonly string[];
  readonly reference: string;
  /** ERROR: the service should block finalisation; WARNING: show to the evaluator. */
  readonly severity: RuleSeverity;
  /** Indonesian; may use {criterion}, {reference}, {value}, {referenceValue}. */
  readonly message: string;
}

export type ConsistencyRule = NotAboveRule;

export interface RuleSet {
  readonly code: string;
  readonly version: number;
  readonly name: string;
  readonly regulation: string;
  readonly description?: string;
  readonly notes?: readonly string[];
  readonly aggregationMode: AggregationMode;
  readonly predicateBasis: PredicateBasis;
  readonly defaultAnswerScale: string;
  readonly answerScales: readonly AnswerScale[];
  readonly components: readonly Component[];
  readonly bands: readonly Band[];
  readonly consistencyRules: readonly ConsistencyRule[];
}

/** "permenpanrb-88-2021.v1": the key and the expected file name (without .json). */
export const ruleSetKey = (code: string, version: number): string => `${code}.v${version}`;

export const subComponentsOf = (ruleSet: RuleSet): SubComponent[] => ruleSet.components.flatMap((c) => c.subComponents);

export const criteriaOf = (ruleSet: RuleSet): Criterion[] => subComponentsOf(ruleSet).flatMap((s) => s.criteria);

/** The answer scale that applies to a criterion (or, without one, to the sub-component's own grade). */
export function answerScaleFor(ruleSet: RuleSet, sub: SubComponent, criterion?: Criterion): AnswerScale {
  const id = criterion?.answerScale ?? sub.answerScale ?? ruleSet.defaultAnswerScale;
  const scale = ruleSet.answerScales.find((s) => s.id === id);
  if (!scale) throw new Error(`Rule set ${ruleSetKey(ruleSet.code, ruleSet.version)} has no answer scale "${id}"`);
  return scale;
}

// ---------------------------------------------------------------------------------------------------------------
// JSON schema (shape). Semantic invariants follow in `semanticProblems`.

const DECIMAL = { type: 'string', pattern: '^(0|[1-9][0-9]*)(\\.[0-9]+)?$' } as const;
const TEXT = { type: 'string', minLength: 1 } as const;
const NODE_ID = { type: 'string', pattern: '^[0-9A-Za-z]+(\\.[0-9A-Za-z]+)*$' } as const;
const SCALE_ID = { type: 'string', pattern: '^[A-Za-z0-9_-]+$' } as const;
const CODE = { type: 'string', pattern: '^[A-Z]{1,3}$' } as const;

const CRITERION_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'text', 'guidance', 'evidence'],
  properties: {
    id: NODE_ID,
    text: TEXT,
    guidance: TEXT,
    evidence: { type: 'array', minItems: 1, items: TEXT },
    answerScale: SCALE_ID,
  },
} as const;

const SUB_COMPONENT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'weight', 'criteria'],
  properties: {
    id: NODE_ID,
    name: TEXT,
    aspect: TEXT,
    weight: DECIMAL,
    answerScale: SCALE_ID,
    criteria: { type: 'array', items: CRITERION_SCHEMA },
  },
} as const;

export const RULE_SET_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: [
    'code',
    'version',
    'name',
    'regulation',
    'aggregationMode',
    'predicateBasis',
    'defaultAnswerScale',
    'answerScales',
    'components',
    'bands',
    'consistencyRules',
  ],
  properties: {
    code: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
    version: { type: 'integer', minimum: 1 },
    name: TEXT,
    regulation: TEXT,
    description: TEXT,
    notes: { type: 'array', items: TEXT },
    aggregationMode: { enum: AGGREGATION_MODES },
    predicateBasis: { enum: ['EXACT', 'ROUNDED_2DP'] },
    defaultAnswerScale: SCALE_ID,
    answerScales: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'options'],
        properties: {
          id: SCALE_ID,
          name: TEXT,
          options: {
            type: 'array',
            minItems: 2,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['code', 'value', 'label', 'meaning'],
              properties: {
                code: CODE,
                value: { type: 'integer', minimum: 0, maximum: 100 },
                label: TEXT,
                meaning: TEXT,
              },
            },
          },
        },
      },
    },
    components: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'weight', 'subComponents'],
        properties: {
          id: NODE_ID,
          name: TEXT,
          weight: DECIMAL,
          subComponents: { type: 'array', minItems: 1, items: SUB_COMPONENT_SCHEMA },
        },
      },
    },
    bands: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['predicate', 'label', 'above', 'upTo', 'interpretation'],
        properties: {
          predicate: CODE,
          label: TEXT,
          above: { type: ['string', 'null'], pattern: DECIMAL.pattern },
          upTo: DECIMAL,
          interpretation: TEXT,
        },
      },
    },
    consistencyRules: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'kind', 'criteria', 'reference', 'severity', 'message'],
        properties: {
          id: { type: 'string', pattern: '^[A-Za-z0-9_.-]+$' },
          kind: { const: 'notAbove' },
          criteria: { type: 'array', minItems: 1, items: NODE_ID },
          reference: NODE_ID,
          severity: { enum: ['ERROR', 'WARNING'] },
          message: TEXT,
        },
      },
    },
  },
} as const;

const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strict: true, verbose: true }); // verbose: errors carry the offending value
const validateShape = ajv.compile(RULE_SET_JSON_SCHEMA);

/** JSON pointer "/components/2/subComponents/1/weight" → "components[2].subComponents[1].weight". */
function toPath(pointer: string): string {
  let path = '';
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path += /^\d+$/.test(seg) ? `[${seg}]` : path ? `.${seg}` : seg;
  }
  return path;
}

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

function describeAjvError(e: ErrorObject): string {
  const path = toPath(e.instancePath);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `${join(path, String(params.missingProperty))}: is required`;
    case 'additionalProperties':
      return `${join(path, String(params.additionalProperty))}: is not an allowed property`;
    case 'enum':
      return `${path || '(root)'}: must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'pattern':
      return `${path || '(root)'}: ${JSON.stringify(e.data)} does not match ${String(params.pattern)}`;
    default:
      return `${path || '(root)'}: ${e.message ?? e.keyword}`;
  }
}

const fmt = (f: Fraction): string => (f.denominator === 1n ? f.toString() : f.toDecimal().toFixed());

/** "1.a.1" is a child of "1.a"; "1.a.1.2" and "1.ab" are not. */
const isChildId = (id: string, parent: string): boolean =>
  id.startsWith(`${parent}.`) && !id.slice(parent.length + 1).includes('.');

function semanticProblems(rs: RuleSet): string[] {
  const problems: string[] = [];
  const HUNDRED = Fraction.of(100);

  // Answer scales: unique ids, unique codes, references resolve.
  const scaleIds = new Map<string, number>();
  rs.answerScales.forEach((scale, i) => {
    if (scaleIds.has(scale.id)) problems.push(`answerScales[${i}].id: duplicate answer scale id "${scale.id}"`);
    else scaleIds.set(scale.id, i);
    const codes = new Set<string>();
    scale.options.forEach((o, j) => {
      if (codes.has(o.code)) problems.push(`answerScales[${i}].options[${j}].code: duplicate answer code "${o.code}"`);
      codes.add(o.code);
    });
  });
  if (!scaleIds.has(rs.defaultAnswerScale))
    problems.push(`defaultAnswerScale: unknown answer scale "${rs.defaultAnswerScale}"`);

  // Ids, hierarchy, weights.
  const seen = new Map<string, string>();
  const criterionIds = new Set<string>();
  const claim = (id: string, path: string) => {
    const first = seen.get(id);
    if (first !== undefined) problems.push(`${path}: duplicate id "${id}" (first used at ${first})`);
    else seen.set(id, path);
  };
  const checkScaleRef = (ref: string | undefined, path: string) => {
    if (ref !== undefined && !scaleIds.has(ref)) problems.push(`${path}: unknown answer scale "${ref}"`);
  };
  const criterionMode = rs.aggregationMode !== 'SUBCOMPONENT_GRADE';

  let total = Fraction.ZERO;
  rs.components.forEach((component, ci) => {
    const cPath = `components[${ci}]`;
    claim(component.id, `${cPath}.id`);
    const cWeight = Fraction.parse(component.weight);
    if (cWeight.cmp(Fraction.ZERO) <= 0) problems.push(`${cPath}.weight: must be greater than 0`);
    total = total.plus(cWeight);

    let subTotal = Fraction.ZERO;
    component.subComponents.forEach((sub, si) => {
      const sPath = `${cPath}.subComponents[${si}]`;
      claim(sub.id, `${sPath}.id`);
      if (!isChildId(sub.id, component.id))
        problems.push(
          `${sPath}.id: "${sub.id}" does not belong to component "${component.id}" (expected "${component.id}.<x>")`,
        );
      const sWeight = Fraction.parse(sub.weight);
      if (sWeight.cmp(Fraction.ZERO) <= 0) problems.push(`${sPath}.weight: must be greater than 0`);
      subTotal = subTotal.plus(sWeight);
      checkScaleRef(sub.answerScale, `${sPath}.answerScale`);
      if (criterionMode && sub.criteria.length === 0)
        problems.push(`${sPath}.criteria: mode ${rs.aggregationMode} needs at least one criterion per sub-component`);

      sub.criteria.forEach((criterion, ki) => {
        const kPath = `${sPath}.criteria[${ki}]`;
        claim(criterion.id, `${kPath}.id`);
        criterionIds.add(criterion.id);
        if (!isChildId(criterion.id, sub.id))
          problems.push(
            `${kPath}.id: "${criterion.id}" does not belong to sub-component "${sub.id}" (expected "${sub.id}.<n>")`,
          );
        checkScaleRef(criterion.answerScale, `${kPath}.answerScale`);
      });
    });
    if (!subTotal.eq(cWeight))
      problems.push(
        `${cPath}.subComponents: sub-component weights ${component.subComponents.map((s) => s.weight).join(' + ')} = ${fmt(subTotal)}, ` +
          `expected the component weight ${component.weight}`,
      );
  });
  if (!total.eq(HUNDRED))
    problems.push(
      `components: component weights ${rs.components.map((c) => c.weight).join(' + ')} = ${fmt(total)}, expected 100`,
    );

  problems.push(...bandProblems(rs.bands));

  // Consistency rules.
  const ruleIds = new Set<string>();
  rs.consistencyRules.forEach((rule, ri) => {
    const rPath = `consistencyRules[${ri}]`;
    if (ruleIds.has(rule.id)) problems.push(`${rPath}.id: duplicate rule id "${rule.id}"`);
    ruleIds.add(rule.id);
    if (!criterionIds.has(rule.reference)) problems.push(`${rPath}.reference: unknown criterion "${rule.reference}"`);
    rule.criteria.forEach((id, k) => {
      if (!criterionIds.has(id)) problems.push(`${rPath}.criteria[${k}]: unknown criterion "${id}"`);
      else if (id === rule.reference) problems.push(`${rPath}.criteria[${k}]: "${id}" cannot depend on itself`);
    });
  });
  problems.push(...errorRuleProblems(rs.consistencyRules));
  return problems;
}

/**
 * ERROR rules must form a forest (each criterion below at most one reference, no cycle), so that the next-predicate
 * roadmap can find the fewest steps that keep them exactly.
 */
function errorRuleProblems(rules: readonly ConsistencyRule[]): string[] {
  const problems: string[] = [];
  const reference = new Map<string, string>();
  rules.forEach((rule, ri) => {
    if (rule.severity !== 'ERROR') return;
    rule.criteria.forEach((id, k) => {
      const other = reference.get(id);
      if (other !== undefined && other !== rule.reference)
        problems.push(
          `consistencyRules[${ri}].criteria[${k}]: "${id}" already depends on "${other}" in an ERROR rule; one reference only`,
        );
      else reference.set(id, rule.reference);
    });
  });
  for (const start of reference.keys()) {
    const seen = new Set<string>();
    for (let id: string | undefined = start; id !== undefined; id = reference.get(id)) {
      if (seen.has(id)) {
        problems.push(`consistencyRules: the ERROR rules form a cycle through "${start}"`);
        break;
      }
      seen.add(id);
    }
  }
  return problems;
}

/**
 * Bands must tile [0, 100] exactly: the highest ends at 100, each band's exclusive lower bound is the next band's
 * inclusive upper bound, and exactly one floor band (above = null) reaches down to and includes 0.
 */
function bandProblems(bands: readonly Band[]): string[] {
  const problems: string[] = [];
  const predicates = new Set<string>();
  bands.forEach((b, i) => {
    if (predicates.has(b.predicate)) problems.push(`bands[${i}].predicate: duplicate predicate "${b.predicate}"`);
    predicates.add(b.predicate);
    const upTo = Fraction.parse(b.upTo);
    if (upTo.cmp(Fraction.of(100)) > 0) problems.push(`bands[${i}].upTo: ${b.upTo} is above 100`);
    if (b.above !== null && Fraction.parse(b.above).cmp(upTo) >= 0)
      problems.push(`bands[${i}]: lower bound ${b.above} must be below the upper bound ${b.upTo}`);
  });
  const floors = bands.map((b, i) => ({ b, i })).filter(({ b }) => b.above === null);
  if (floors.length !== 1)
    problems.push(`bands: exactly one floor band (above: null, includes 0) is required, found ${floors.length}`);

  const ordered = bands.map((b, i) => ({ b, i, upTo: Fraction.parse(b.upTo) })).sort((x, y) => y.upTo.cmp(x.upTo));
  if (ordered.length > 0 && !ordered[0].upTo.eq(Fraction.of(100)))
    problems.push(`bands[${ordered[0].i}].upTo: the highest band must end at 100, not ${ordered[0].b.upTo}`);
  for (let k = 0; k + 1 < ordered.length; k++) {
    const hi = ordered[k];
    const lo = ordered[k + 1];
    if (hi.b.above === null) continue; // reported above (floor band not last)
    const cmp = Fraction.parse(hi.b.above).cmp(lo.upTo);
    if (cmp > 0)
      problems.push(
        `bands[${hi.i}].above: gap between ${lo.b.predicate} (up to ${lo.b.upTo}) and ${hi.b.predicate} (above ${hi.b.above}): ` +
          `scores in (${lo.b.upTo}, ${hi.b.above}] have no predicate`,
      );
    else if (cmp < 0)
      problems.push(
        `bands[${hi.i}].above: ${hi.b.predicate} (above ${hi.b.above}) overlaps ${lo.b.predicate} (up to ${lo.b.upTo})`,
      );
  }
  const last = ordered[ordered.length - 1];
  if (last && last.b.above !== null)
    problems.push(
      `bands[${last.i}].above: the lowest band must be the floor band (above: null) so that 0 has a predicate`,
    );
  return problems;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Checks a parsed rule-set JSON document — shape (JSON schema) and semantic invariants — and returns a deep-frozen
 * copy. Throws RuleSetValidationError listing every problem with its path, prefixed by `source` (e.g. the file name).
 */
export function validateRuleSet(json: unknown, source = 'rule set'): RuleSet {
  if (!validateShape(json)) {
    const problems = [...new Set((validateShape.errors ?? []).map(describeAjvError))];
    throw new RuleSetValidationError(source, problems);
  }
  const ruleSet = structuredClone(json) as unknown as RuleSet;
  const problems = semanticProblems(ruleSet);
  if (problems.length > 0) throw new RuleSetValidationError(source, problems);
  return deepFreeze(ruleSet);
}
