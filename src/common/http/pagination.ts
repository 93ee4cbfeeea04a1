import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { UnprocessableError } from '../errors/domain-error';

export const MAX_PAGE_SIZE = 100;
/** The last page a list serves (a page beyond the data is empty); larger numbers are a 400, never a SQL error. */
export const MAX_PAGE = 1_000_000;

/** `?page=1&pageSize=20&sort=-name` on every list endpoint. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page: number = 1;
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize: number = 20;
  /** Field to sort by; prefix with `-` for descending. */
  @ApiPropertyOptional({ example: '-name' }) @IsOptional() @IsString() @Matches(/^-?[A-Za-z]+$/) sort?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * Applies sort (from an allow-list; the first entry is the default), offset and limit, and returns one page with the
 * total count. A sort key is a column of the list's entity, or a name in `expressions` (SQL, e.g. a joined name);
 * ties are ordered by the `thenBy` columns, then by id.
 */
export async function paginate<T extends ObjectLiteral, R = T>(
  qb: SelectQueryBuilder<T>,
  query: PageQueryDto,
  sortable: readonly string[],
  map: (row: T) => R = (row) => row as unknown as R,
  opts: { expressions?: Readonly<Record<string, string>>; thenBy?: readonly string[] } = {},
): Promise<Page<R>> {
  const { expressions = {}, thenBy = [] } = opts;
  const [field, dir] = query.sort?.startsWith('-')
    ? [query.sort.slice(1), 'DESC' as const]
    : [query.sort ?? sortable[0], 'ASC' as const];
  if (!sortable.includes(field))
    throw new UnprocessableError(
      'INVALID_SORT',
      `sort must be one of ${sortable.flatMap((s) => [s, `-${s}`]).join(', ')}`,
    );
  if (expressions[field]) qb.addSelect(expressions[field], `sort_${field}`).orderBy(`sort_${field}`, dir);
  else qb.orderBy(`${qb.alias}.${field}`, dir);
  for (const column of [...thenBy, 'id']) qb.addOrderBy(`${qb.alias}.${column}`, 'ASC');
  qb.skip((query.page - 1) * query.pageSize).take(query.pageSize);
  const [rows, total] = await qb.getManyAndCount();
  return { items: rows.map(map), total, page: query.page, pageSize: query.pageSize };
}
