import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DEMO_PASSWORD, DEMO_REGIONS } from '../../src/demo/demo-data';
import { canonicalJson } from '../../src/evaluation/domain/canonical-json';
import { StoredScores1766000000000 } from '../../src/database/migrations/1766000000000-stored-scores';
import { verifyStoredScores } from '../../src/evaluation/score-verification';
import { createTestApp, type TestApp } from '../utils/test-app';
import { createTestDatabase, type TestDatabase, usesMysql } from '../utils/test-database';

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

  /** Score requests in flight at once (the demo has ~200 evaluations). */
  const CONCURRENT = 8;

  /**
   * Equal, compared evaluation by evaluation as JSON text: a failing toEqual over ~200 score breakdowns makes Jest
   * render a diff for many minutes; this names the first evaluation that differs instead.
   */
  function expectSame(after: Record<string, unknown>, before: Record<string, unknown>): void {
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    const differing = Object.keys(before).filter((id) => JSON.stringify(after[id]) !== JSON.stringify(before[id]));
    expect(differing).toEqual([]);
  }

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
        const items = list.body.items as { id: string }[];
        for (let i = 0; i < items.length; i += CONCURRENT)
          await Promise.all(
            items.slice(i, i + CONCURRENT).map(async (ev) => {
              const score = await request(app.http).get(`/api/v1/evaluations/${ev.id}/score`).set(auth).expect(200);
              const { version: _v, updatedAt: _u, ...row } = ev as Record<string, unknown>;
              out[ev.id] = { row, score: score.body };
            }),
          );
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

    const answers = async () => Number((await t!.db.query('SELECT COUNT(*) AS n FROM evaluation_answers'))[0].n);
    const answersBefore = await answers();

    // Down to just before the stored-scores migration (later migrations are undone first, newest first). On SQLite
    // outside a transaction: only there can TypeORM turn foreign keys off, so that rebuilding `evaluations` does not
    // cascade-delete its answers (the migration refuses otherwise).
    const latest = async () =>
      ((await t!.db.query('SELECT name FROM migrations ORDER BY timestamp DESC LIMIT 1')) as { name: string }[])[0]
        .name;
    while ((await latest()) !== StoredScores1766000000000.name) await t.db.undoLastMigration({ transaction: 'each' });
    if (!usesMysql()) await expect(t.db.undoLastMigration({ transaction: 'each' })).rejects.toThrow(/foreign keys off/);
    await t.db.undoLastMigration({ transaction: usesMysql() ? 'each' : 'none' });
    expect(await latest()).not.toBe(StoredScores1766000000000.name);
    expect(await answers()).toBe(answersBefore);
    const restored = (await t.db.query('SELECT id, ruleSetSnapshot FROM evaluations')) as {
      id: string;
      ruleSetSnapshot: string;
    }[];
    const byId = new Map(restored.map((r) => [r.id, canonicalJson(JSON.parse(r.ruleSetSnapshot))]));
    for (const r of refs) expect(byId.get(r.id)).toBe(bodies.get(r.ruleSetSnapshotId));
    const runner = t.db.createQueryRunner();
    expect(await runner.hasTable('evaluation_stage_scores')).toBe(false);
    await runner.release();
    await t.app.close();

    // A fresh instance (no in-process caches) migrates the database up again on start.
    t = await createTestApp({}, { database: shared(), storage });
    expectSame(await everyScore(t), before);
    expect(await storedRows(t)).toEqual(rowsBefore);
    expect(Number((await t.db.query('SELECT COUNT(*) AS n FROM lke_rule_set_snapshots'))[0].n)).toBe(snapshots);
    expect((await verifyStoredScores(t.db.manager, {})).mismatches).toEqual([]);
  }, 600_000);
});
