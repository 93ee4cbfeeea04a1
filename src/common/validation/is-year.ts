import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** A year the service plans, reports or evaluates: an integer 2000–2100; `query: true` converts a query string first. */
export const IsYear = (opts: { query?: boolean } = {}) =>
  applyDecorators(...(opts.query ? [Type(() => Number)] : []), IsInt(), Min(2000), Max(2100));
