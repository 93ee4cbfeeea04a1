import type { ValidationError } from 'class-validator';
import type { FieldError } from '../errors/domain-error';

/** Longest field name or message echoed back: a hostile key of any length is named, not repeated in full. */
const MAX_ECHO = 200;
const clip = (text: string) => (text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}…` : text);

/** Raised by the global ValidationPipe; the filter answers 400 VALIDATION_FAILED listing each field. */
export class RequestValidationError extends Error {
  readonly fields: FieldError[];
  constructor(fields: FieldError[]) {
    super('Invalid request');
    this.fields = fields.map((f) => ({ field: clip(f.field), messages: f.messages.map(clip) }));
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
