import request from 'supertest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_REGIONS, DEMO_SKPD } from '../../src/demo/demo-data';
import { DemoSeedService, demoEnabled } from '../../src/demo/demo-seed.service';
import { createTestApp, type TestApp } from '../utils/test-app';

describe('demo seed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ SEED_DEMO: 'true' });
  });
  afterAll(() => t.close());

  it('is on for the embedded database unless SEED_DEMO=false, and on MySQL only with SEED_DEMO=true', () => {
    expect(demoEnabled({ isEmbedded: true, SEED_DEMO: undefined })).toBe(true);
    expect(demoEnabled({ isEmbedded: true, SEED_DEMO: 'false' })).toBe(false);
    expect(demoEnabled({ isEmbedded: false, SEED_DEMO: undefined })).toBe(false);
    expect(demoEnabled({ isEmbedded: false, SEED_DEMO: 'true' })).toBe(true);
  });

  it('seeds two labelled demo regions with their SKPD and a login for every role', async () => {
    const regions = await t.db.query('SELECT id, name, isDemo FROM regions ORDER BY code');
    expect(regions.map((r: { name: string }) => r.name)).toEqual(DEMO_REGIONS.map((r) => r.name));
    expect(regions.every((r: { name: string; isDemo: unknown }) => r.name.includes('DEMO') && Number(r.isDemo) === 1)).toBe(true);
    for (const region of DEMO_REGIONS) {
      const login = await request(t.http).post('/api/v1/auth/login').send({ username: `${region.usernamePrefix}.admin`, password: DEMO_PASSWORD }).expect(200);
      const skpd = await request(t.http).get('/api/v1/skpd?pageSize=100').set({ Authorization: `Bearer ${login.body.accessToken}` }).expect(200);
      expect(skpd.body.total).toBe(DEMO_SKPD.length);
      const me = await request(t.http).get('/api/v1/regions').set({ Authorization: `Bearer ${login.body.accessToken}` }).expect(200);
      expect(me.body.items).toEqual([expect.objectContaining({ name: region.name, isDemo: true })]);
    }
    const roles = new Set(DEMO_ACCOUNTS.map((a) => a.role));
    const users = await t.db.query('SELECT DISTINCT role FROM users');
    expect(new Set(users.map((u: { role: string }) => u.role))).toEqual(roles);
  });

  it('is idempotent: seeding again (a restart) adds nothing', async () => {
    const count = async () => (await t.db.query('SELECT (SELECT COUNT(*) FROM regions) AS r, (SELECT COUNT(*) FROM skpd) AS s, (SELECT COUNT(*) FROM users) AS u'))[0];
    const before = await count();
    expect(await t.app.get(DemoSeedService).seedIfEmpty()).toBe(false);
    await t.app.get(DemoSeedService).onApplicationBootstrap();
    expect(await count()).toEqual(before);
  });
});
