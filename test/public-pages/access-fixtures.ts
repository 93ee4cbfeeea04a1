import request from 'supertest';
import type { TenantFixture } from '../access/tenant-fixtures';
import type { TestApp } from '../utils/test-app';

/** Public items for the access matrix: one published IKU year per tenant. */
export const PUBLIC_ITEM_PARAM_RESOURCES = {
  'public-items/:id': { resource: 'publicItem', skpdOwned: false },
};

export const PUBLIC_ITEM_BODIES: Record<string, (f: TenantFixture) => object> = {
  'PUT /api/v1/public-items': () => ({ kind: 'IKU', year: 2031 }),
};

export async function populatePublicItems(t: TestApp, f: TenantFixture): Promise<void> {
  const admin = await t.make.user({ role: 'REGION_ADMIN', regionId: f.regionId });
  const res = await request(t.http)
    .put('/api/v1/public-items')
    .set(t.auth(admin))
    .send({ kind: 'IKU', year: 2030 })
    .expect(200);
  f.ids.publicItem = res.body.id;
}
