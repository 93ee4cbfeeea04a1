import Decimal from 'decimal.js';
import { Exact } from '../../common/decimal/exact';
import { RuleSet, RuleSeverity } from './rule-set';

export interface ConsistencyViolation {
  readonly ruleId: string;
  /** The criterion whose value is too high. */
  readonly criterionId: string;
  /** The criterion it depends on. */
  readonly referenceId: string;
  readonly severity: RuleSeverity;
  /** Indonesian, with the rule's placeholders filled in. */
  readonly message: string;
}

export type CriterionValues = ReadonlyMap<string, Decimal | number | null | undefined>;

const fill = (template: string, vars: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole);

/** Indonesian number format for messages: 72.5 → "72,5". */
const id = (d: Decimal): string => d.toFixed().replace('.', ',');

/** value > reference, exactly: two numbers compare as they are (a double's order is its decimal's order). */
const exceeds = (value: Decimal | number, reference: Decimal | number): boolean =>
  typeof value === 'number' && typeof reference === 'number' ? value > reference : new Exact(value).gt(reference);

/**
 * Evaluates the rule set's declared consistency rules ("kerangka logis") on criterion values (percent).
 * A rule is only checked when both values are present; unanswered criteria are the scorer's business
 * (status INCOMPLETE), not a violation. Violations come in rule order, then criterion order.
 */
export function checkConsistency(ruleSet: RuleSet, values: CriterionValues): ConsistencyViolation[] {
  const get = (criterionId: string): Decimal | number | null => values.get(criterionId) ?? null;
  const violations: ConsistencyViolation[] = [];
  for (const rule of ruleSet.consistencyRules) {
    const reference = get(rule.reference);
    if (reference === null) continue;
    for (const criterionId of rule.criteria) {
      const value = get(criterionId);
      if (value === null || !exceeds(value, reference)) continue;
      violations.push({
        ruleId: rule.id,
        criterionId,
        referenceId: rule.reference,
        severity: rule.severity,
        message: fill(rule.message, {
          criterion: criterionId,
          reference: rule.reference,
          value: id(new Exact(value)),
          referenceValue: id(new Exact(reference)),
        }),
      });
    }
  }
  return violations;
}
