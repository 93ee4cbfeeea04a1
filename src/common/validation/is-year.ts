import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

/**
 * A year the service plans, reports or evaluates: an integer 2000–2100; `query: true` converts a query string first.
 * It also publishes the bounds in OpenAPI (the Swagger plugin only reads @Min/@Max written on the property itself);
 * the property's own @ApiProperty, written above it, adds the rest.
 */
export const IsYear = (opts: { query?: boolean } = {}) =>
  applyDecorators(
    ApiProperty({ minimum: FIRST_YEAR, maximum: LAST_YEAR }),
    ...(opts.query ? [Type(() => Number)] : []),
    IsInt(),
    Min(FIRST_YEAR),
    Max(LAST_YEAR),
  );
