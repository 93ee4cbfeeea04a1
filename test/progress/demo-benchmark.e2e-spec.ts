import request from 'supertest';
import { DEMO_PASSWORD, DEMO_REGIONS } from '../../src/demo/demo-data';
import { createTestApp, type TestApp } from '../utils/test-app';

const PROGRESS = '/api/v1/progress';

/** Studi tiru on the demo seed: "Kabupaten Maju Bersama (DEMO)" (B) learns from "Kabupaten Teladan (DEMO)" (A). */
describe('progress on the demo regions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ SEED_DEMO: 'true' });
  }, 300_000); // seeding two demo regions takes a while on MariaDB
  afterAll(() => t.close());

  const login = async (username: string) => ({
    Authorization: `Bearer ${(await request(t.http).post('/api/v1/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200)).body.accessToken}`,
  });
  const [maju, teladan] = ['maju', 'teladan'].map((k) => DEMO_REGIONS.find((r) => r.key === k)!);

  it('the B region compares itself with the A region once it publishes, and sees nothing of it before or beyond', async () => {
    const [{ id: teladanId }] = await t.db.query('SELECT id FROM regions WHERE code = ?', [teladan.code]);
    const bupati = await login(`${maju.usernamePrefix}.bupati`);
    const peerAdmin = await login(`${teladan.usernamePrefix}.admin`);
    const compare = () => request(t.http).get(`${PROGRESS}/benchmark/${teladanId}?year=2025`).set(bupati);

    // The B region's own history (FINAL Pemda evaluations with official results, 2023–2025) and its gap.
    const history = (await request(t.http).get(`${PROGRESS}/history`).set(bupati).expect(200)).body;
    expect(history.region.entries.map((e: { year: number }) => e.year)).toEqual([2023, 2024, 2025]);
    expect(history.region.current.predicate).toBe('B');
    expect(history.region.current.gap.next.predicate).toBe('BB');

    // The demo's benchmark region publishes 2023–2025; withdrawn, nothing of it is visible.
    for (const year of [2023, 2024, 2025])
      await request(t.http).put(`${PROGRESS}/publications`).set(peerAdmin).send({ year, published: false }).expect(200);
    expect((await compare()).status).toBe(404);
    expect((await request(t.http).get(`${PROGRESS}/peers`).set(bupati).expect(200)).body).toEqual([]);

    await request(t.http)
      .put(`${PROGRESS}/publications`)
      .set(peerAdmin)
      .send({ year: 2025, published: true })
      .expect(200);
    const res = (await compare().expect(200)).body;
    expect(res.peer).toMatchObject({ regionId: teladanId, name: teladan.name, year: 2025, predicate: 'A' });
    expect(res.own.predicate).toBe('B');
    expect(res.total.peerHigher).toBe(true);
    expect(res.peerHigher.length).toBeGreaterThan(0);
    expect(Object.keys(res.peer).sort()).toEqual([
      'basis',
      'kind',
      'name',
      'predicate',
      'publishedAt',
      'regionId',
      'ruleSet',
      'source',
      'total',
      'year',
    ]);

    // Nothing of the peer beyond the aggregate: none of its SKPD, users or evaluations appear; its rows stay 404.
    const body = JSON.stringify(res);
    const skpd = await t.db.query('SELECT id FROM skpd WHERE regionId = ?', [teladanId]);
    const evaluations = await t.db.query('SELECT id FROM evaluations WHERE regionId = ?', [teladanId]);
    const users = await t.db.query('SELECT id, username FROM users WHERE regionId = ?', [teladanId]);
    for (const row of [...skpd, ...evaluations, ...users]) expect(body).not.toContain(row.id);
    for (const u of users) expect(body).not.toContain(u.username);
    for (const ev of evaluations.slice(0, 3))
      await request(t.http).get(`${PROGRESS}/evaluations/${ev.id}/roadmap`).set(bupati).expect(404);
    // 2024 was withdrawn and not published again.
    expect((await request(t.http).get(`${PROGRESS}/benchmark/${teladanId}?year=2024`).set(bupati)).status).toBe(404);
  });

  it('the B region gets a roadmap from its 2025 Pemda evaluation to BB', async () => {
    const [{ id: majuId }] = await t.db.query('SELECT id FROM regions WHERE code = ?', [maju.code]);
    const [pemda] = await t.db.query(
      "SELECT id FROM evaluations WHERE regionId = ? AND kind = 'PEMDA' AND year = 2025 AND supersededAt IS NULL",
      [majuId],
    );
    const r = (
      await request(t.http)
        .get(`${PROGRESS}/evaluations/${pemda.id}/roadmap`)
        .set(await login(`${maju.usernamePrefix}.bupati`))
        .expect(200)
    ).body;
    expect(r).toMatchObject({ predicate: 'B', nextPredicate: 'BB', reachable: true, predicateAfter: 'BB' });
    expect(r.steps.length).toBeGreaterThan(0);
    expect(
      r.steps.every(
        (s: { evidence: string[]; responsible: { name: string } }) => s.evidence.length > 0 && s.responsible.name,
      ),
    ).toBe(true);
  });

  it('ranks the B region’s SKPD by the quarterly index from their PK capaian and LKE progress', async () => {
    const idx = (
      await request(t.http)
        .get(`${PROGRESS}/skpd-index?year=2025&quarter=4`)
        .set(await login(`${maju.usernamePrefix}.bupati`))
        .expect(200)
    ).body;
    expect(idx.items).toHaveLength(31);
    const withCapaian = idx.items.filter((i: { capaian: string | null }) => i.capaian !== null);
    expect(withCapaian.length).toBeGreaterThan(0);
    for (const i of idx.items) {
      expect(Number(i.index)).toBeGreaterThanOrEqual(0);
      expect(Number(i.index)).toBeLessThanOrEqual(100);
      expect(i.evaluationProgress).toBe('100.00'); // every demo SKPD has a FINAL 2025 evaluation
    }
    const indexes = idx.items.map((i: { index: string }) => Number(i.index));
    expect(indexes).toEqual([...indexes].sort((a, b) => b - a));
    expect(idx.items[0].rank).toBe(1);
  });
});
