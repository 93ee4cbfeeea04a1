import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { BadRequestException, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ConflictError, LockedError, NotFoundError } from '../errors/domain-error';
import { RequestValidationError } from '../validation/request-validation.error';
import { toErrorBody } from './to-error-body';

const driverFailure = (driverError: object) =>
  new QueryFailedError('INSERT INTO secret_table VALUES (1)', [], Object.assign(new Error('driver text'), driverError));

/** What body-parser passes on when zlib fails: zlib's own error with status 400 added (http-errors), no type. */
function bodyParserFailure(decompress: () => unknown): unknown {
  try {
    decompress();
  } catch (err) {
    return Object.assign(err as Error, { status: 400, statusCode: 400, expose: true });
  }
  throw new Error('expected the junk to fail');
}

describe('toErrorBody', () => {
  it.each([
    [
      'validation',
      new RequestValidationError([{ field: 'code', messages: ['must be a string'] }]),
      400,
      'VALIDATION_FAILED',
    ],
    ['domain not found', new NotFoundError('SKPD'), 404, 'NOT_FOUND'],
    ['domain conflict', new ConflictError('DUPLICATE_CODE', 'Code taken'), 409, 'DUPLICATE_CODE'],
    ['locked', new LockedError('PK is locked'), 409, 'LOCKED'],
    ['mysql duplicate', driverFailure({ errno: 1062, code: 'ER_DUP_ENTRY' }), 409, 'DUPLICATE'],
    ['sqlite duplicate', driverFailure({ code: 'SQLITE_CONSTRAINT_UNIQUE' }), 409, 'DUPLICATE'],
    ['connection refused', driverFailure({ code: 'ECONNREFUSED' }), 503, 'DATABASE_UNAVAILABLE'],
    ['connection lost', driverFailure({ code: 'PROTOCOL_CONNECTION_LOST', fatal: true }), 503, 'DATABASE_UNAVAILABLE'],
    ['bad JSON', { type: 'entity.parse.failed', status: 400 }, 400, 'INVALID_JSON'],
    ['too large', { type: 'entity.too.large', status: 413 }, 413, 'PAYLOAD_TOO_LARGE'],
    ['too deep', { type: 'entity.too.deep', status: 400 }, 400, 'BODY_TOO_DEEP'],
    ['unknown encoding', { type: 'encoding.unsupported', status: 415 }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['corrupt gzip', bodyParserFailure(() => gunzipSync(Buffer.from('junk'))), 400, 'INVALID_BODY_ENCODING'],
    ['corrupt br', bodyParserFailure(() => brotliDecompressSync(Buffer.from('junk'))), 400, 'INVALID_BODY_ENCODING'],
    ['unknown route', new NotFoundException('Cannot GET /nope'), 404, 'NOT_FOUND'],
    ['http exception', new BadRequestException('Bad thing'), 400, 'BAD_REQUEST'],
    ['other SQL error', driverFailure({ code: 'ER_PARSE_ERROR' }), 500, 'INTERNAL'],
    ['plain error', new Error('at Object.<anonymous> (/src/secret.ts:1:1)'), 500, 'INTERNAL'],
  ])('%s → %i %s', (_name, err, statusCode, code) => {
    const body = toErrorBody(err);
    expect(body).toMatchObject({ statusCode, code });
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/secret_table|driver text|INSERT|secret\.ts/);
  });

  it('lists each invalid field', () => {
    const fields = [
      { field: 'code', messages: ['must be a string'] },
      { field: 'name', messages: ['should not be empty'] },
    ];
    expect(toErrorBody(new RequestValidationError(fields)).errors).toEqual(fields);
  });
});
