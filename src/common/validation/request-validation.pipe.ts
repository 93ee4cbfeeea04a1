import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { flattenValidationErrors, RequestValidationError } from './request-validation.error';

/**
 * Keys class-transformer silently drops when it builds a DTO, so whitelisting never sees them and they would be
 * accepted while every other unknown key is refused.
 */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Paths ("targets.0.constructor") of reserved keys anywhere in a parsed body or query; iterative, any depth. */
export function reservedKeyPaths(value: unknown): string[] {
  const found: string[] = [];
  const pending: { value: unknown; path: string }[] = [{ value, path: '' }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    for (const [key, child] of Object.entries(next.value)) {
      const path = next.path ? `${next.path}.${key}` : key;
      if (RESERVED_KEYS.has(key)) found.push(path);
      else pending.push({ value: child, path });
    }
  }
  return found.sort();
}

/**
 * The global pipe: class-validator with whitelisting (an unknown key is a 400 naming it), after refusing the keys
 * class-transformer would drop unseen. Every failure is a RequestValidationError (400 VALIDATION_FAILED).
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
      const reserved = reservedKeyPaths(value);
      if (reserved.length)
        throw new RequestValidationError(
          reserved.map((field) => ({ field, messages: [`property ${field.split('.').pop()} should not exist`] })),
        );
    }
    return super.transform(value, metadata);
  }
}
