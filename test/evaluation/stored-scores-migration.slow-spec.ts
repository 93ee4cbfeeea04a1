import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DEMO_PASSWORD, DEMO_REGIONS } from '../../src/demo/demo-data';
import { canonicalJson } from '../../src/evaluation/domain/canonical-json';
import { StoredScores1766000000000 } from '../../src/database/migrations/1766000000000-stored-scores';
import { verifyStoredScores } from '../../src/evaluation/score-verification';
import { createTestApp, type TestApp } from '../utils/test-app';
import { createTestDatabase, type TestDatabase } from '../utils/test-database';

/**
 * The stored-scores migration on the demo database: down (snapshots back into each evaluation, stored scores dropped)
 * then up again (snapshots deduplicated, stage scores recomputed by the engine) leaves every score, total and
 * predicate identical through the API, and the recomputed rows equal to those the answer writes had stored.
 */
describe('stored-scores migration on the demo database', () => {
  let database: TestDatabase;
  let storage: string;
  let t: TestApp | undefined;
  const shared = () => ({ env: database.env, drop: async () => undefined });

  beforeAll(async () => {
    database = await createTestDatabase({ shared: true });
    storage = mkdtempSync(join(tmpdir(), 'sakip-test-storage-'));
  });
  afterAll(async () => {
    await t?.close();
    await database.drop();
    rmSync(storage, { recursive: true, force: true });
  });

  /** Every evaluation of every demo region (all revisions): its API row and its score breakdown. */
  async function everyScore(app: TestApp): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const region of DEMO_REGIONS) {
      const login = await request(app.http)
        .post('/api/v1/auth/login')
        .send({ username: `${region.usernamePrefix}.admin`, password: DEMO_PASSWORD })
        .expect(200);
      const auth = { Authorization: `Bearer ${login.body.accessToken}` };
      for (let page = 1; ; page++) {
        const list = await request(app.http)
          .get(`/api/v1/evaluations?includeSuperseded=true&pageSize=100&page=${page}`)
          .set(auth)
          .expect(200);
        for (const ev of list.body.items as { id: string }[]) {
          const score = await request(app.http).get(`/api/v1/evaluations/${ev.id}/score`).set(auth).expect(200);
          const { version: _v, updatedAt: _u, ...row } = ev as Record<string, unknown>;
          out[ev.id] = { row, score: score.body };
        }
        if (page * 100 >= list.body.total) break;
      }
    }
    return out;
  }

  const storedRows = async (app: TestApp) =>
    (
      (await app.db.query(
        'SELECT evaluationId, stage, level, partId, componentId, status, answersGiven, answersExpected, valueExact, scoreExact, predicate FROM evaluation_stage_scores',
      )) as Record<string, unknown>[]
    )
      .map((r) =>
        JSON.stringify({ ...r, answersGiven: Number(r.answersGiven), answersExpected: Number(r.answersExpected) }),
      )
      .sort();

  it('keeps every score, total and predicate identical through down and up', async () => {
    t = await createTestApp({ SEED_DEMO: 'true' }, { database: shared(), storage });
    const before = await everyScore(t);
    expect(Object.keys(before).length).toBeGreaterThan(20);
    const rowsBefore = await storedRows(t);
    const snapshots = Number((await t.db.query('SELECT COUNT(*) AS n FROM lke_rule_set_snapshots'))[0].n);
    const evaluations = Number((await t.db.query('SELECT COUNT(*) AS n FROM evaluations'))[0].n);
    expect(snapshots).toBeLessThan(evaluations); // stored once per distinct rule set, not per evaluation

    const bodies = new Map(
      ((await t.db.query('SELECT id, body FROM lke_rule_set_snapshots')) as { id: string; body: string }[]).map((s) => [
        s.id,
        canonicalJson(JSON.parse(s.body)),
      ]),
    );
    const refs = (await t.db.query('SELECT id, ruleSetSnapshotId FROM evaluations')) as {
      id: string;
      ruleSetSnapshotId: string;
    }[];

    // Down to just before the stored-scores migration (later migrations are undone first, newest first).
    const executed = async () =>
      ((await t!.db.query('SELECT name FROM migrations')) as { name: string }[]).map((r) => r.name);
    while ((await executed()).includes(StoredScores1766000000000.name))
      await t.db.undoLastMigration({ transaction: 'each' });
    const restored = (await t.db.query('SELECT id, ruleSetSnapshot FROM evaluations')) as {
      id: string;
      ruleSetSnapshot: string;
    }[];
    const byId = new Map(restored.map((r) => [r.id, canonicalJson(JSON.parse(r.ruleSetSnapshot))]));
    for (const r of refs) expect(byId.get(r.id)).toBe(bodies.get(r.ruleSetSnapshotId));
    expect(await t.db.createQueryRunner().hasTable('evaluation_stage_scores')).toBe(false);
    await t.app.close();

    // A fresh instance (no in-process caches) migrates the database up again on start.
    t = await createTestApp({}, { database: shared(), storage });
    expect(await everyScore(t)).toEqual(before);
    expect(await storedRows(t)).toEqual(rowsBefore);
    expect(Number((await t.db.query('SELECT COUNT(*) AS n FROM lke_rule_set_snapshots'))[0].n)).toBe(snapshots);
    expect((await verifyStoredScores(t.db.manager, {})).mismatches).toEqual([]);
  }, 3_000_000);
});
