import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { flattenValidationErrors, RequestValidationError } from './request-validation.error';

/**
 * Keys that whitelisting cannot see: class-transformer silently drops `__proto__`, `constructor` and `prototype`,
 * and every name an object inherits (`toString`, `hasOwnProperty`, `__defineGetter__`, …) looks like a known
 * property to class-validator. Without this they would be accepted while every other unknown key is refused.
 */
const RESERVED_KEYS = new Set([
  '__proto__',
  'constructor',
  'prototype',
  ...Object.getOwnPropertyNames(Object.prototype),
]);

/**
 * Characters no document can carry: C0 controls other than tab and line breaks, U+FFFE/U+FFFF and unpaired
 * surrogates are not allowed in XML, so one of them in a name would corrupt every Excel workbook that prints it.
 */
const UNPRINTABLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What whitelisting cannot catch in a parsed body or query, by path ("targets.0.constructor"): reserved keys and
 * strings with unprintable characters. Iterative, any depth.
 */
export function forbiddenInput(value: unknown): { field: string; messages: string[] }[] {
  const found: { field: string; messages: string[] }[] = [];
  const pending: { value: unknown; path: string }[] = [{ value, path: '' }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (typeof next.value === 'string' && UNPRINTABLE.test(next.value))
      found.push({ field: next.path, messages: [`${next.path} contains a character that cannot be printed`] });
    if (typeof next.value !== 'object' || next.value === null) continue;
    for (const [key, child] of Object.entries(next.value)) {
      const path = next.path ? `${next.path}.${key}` : key;
      if (RESERVED_KEYS.has(key)) found.push({ field: path, messages: [`property ${key} should not exist`] });
      else pending.push({ value: child, path });
    }
  }
  return found.sort((a, b) => a.field.localeCompare(b.field));
}

/**
 * The global pipe: class-validator with whitelisting (an unknown key is a 400 naming it), after refusing what it
 * cannot see (forbiddenInput). Every failure is a RequestValidationError (400 VALIDATION_FAILED).
 */
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const forbidden = forbiddenInput(value);
      if (forbidden.length) throw new RequestValidationError(forbidden);
    }
    return super.transform(value, metadata);
  }
}
