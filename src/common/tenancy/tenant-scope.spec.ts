import { ForbiddenError } from '../errors/domain-error';
import { scopeSql, type TenantScope } from './tenant-scope';

const scope = (over: Partial<TenantScope>): TenantScope => ({
  userId: 'u',
  username: 'u',
  role: 'EVALUATOR',
  regionId: 'r1',
  skpdId: null,
  isQa: false,
  correlationId: 'c',
  ...over,
});

describe('scopeSql', () => {
  it('filters region-wide callers by region only, planners by region and their SKPD', () => {
    expect(scopeSql(scope({}), { skpdColumn: 'skpdId' })).toEqual({ sql: 'regionId = ?', params: ['r1'] });
    expect(scopeSql(scope({ role: 'PLANNER', skpdId: 's1' }), { skpdColumn: 'skpdId' })).toEqual({
      sql: 'regionId = ? AND skpdId = ?',
      params: ['r1', 's1'],
    });
  });

  it('refuses a caller without a region', () => {
    expect(() => scopeSql(scope({ role: 'SUPERADMIN', regionId: null }))).toThrow(ForbiddenError);
  });
});
