import type { ValidationError } from 'class-validator';
import type { FieldError } from '../errors/domain-error';

/** Raised by the global ValidationPipe; the filter answers 400 VALIDATION_FAILED listing each field. */
export class RequestValidationError extends Error {
  constructor(readonly fields: FieldError[]) {
    super('Invalid request');
  }
}

/** Flattens nested class-validator errors to `[{ field: 'quarters.2.value', messages }]`. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return [...own, ...flattenValidationErrors(e.children ?? [], field)];
  });
}
