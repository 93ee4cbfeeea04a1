/**
 * Errors raised by services and domain code. They carry a stable machine code and a kind;
 * one exception filter maps the kind to an HTTP status, so services stay callable from CLIs, seeds and tests.
 */
export type ErrorKind =
  | 'not_found'
  | 'conflict'
  | 'state'
  | 'invalid'
  | 'forbidden'
  | 'unauthorized'
  | 'too_many'
  /** A service we depend on (e.g. a signing gateway) is down or answered nonsense: 502. */
  | 'upstream';

export interface FieldError {
  field: string;
  messages: string[];
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly errors?: FieldError[] | Record<string, unknown>[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string) {
    super('NOT_FOUND', 'not_found', `${entity} not found`);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string) {
    super(code, 'conflict', message);
  }
}

export class StaleVersionError extends DomainError {
  constructor(entity: string) {
    super('STALE_VERSION', 'conflict', `${entity} was changed by someone else; reload and try again`);
  }
}

export class LockedError extends DomainError {
  constructor(message: string) {
    super('LOCKED', 'state', message);
  }
}

export class InvalidStateError extends DomainError {
  constructor(code: string, message: string) {
    super(code, 'state', message);
  }
}

export class UnprocessableError extends DomainError {
  constructor(code: string, message: string, errors?: FieldError[] | Record<string, unknown>[]) {
    super(code, 'invalid', message, errors);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this') {
    super('FORBIDDEN', 'forbidden', message);
  }
}
