import request from 'supertest';
import { DEMO_PK_YEAR } from '../../src/demo/demo-plan';
import { DEMO_PASSWORD, DEMO_REGIONS } from '../../src/demo/demo-data';
import { createTestApp, type TestApp } from '../utils/test-app';

describe('demo budgets (issue #19)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ SEED_DEMO: 'true' });
  }, 300_000);
  afterAll(() => t?.close());

  const adminOf = async (prefix: string) => {
    const res = await request(t.http)
      .post('/api/v1/auth/login')
      .send({ username: `${prefix}.admin`, password: DEMO_PASSWORD })
      .expect(200);
    return { Authorization: `Bearer ${res.body.accessToken}` };
  };

  it('gives every demo SKPD a budget with four quarters of realisation; one program of Maju Bersama is tidak efisien', async () => {
    for (const region of DEMO_REGIONS) {
      const auth = await adminOf(region.usernamePrefix);
      const skpd = await request(t.http).get('/api/v1/skpd?pageSize=100').set(auth).expect(200);
      const inefficient: string[] = [];
      let budgeted = 0;
      for (const s of skpd.body.items as { id: string; code: string }[]) {
        const budget = await request(t.http)
          .get(`/api/v1/budget?skpdId=${s.id}&year=${DEMO_PK_YEAR}`)
          .set(auth)
          .expect(200);
        if (!budget.body.subKegiatan.length) continue;
        budgeted++;
        expect(budget.body.skpd.quartersWithoutRealisation).toEqual([]);
        expect(budget.body.skpd.revisedSubKegiatan).toBe(1);
        const eff = await request(t.http)
          .get(`/api/v1/budget/efficiency?skpdId=${s.id}&year=${DEMO_PK_YEAR}`)
          .set(auth)
          .expect(200);
        expect(eff.body.programs).toHaveLength(2);
        for (const p of eff.body.programs as { label: string; name: string }[])
          if (p.label !== 'EFISIEN') inefficient.push(`${s.code} ${p.name} ${p.label}`);
      }
      expect(budgeted).toBeGreaterThan(0);
      expect(inefficient).toHaveLength(region.key === 'maju' ? 1 : 0);
      if (region.key === 'maju') expect(inefficient[0]).toContain('TIDAK_EFISIEN');
      await request(t.http).get(`/api/v1/budget/recap?year=${DEMO_PK_YEAR}`).set(auth).expect(200);
    }
  });
});
