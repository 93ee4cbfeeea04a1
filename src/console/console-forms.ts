import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { DomainError } from '../common/errors/domain-error';
import { constraintMessage, messageFor } from './console-messages';

/** Messages shown next to fields, keyed by the DTO's field path ("items.0.annualTarget"). */
export type FieldMessages = Record<string, string>;

export type FormResult<T> = { ok: true; dto: T } | { ok: false; errors: FieldMessages };

function collect(errors: ValidationError[], prefix: string, out: FieldMessages): void {
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const first = Object.keys(e.constraints ?? {})[0];
    const blank = e.value === undefined || e.value === null || e.value === '';
    if (first && !out[field]) out[field] = blank ? constraintMessage('isNotEmpty') : constraintMessage(first);
    collect(e.children ?? [], field, out);
  }
}

/** Checks a form with the API's own DTO (same rules as the REST route); messages in Indonesian per field. */
export async function validateForm<T extends object>(cls: ClassConstructor<T>, plain: object): Promise<FormResult<T>> {
  const dto = plainToInstance(cls, plain);
  const errors = await validate(dto, { whitelist: true, forbidUnknownValues: false });
  if (!errors.length) return { ok: true, dto };
  const out: FieldMessages = {};
  collect(errors, '', out);
  return { ok: false, errors: out };
}

/**
 * A service error shown on the form: per-field messages when the service listed fields (their messages are the
 * service's own, e.g. the Indonesian target rules), plus one sentence for the top of the form.
 */
export function serviceErrors(err: unknown): { summary: string; errors: FieldMessages } | null {
  if (!(err instanceof DomainError) || !['invalid', 'state', 'conflict', 'unauthorized', 'too_many'].includes(err.kind))
    return null;
  const errors: FieldMessages = {};
  for (const e of (err.errors ?? []) as { field?: string; messages?: string[]; message?: string }[]) {
    if (e.field && !errors[e.field]) errors[e.field] = e.messages?.[0] ?? e.message ?? messageFor(err.code);
  }
  return { summary: messageFor(err.code), errors };
}
