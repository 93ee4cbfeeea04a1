import request from 'supertest';
import { TEST_PASSWORD, type MadeUser } from '../factories/factories';
import { indicator, planningWorld, skpdPlan } from '../planning/planning-fixtures';
import { createTestCluster, type TestApp, type TestCluster } from '../utils/test-app';
import { usesMysql } from '../utils/test-database';

/** A versioned resource: where to write it, who may, and the body of a write based on `version`. */
interface Target {
  user: MadeUser;
  method: 'patch' | 'put';
  path: string;
  body: (version: number, n: number) => object;
  version: number;
}

const ROUNDS = 3;
const WRITES_PER_ROUND = 30;

/**
 * Versioned writes under load: every round sends 30 simultaneous writes, all based on the version read before the
 * round, spread over the instances (three replicas on one MariaDB database; one instance on SQLite). Each answers
 * 200 or 409 STALE_VERSION, never hangs or 500, and exactly one write per resource wins each round. On MariaDB each
 * instance has a pool of one connection (test-database.ts): a query outside its transaction fails at once.
 */
describe('concurrent versioned writes on several instances: 200 or 409, never a hang or a 500', () => {
  let cluster: TestCluster;
  let apps: TestApp[];
  let t: TestApp;
  beforeAll(async () => {
    cluster = await createTestCluster(usesMysql() ? 3 : 1);
    apps = cluster.apps;
    t = apps[0];
  });
  afterAll(() => cluster.close());

  async function hammer(targets: Target[]): Promise<void> {
    for (let round = 0; round < ROUNDS; round++) {
      const sent = Array.from({ length: WRITES_PER_ROUND }, (_, n) => {
        const target = targets[n % targets.length];
        const app = apps[n % apps.length];
        const call = request(app.http)[target.method](target.path);
        return call
          .set(app.auth(target.user))
          .send(target.body(target.version, round * WRITES_PER_ROUND + n))
          .then((res) => ({
            target,
            path: target.path,
            status: res.status,
            code: res.body.code as string | undefined,
          }));
      });
      const answers = await Promise.all(sent);
      const unexpected = answers.filter((a) => a.status !== 200 && !(a.status === 409 && a.code === 'STALE_VERSION'));
      expect(unexpected.map(({ path, status, code }) => ({ path, status, code }))).toEqual([]);
      for (const target of targets) {
        expect(answers.filter((a) => a.target === target && a.status === 200)).toHaveLength(1);
        target.version += 1;
      }
    }
  }

  const patch = (user: MadeUser, path: string, version: number, body: (n: number) => object): Target => ({
    user,
    method: 'patch',
    path,
    version,
    body: (v, n) => ({ version: v, ...body(n) }),
  });

  it('SKPD: 30 writes over 20 SKPD per round', async () => {
    const admin = await t.make.user({ role: 'REGION_ADMIN' });
    const targets: Target[] = [];
    for (let i = 0; i < 20; i++) {
      const skpd = await t.make.skpd(admin.regionId!);
      targets.push(patch(admin, `/api/v1/skpd/${skpd.id}`, 1, (n) => ({ name: `Dinas Uji Beban ${n}` })));
    }
    await hammer(targets);
  });

  it('region, user and performance settings', async () => {
    const admin = await t.make.user({ role: 'REGION_ADMIN' });
    const planner = await t.make.user({ role: 'PLANNER', regionId: admin.regionId });
    const region = await request(t.http).get(`/api/v1/regions/${admin.regionId}`).set(t.auth(admin)).expect(200);
    await hammer([
      patch(admin, `/api/v1/regions/${admin.regionId}`, region.body.version, (n) => ({ name: `Kabupaten ${n}` })),
      patch(admin, `/api/v1/users/${planner.id}`, planner.version, (n) => ({ displayName: `Perencana ${n}` })),
      {
        user: admin,
        method: 'put',
        path: '/api/v1/performance-settings',
        version: 0,
        body: (version, n) => ({ version, blockOnDataQuality: n % 2 === 0 }),
      },
    ]);
  });

  it('planning period, plan node, indicator and PK', async () => {
    const w = await planningWorld(t);
    const s = await skpdPlan(t, w);
    const ind = await indicator(t, s.planner, s.sasaranId);
    const pk = await request(t.http)
      .post('/api/v1/pk')
      .set(t.auth(s.planner))
      .send({ skpdId: s.skpdId, year: 2026 })
      .expect(201);
    await hammer([
      patch(w.admin, `/api/v1/planning/periods/${w.periodId}`, 1, (n) => ({ legalBasis: `Perda ${n}/2025` })),
      patch(s.planner, `/api/v1/planning/nodes/${s.tujuanId}`, 1, (n) => ({ name: `Tujuan ${n}` })),
      patch(s.planner, `/api/v1/planning/indicators/${ind.id}`, 1, (n) => ({ name: `Jumlah layanan ${n}` })),
      patch(s.planner, `/api/v1/pk/${pk.body.id}`, pk.body.version, (n) => ({ signerName: `Kepala ${n}` })),
    ]);
  });

  it('evaluation schedule and recommendation', async () => {
    const admin = await t.make.user({ role: 'REGION_ADMIN' });
    const skpd = await t.make.skpd(admin.regionId!);
    const evaluator = await t.make.user({ role: 'EVALUATOR', regionId: admin.regionId });
    const ev = await request(t.http)
      .post('/api/v1/evaluations')
      .set(t.auth(admin))
      .send({ skpdId: skpd.id, year: 2025 })
      .expect(201);
    const rec = await request(t.http)
      .post(`/api/v1/evaluations/${ev.body.id}/recommendations`)
      .set(t.auth(evaluator))
      .send({ text: 'Agar menyusun rencana aksi triwulanan.' })
      .expect(201);
    await hammer([
      patch(admin, `/api/v1/evaluations/${ev.body.id}/schedule`, ev.body.version, (n) => ({
        selfDeadline: new Date(Date.UTC(2099, 0, 1 + n)).toISOString(),
      })),
      patch(evaluator, `/api/v1/evaluations/${ev.body.id}/recommendations/${rec.body.id}`, rec.body.version, (n) => ({
        text: `Agar menyusun rencana aksi ke-${n}.`,
      })),
    ]);
  });

  it('every instance still answers /health and a login afterwards', async () => {
    const user = await t.make.user({ role: 'REGION_ADMIN' });
    for (const app of apps) {
      await request(app.http).get('/health').expect(200);
      await request(app.http)
        .post('/api/v1/auth/login')
        .send({ username: user.username, password: TEST_PASSWORD })
        .expect(200);
    }
  });
});
