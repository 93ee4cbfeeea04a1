import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DataSource } from 'typeorm';
import type { TenantScope } from '../src/common/tenancy/tenant-scope';
import type { BenchDatabase, Dialect } from './databases';
import type { Dataset, Scale } from './dataset';

/** What every benchmark case gets: the running app on the province database, and the generated datasets. */
export interface BenchContext {
  dialect: Dialect;
  scale: Scale;
  seed: number;
  app: NestExpressApplication;
  /** The app's own DataSource (province database). */
  ds: DataSource;
  province: Dataset;
  /** The nation database (its own), for the national recap. */
  nationDb: BenchDatabase;
  /** Timed runs per case (median reported). */
  runs: number;
}

/** The benchmark caller as the services see it: the region's QA evaluator, or its admin. */
export function benchScope(
  ctx: Pick<BenchContext, 'province'>,
  role: 'EVALUATOR' | 'REGION_ADMIN' = 'EVALUATOR',
): TenantScope {
  return {
    userId: role === 'EVALUATOR' ? ctx.province.userId : ctx.province.adminId,
    username: `bench.${role.toLowerCase()}`,
    role,
    regionId: ctx.province.regionId,
    skpdId: null,
    isQa: role === 'EVALUATOR',
    correlationId: 'bench',
  };
}
