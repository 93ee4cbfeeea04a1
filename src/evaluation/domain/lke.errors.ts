import { DomainError, FieldError, UnprocessableError } from '../../common/errors/domain-error';

/** A score outside 0..100 reached the predicate lookup: an invariant violation, never clamped. */
export class ScoreOutOfRangeError extends DomainError {
  constructor(score: string) {
    super('SCORE_OUT_OF_RANGE', 'invalid', `Score ${score} is outside 0..100; an LKE total cannot be graded`);
  }
}

/** One or more answers name an unknown criterion or a code that is not on the criterion's answer scale. */
export class InvalidAnswerError extends UnprocessableError {
  constructor(errors: FieldError[]) {
    super(
      'INVALID_ANSWER',
      `Invalid LKE answer(s): ${errors.map((e) => `${e.field}: ${e.messages.join('; ')}`).join(' | ')}`,
      errors,
    );
  }
}

/** A rule-set (LKE template) file failed shape or semantic validation; `problems` lists every finding with its path. */
export class RuleSetValidationError extends DomainError {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(
      'INVALID_RULE_SET',
      'invalid',
      `${source}: invalid LKE rule set (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${source}: ${p}`).join('\n'),
    );
  }
}
