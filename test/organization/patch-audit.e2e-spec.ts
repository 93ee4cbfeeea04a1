import request from 'supertest';
import { createTestApp, type TestApp } from '../utils/test-app';

/** A PATCH changes, answers and audits exactly the fields it names; the others keep their real values. */
describe('PATCH with one field: response and audit entry show only that change', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function updateAudit(admin: { token: string }, entity: string, entityId: string) {
    const res = await request(t.http)
      .get('/api/v1/audit-log')
      .query({ entity, entityId })
      .set(t.auth(admin))
      .expect(200);
    const updates = res.body.items.filter((e: { action: string }) => e.action === 'UPDATE');
    expect(updates).toHaveLength(1);
    return JSON.parse(updates[0].diff) as { before: object; after: object };
  }

  it('SKPD: renaming keeps short name, kind and active, and the audit records only the name', async () => {
    const admin = await t.make.user({ role: 'REGION_ADMIN' });
    const skpd = await t.make.skpd(admin.regionId!, { name: 'Dinas Kesehatan', shortName: 'Dinkes', active: true });
    const res = await request(t.http)
      .patch(`/api/v1/skpd/${skpd.id}`)
      .set(t.auth(admin))
      .send({ version: 1, name: 'Dinas Kesehatan dan KB' })
      .expect(200);
    expect(res.body).toMatchObject({
      name: 'Dinas Kesehatan dan KB',
      shortName: 'Dinkes',
      kind: 'DINAS',
      active: true,
      version: 2,
    });
    const stored = await request(t.http).get(`/api/v1/skpd/${skpd.id}`).set(t.auth(admin)).expect(200);
    expect(stored.body).toEqual(res.body);
    expect(await updateAudit(admin, 'Skpd', skpd.id)).toEqual({
      before: { name: 'Dinas Kesehatan' },
      after: { name: 'Dinas Kesehatan dan KB' },
    });
  });

  it('SKPD: a PATCH that repeats the current value, or names no field, writes no audit entry', async () => {
    const admin = await t.make.user({ role: 'REGION_ADMIN' });
    const skpd = await t.make.skpd(admin.regionId!, { active: true });
    const repeated = await request(t.http)
      .patch(`/api/v1/skpd/${skpd.id}`)
      .set(t.auth(admin))
      .send({ version: 1, active: true })
      .expect(200);
    await request(t.http)
      .patch(`/api/v1/skpd/${skpd.id}`)
      .set(t.auth(admin))
      .send({ version: repeated.body.version })
      .expect(200);
    const log = await request(t.http)
      .get('/api/v1/audit-log')
      .query({ entity: 'Skpd', entityId: skpd.id })
      .set(t.auth(admin))
      .expect(200);
    expect(log.body.items.filter((e: { action: string }) => e.action === 'UPDATE')).toEqual([]);
  });

  it('RPJMD period: changing the legal basis keeps the name, and the audit records only the legal basis', async () => {
    const admin = await t.make.user({ role: 'REGION_ADMIN' });
    const created = await request(t.http)
      .post('/api/v1/planning/periods')
      .set(t.auth(admin))
      .send({ name: 'RPJMD 2025-2029', startYear: 2025, endYear: 2029, legalBasis: 'Perda 1/2025' })
      .expect(201);
    const res = await request(t.http)
      .patch(`/api/v1/planning/periods/${created.body.id}`)
      .set(t.auth(admin))
      .send({ version: 1, legalBasis: 'Perda 2/2025' })
      .expect(200);
    expect(res.body).toMatchObject({ name: 'RPJMD 2025-2029', legalBasis: 'Perda 2/2025', version: 2 });
    expect(await updateAudit(admin, 'PlanningPeriod', created.body.id)).toEqual({
      before: { legalBasis: 'Perda 1/2025' },
      after: { legalBasis: 'Perda 2/2025' },
    });
  });

  it('region: renaming keeps the formula and time zone, and the audit records only the name', async () => {
    const admin = await t.make.user({ role: 'REGION_ADMIN' });
    const region = await request(t.http).get(`/api/v1/regions/${admin.regionId}`).set(t.auth(admin)).expect(200);
    const res = await request(t.http)
      .patch(`/api/v1/regions/${admin.regionId}`)
      .set(t.auth(admin))
      .send({ version: region.body.version, name: 'Kabupaten Baru' })
      .expect(200);
    expect(res.body).toEqual({ ...region.body, name: 'Kabupaten Baru', version: region.body.version + 1 });
    expect(await updateAudit(admin, 'Region', admin.regionId!)).toEqual({
      before: { name: region.body.name },
      after: { name: 'Kabupaten Baru' },
    });
  });
});
