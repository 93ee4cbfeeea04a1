import { DomainError, UnprocessableError } from '../../common/errors/domain-error';

/**
 * Configuration and programming errors of the capaian functions. Data problems (missing realisation, zero target …)
 * are never thrown: they come back as a not-computable result with a reason.
 */

/** A quarter outside 1..4 reached a function that takes the reporting quarter explicitly. */
export class InvalidQuarterError extends UnprocessableError {
  constructor(quarter: unknown) {
    super('INVALID_QUARTER', `Quarter must be 1, 2, 3 or 4, got ${String(quarter)}`);
  }
}

/** The quarterly aggregation cannot be applied to this polarity (e.g. summing yes/no answers). */
export class UnsupportedAggregationError extends UnprocessableError {
  constructor(polarity: string, aggregation: string) {
    super('UNSUPPORTED_AGGREGATION', `Aggregation ${aggregation} is not defined for ${polarity} indicators`);
  }
}

/** A cap policy that is not a finite positive number. */
export class InvalidCapError extends UnprocessableError {
  constructor(cap: string) {
    super('INVALID_CAP', `A capaian cap must be a finite number above 0, got ${cap}`);
  }
}

/** A weight or crosscutting share that is negative or not finite. */
export class InvalidWeightError extends UnprocessableError {
  constructor(weight: string) {
    super('INVALID_WEIGHT', `A weight must be a finite number of at least 0, got ${weight}`);
  }
}

/** Crosscutting contributions that cannot be combined (no contributions, or shares mixed with sub-targets). */
export class InvalidCrosscuttingError extends UnprocessableError {
  constructor(message: string) {
    super('INVALID_CROSSCUTTING', message);
  }
}

/** A capaian category band table that does not cover every value exactly once. */
export class InvalidCapaianBandsError extends DomainError {
  constructor(problem: string) {
    super('INVALID_CAPAIAN_BANDS', 'invalid', `Invalid capaian band table: ${problem}`);
  }
}
