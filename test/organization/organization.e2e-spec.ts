import request from 'supertest';
import { TEST_PASSWORD } from '../factories/factories';
import { createTestApp, type TestApp } from '../utils/test-app';

describe('regions, SKPD, users: CRUD, lists, concurrency and audit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('SUPERADMIN creates a region with its first admin, who can log in and sees only that region', async () => {
    const root = await t.make.user({ role: 'SUPERADMIN' });
    const res = await request(t.http)
      .post('/api/v1/regions')
      .set(t.auth(root))
      .send({
        code: '62.07',
        name: 'Kabupaten Seruyan',
        kind: 'KABUPATEN',
        firstAdmin: { username: 'admin.seruyan', displayName: 'Admin SAKIP', password: 'Sangat-Rahasia-2026' },
      })
      .expect(201);
    expect(res.body).toMatchObject({
      code: '62.07',
      name: 'Kabupaten Seruyan',
      lowerIsBetterFormula: expect.any(String),
      version: 1,
    });
    const login = await request(t.http)
      .post('/api/v1/auth/login')
      .send({ username: 'admin.seruyan', password: 'Sangat-Rahasia-2026' })
      .expect(200);
    const me = await request(t.http)
      .get('/api/v1/auth/me')
      .set({ Authorization: `Bearer ${login.body.accessToken}` })
      .expect(200);
    expect(me.body).toMatchObject({ role: 'REGION_ADMIN', regionId: res.body.id });
    const regions = await request(t.http)
      .get('/api/v1/regions')
      .set({ Authorization: `Bearer ${login.body.accessToken}` })
      .expect(200);
    expect(regions.body.items.map((r: { id: string }) => r.id)).toEqual([res.body.id]);
    await request(t.http)
      .post('/api/v1/regions')
      .set(t.auth(root))
      .send({ code: '62.07', name: 'Duplikat', kind: 'KABUPATEN' })
      .expect(409);
  });

  it('creates a region and its first admin together or not at all: a refused admin leaves no region and no audit entry', async () => {
    const root = await t.make.user({ role: 'SUPERADMIN' });
    const taken = await t.make.user({ role: 'HEAD' });
    const auditRows = () => t.db.query("SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'Region'");
    const before = await auditRows();
    await request(t.http)
      .post('/api/v1/regions')
      .set(t.auth(root))
      .send({
        code: '62.71',
        name: 'Kota Palangka Raya',
        kind: 'KOTA',
        firstAdmin: { username: taken.username, displayName: 'Admin SAKIP', password: 'Sangat-Rahasia-2026' },
      })
      .expect(409);
    const list = await request(t.http).get('/api/v1/regions?pageSize=100').set(t.auth(root)).expect(200);
    expect(list.body.items.map((r: { code: string }) => r.code)).not.toContain('62.71');
    expect(await auditRows()).toEqual(before);
  });

  it("refuses null as a planner's SKPD instead of keeping the old one", async () => {
    const admin = await t.make.user({ role: 'REGION_ADMIN' });
    const planner = await t.make.user({ role: 'PLANNER', regionId: admin.regionId });
    const res = await request(t.http)
      .patch(`/api/v1/users/${planner.id}`)
      .set(t.auth(admin))
      .send({ version: planner.version, skpdId: null })
      .expect(422);
    expect(res.body.code).toBe('SKPD_REQUIRED');
  });

  it('keeps who signs for the region and each SKPD: title, name, NIP, rank, Plt./Plh.', async () => {
    const admin = await t.make.user({ role: 'REGION_ADMIN' });
    const skpd = await t.make.skpd(admin.regionId!);
    const head = {
      headTitle: 'Kepala Dinas Kesehatan',
      headName: 'dr. Siti Rahma, M.Kes',
      headNip: '197001011990032001',
    };
    const patched = await request(t.http)
      .patch(`/api/v1/skpd/${skpd.id}`)
      .set(t.auth(admin))
      .send({ version: skpd.version, ...head, headRank: 'Pembina (IV/a)', headActing: 'PLT' })
      .expect(200);
    expect(patched.body).toMatchObject({ ...head, headRank: 'Pembina (IV/a)', headActing: 'PLT' });
    const cleared = await request(t.http)
      .patch(`/api/v1/skpd/${skpd.id}`)
      .set(t.auth(admin))
      .send({ version: patched.body.version, headActing: null })
      .expect(200);
    expect(cleared.body).toMatchObject({ ...head, headActing: null });
    const bad = await request(t.http)
      .patch(`/api/v1/skpd/${skpd.id}`)
      .set(t.auth(admin))
      .send({ version: cleared.body.version, headNip: '1970', headActing: 'KETUA' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['headActing', 'headNip']);
    const region = await request(t.http).get(`/api/v1/regions/${admin.regionId}`).set(t.auth(admin)).expect(200);
    const regionPatched = await request(t.http)
      .patch(`/api/v1/regions/${admin.regionId}`)
      .set(t.auth(admin))
      .send({ version: region.body.version, headTitle: 'Bupati Uji', headName: 'H. Budi', seatCity: 'Kuala Pembuang' })
      .expect(200);
    expect(regionPatched.body).toMatchObject({
      headTitle: 'Bupati Uji',
      headName: 'H. Budi',
      headNip: null,
      seatCity: 'Kuala Pembuang',
    });
  });

  it('lists SKPD with filter, sort and pagination, and refuses a page size above the maximum', async () => {
    const admin = await t.make.user({ role: 'REGION_ADMIN' });
    for (const [code, name, kind] of [
      ['1.02.01', 'Dinas Kesehatan', 'DINAS'],
      ['1.03.01', 'Dinas Pekerjaan Umum', 'DINAS'],
      ['5.01.01', 'Badan Perencanaan Pembangunan Daerah', 'BADAN'],
    ])
      await request(t.http)
        .post('/api/v1/skpd')
        .set(t.auth(admin))
        .send({ code, name, shortName: name.split(' ').pop(), kind })
        .expect(201);
    const dinas = await request(t.http)
      .get('/api/v1/skpd?kind=DINAS&sort=-name&pageSize=1&page=2')
      .set(t.auth(admin))
      .expect(200);
    expect(dinas.body).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ name: 'Dinas Kesehatan' }] });
    const search = await request(t.http).get('/api/v1/skpd?q=Perencanaan').set(t.auth(admin)).expect(200);
    expect(search.body.items.map((s: { code: string }) => s.code)).toEqual(['5.01.01']);
    const tooBig = await request(t.http).get('/api/v1/skpd?pageSize=101').set(t.auth(admin)).expect(400);
    expect(tooBig.body.errors[0].field).toBe('pageSize');
    await request(t.http).get('/api/v1/skpd?sort=passwordHash').set(t.auth(admin)).expect(422);
  });

  it('refuses a stale version with 409 STALE_VERSION and overwrites nothing', async () => {
    const admin = await t.make.user({ role: 'REGION_ADMIN' });
    const skpd = await t.make.skpd(admin.regionId!);
    const first = await request(t.http)
      .patch(`/api/v1/skpd/${skpd.id}`)
      .set(t.auth(admin))
      .send({ version: skpd.version, name: 'Dinas Kesehatan' })
      .expect(200);
    expect(first.body.version).toBe(skpd.version + 1);
    const stale = await request(t.http)
      .patch(`/api/v1/skpd/${skpd.id}`)
      .set(t.auth(admin))
      .send({ version: skpd.version, name: 'Dinas Lain' })
      .expect(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    const now = await request(t.http).get(`/api/v1/skpd/${skpd.id}`).set(t.auth(admin)).expect(200);
    expect(now.body).toMatchObject({ name: 'Dinas Kesehatan', version: skpd.version + 1 });
  });

  it('records every write in the append-only audit log with user, before/after and correlation id', async () => {
    const admin = await t.make.user({ role: 'REGION_ADMIN' });
    const skpd = await t.make.skpd(admin.regionId!);
    await request(t.http)
      .patch(`/api/v1/skpd/${skpd.id}`)
      .set(t.auth(admin))
      .set('X-Request-Id', 'audit-check-1')
      .send({ version: skpd.version, shortName: 'Dinkes' })
      .expect(200);
    const log = await request(t.http)
      .get(`/api/v1/audit-log?entity=Skpd&entityId=${skpd.id}`)
      .set(t.auth(admin))
      .expect(200);
    expect(log.body.items).toHaveLength(1);
    const entry = log.body.items[0];
    expect(entry).toMatchObject({
      action: 'UPDATE',
      entity: 'Skpd',
      entityId: skpd.id,
      username: admin.username,
      correlationId: 'audit-check-1',
    });
    expect(JSON.stringify(entry)).toContain('Dinkes');
    expect(JSON.stringify(entry)).toContain(skpd.shortName);
    const other = await t.make.user({ role: 'REGION_ADMIN' });
    const foreign = await request(t.http).get(`/api/v1/audit-log?entityId=${skpd.id}`).set(t.auth(other)).expect(200);
    expect(foreign.body.items).toEqual([]);
  });

  it('lets REGION_ADMIN manage region roles only; planners need an SKPD of the region', async () => {
    const admin = await t.make.user({ role: 'REGION_ADMIN' });
    const skpd = await t.make.skpd(admin.regionId!);
    const foreignSkpd = await t.make.skpd((await t.make.region()).id);
    const base = { displayName: 'Perencana', password: 'Sangat-Rahasia-2026' };
    await request(t.http)
      .post('/api/v1/users')
      .set(t.auth(admin))
      .send({ ...base, username: 'root.baru', role: 'SUPERADMIN' })
      .expect(403);
    await request(t.http)
      .post('/api/v1/users')
      .set(t.auth(admin))
      .send({ ...base, username: 'perencana.a', role: 'PLANNER' })
      .expect(422);
    await request(t.http)
      .post('/api/v1/users')
      .set(t.auth(admin))
      .send({ ...base, username: 'perencana.b', role: 'PLANNER', skpdId: foreignSkpd.id })
      .expect(404);
    const planner = await request(t.http)
      .post('/api/v1/users')
      .set(t.auth(admin))
      .send({ ...base, username: 'perencana.c', role: 'PLANNER', skpdId: skpd.id })
      .expect(201);
    expect(planner.body).toMatchObject({ role: 'PLANNER', skpdId: skpd.id, regionId: admin.regionId });
    expect(JSON.stringify(planner.body)).not.toMatch(/passwordHash|argon2|Sangat-Rahasia/);
    await request(t.http)
      .post('/api/v1/users')
      .set(t.auth(admin))
      .send({ ...base, username: 'perencana.d', role: 'PLANNER', skpdId: skpd.id, password: 'pendek' })
      .expect(422);
  });

  it('admin reset and deactivation end the user’s sessions', async () => {
    const admin = await t.make.user({ role: 'REGION_ADMIN' });
    const head = await t.make.user({ role: 'HEAD', regionId: admin.regionId });
    await request(t.http).get('/api/v1/auth/me').set(t.auth(head)).expect(200);
    await request(t.http)
      .post(`/api/v1/users/${head.id}/reset-password`)
      .set(t.auth(admin))
      .send({ newPassword: 'Sandi-Reset-2026' })
      .expect(204);
    await request(t.http).get('/api/v1/auth/me').set(t.auth(head)).expect(401);
    await request(t.http)
      .post('/api/v1/auth/login')
      .send({ username: head.username, password: TEST_PASSWORD })
      .expect(401);
    const login = await request(t.http)
      .post('/api/v1/auth/login')
      .send({ username: head.username, password: 'Sandi-Reset-2026' })
      .expect(200);

    const current = await request(t.http).get(`/api/v1/users/${head.id}`).set(t.auth(admin)).expect(200);
    await request(t.http)
      .patch(`/api/v1/users/${head.id}`)
      .set(t.auth(admin))
      .send({ version: current.body.version, active: false })
      .expect(200);
    await request(t.http)
      .get('/api/v1/auth/me')
      .set({ Authorization: `Bearer ${login.body.accessToken}` })
      .expect(401);
    await request(t.http)
      .post('/api/v1/auth/login')
      .send({ username: head.username, password: 'Sandi-Reset-2026' })
      .expect(401);
  });
});
