import { HttpException, HttpStatus } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { POOL_ACQUIRE_TIMEOUT } from '../../database/bounded-mysql';
import { DomainError, type ErrorKind, type FieldError } from '../errors/domain-error';
import { MAX_BODY_DEPTH } from '../http/body-depth';
import { RequestValidationError } from '../validation/request-validation.error';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  errors?: FieldError[] | Record<string, unknown>[];
}

const STATUS: Record<ErrorKind, number> = {
  not_found: 404,
  conflict: 409,
  state: 409,
  invalid: 422,
  forbidden: 403,
  unauthorized: 401,
  too_many: 429,
  upstream: 502,
};

const HTTP_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
  502: 'BAD_GATEWAY',
  503: 'SERVICE_UNAVAILABLE',
};

/** Maps anything thrown to the one error body; never echoes SQL, driver text or stacks. Pure and unit-tested. */
export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof RequestValidationError)
    return { statusCode: 400, code: 'VALIDATION_FAILED', message: 'Invalid request', errors: err.fields };
  if (err instanceof DomainError)
    return {
      statusCode: STATUS[err.kind],
      code: err.code,
      message: err.message,
      ...(err.errors ? { errors: err.errors } : {}),
    };
  if (isUniqueViolation(err)) return { statusCode: 409, code: 'DUPLICATE', message: 'Record already exists' };
  if (isDatabaseUnavailable(err))
    return {
      statusCode: 503,
      code: 'DATABASE_UNAVAILABLE',
      message: 'The database is not reachable; try again shortly',
    };
  if (err instanceof HttpException) return fromHttpException(err);
  if (isBodyParserError(err)) return fromBodyParserError(err);
  return { statusCode: 500, code: 'INTERNAL', message: 'Internal server error' };
}

function fromHttpException(err: HttpException): ErrorBody {
  const statusCode = err.getStatus();
  const response = err.getResponse();
  const message =
    typeof response === 'object' && response && 'message' in response && typeof response.message === 'string'
      ? response.message
      : err.message;
  if (statusCode === HttpStatus.NOT_FOUND && /^Cannot [A-Z]+ /.test(message))
    return { statusCode, code: 'NOT_FOUND', message: 'Route not found' };
  return { statusCode, code: HTTP_CODES[statusCode] ?? `HTTP_${statusCode}`, message };
}

interface BodyParserError {
  type?: string;
  status: number;
  errno?: unknown;
  code?: unknown;
}
/**
 * zlib's own error for a corrupt gzip/deflate (Z_DATA_ERROR…) or brotli (ERR__ERROR_FORMAT…) body, which
 * body-parser passes on with status 400 but no `type`.
 */
const isDecompressionError = (err: BodyParserError): boolean =>
  typeof err.errno === 'number' && typeof err.code === 'string' && /^(Z_|ERR_)/.test(err.code);
const isBodyParserError = (err: unknown): err is BodyParserError =>
  typeof err === 'object' &&
  err !== null &&
  typeof (err as BodyParserError).status === 'number' &&
  (typeof (err as BodyParserError).type === 'string' || isDecompressionError(err as BodyParserError));

function fromBodyParserError(err: BodyParserError): ErrorBody {
  if (isDecompressionError(err))
    return {
      statusCode: 400,
      code: 'INVALID_BODY_ENCODING',
      message: 'The request body could not be decompressed as its Content-Encoding says',
    };
  if (err.type === 'entity.too.deep')
    return {
      statusCode: 400,
      code: 'BODY_TOO_DEEP',
      message: `The request body nests objects and arrays deeper than ${MAX_BODY_DEPTH} levels`,
    };
  if (err.type === 'entity.parse.failed')
    return { statusCode: 400, code: 'INVALID_JSON', message: 'The request body is not valid JSON' };
  if (err.type === 'entity.too.large')
    return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' };
  if (err.type === 'encoding.unsupported' || err.type === 'charset.unsupported')
    return { statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported body encoding' };
  return {
    statusCode: err.status >= 400 && err.status < 500 ? err.status : 400,
    code: 'BAD_REQUEST',
    message: 'The request body could not be read',
  };
}

type DriverError = { errno?: number; code?: string };
const driverError = (err: unknown): DriverError | undefined =>
  err instanceof QueryFailedError ? (err.driverError as DriverError) : (err as DriverError | undefined);

/** Duplicate key on mysql2 (MySQL and MariaDB, ER_DUP_ENTRY) and better-sqlite3. */
export function isUniqueViolation(err: unknown): boolean {
  const d = err instanceof QueryFailedError ? (err.driverError as DriverError) : undefined;
  return d?.errno === 1062 || d?.code === 'SQLITE_CONSTRAINT_UNIQUE' || d?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
  'SQLITE_BUSY',
  POOL_ACQUIRE_TIMEOUT,
]);

/** A database that went away or is overloaded: answered 503 so clients retry; the pool reconnects by itself. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const d = driverError(err);
  if (!d || typeof d !== 'object') return false;
  return (typeof d.code === 'string' && UNAVAILABLE_CODES.has(d.code)) || (d as { fatal?: boolean }).fatal === true;
}
