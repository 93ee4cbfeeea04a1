import request from 'supertest';
import { createTestCluster, type TestCluster } from '../utils/test-app';

describe('several app instances on one database (the harness the concurrency tests use)', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await createTestCluster(2);
  });
  afterAll(() => cluster.close());

  it('reads through one instance what another wrote', async () => {
    const [a, b] = cluster.apps;
    const admin = await a.make.user({ role: 'REGION_ADMIN' });
    const created = await request(a.http)
      .post('/api/v1/skpd')
      .set(a.auth(admin))
      .send({ code: '9.99.01', name: 'Dinas Replika', shortName: 'DR', kind: 'DINAS' })
      .expect(201);
    const read = await request(b.http).get(`/api/v1/skpd/${created.body.id}`).set(b.auth(admin)).expect(200);
    expect(read.body.name).toBe('Dinas Replika');
  });
});
