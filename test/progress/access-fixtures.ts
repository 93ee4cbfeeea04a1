import request from 'supertest';
import type { PopulateStep, TenantFixture } from '../access/tenant-fixtures';

/** Progress routes in the access matrix (test/access/tenant-fixtures.ts). */
export const PROGRESS_PARAM_RESOURCES: Record<string, { resource: string; skpdOwned: boolean }> = {
  // A peer region: an unpublished one (every fixture region) is a 404 to everybody else.
  'benchmark/:peerRegionId': { resource: 'region', skpdOwned: false },
};

export const PROGRESS_BODIES: Record<string, (f: TenantFixture) => object> = {
  'PUT /api/v1/progress/history': (f) => ({
    year: 2019,
    skpdId: f.otherSkpdId,
    total: '61.5',
    source: 'Matriks akses',
  }),
  'PUT /api/v1/progress/target': () => ({ predicate: 'A', year: 2031 }),
  'PUT /api/v1/progress/publications': () => ({ year: 2030, published: false }),
};

/** A target and an imported historical result, so the foreign-region snapshot covers the progress tables. Nothing is published. */
export const populateProgress: PopulateStep = async (t, f) => {
  const admin = await t.make.user({ role: 'REGION_ADMIN', regionId: f.regionId });
  await request(t.http)
    .put('/api/v1/progress/target')
    .set(t.auth(admin))
    .send({ predicate: 'BB', year: 2030 })
    .expect(200);
  await request(t.http)
    .put('/api/v1/progress/history')
    .set(t.auth(admin))
    .send({ year: 2018, total: '58.25' })
    .expect(200);
};
