import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { usesMysql } from '../utils/test-database';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * A TCP proxy in front of MariaDB that can be cut and restored, to play a database going away, or silenced (sockets
 * stay open, bytes are dropped) to play a database that stops answering without refusing anything.
 */
class CuttableProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  silent = false;
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  async up(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      const forward = (from: Socket, to: Socket) => from.on('data', (bytes) => this.silent || to.write(bytes));
      forward(client, upstream);
      forward(upstream, client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async down(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}

async function eventually(check: () => Promise<boolean>, ms = 15000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('condition not reached in time');
}

const QUERY_TIMEOUT_MS = 2000;

// Needs a real server to take away: runs in `npm run test:mysql` (CI), not on the embedded SQLite file.
(usesMysql() ? describe : describe.skip)('database outage while running (MariaDB)', () => {
  let t: TestApp;
  let proxy: CuttableProxy;
  const savedUrl = process.env.TEST_DB_URL;

  beforeAll(async () => {
    const real = new URL(savedUrl ?? 'mysql://root@127.0.0.1:3306');
    proxy = new CuttableProxy({ host: real.hostname, port: Number(real.port || 3306) });
    await proxy.up();
    real.host = `127.0.0.1:${proxy.port}`;
    process.env.TEST_DB_URL = real.toString();
    t = await createTestApp({ DB_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS) });
  });
  afterAll(async () => {
    await t.close();
    await proxy.down();
    process.env.TEST_DB_URL = savedUrl;
  });

  it('answers 503 while the database is gone and recovers by itself when it returns', async () => {
    const admin = await t.make.user({ role: 'REGION_ADMIN' });
    await request(t.http).get('/health').expect(200);
    await request(t.http).get('/api/v1/skpd').set(t.auth(admin)).expect(200);

    await proxy.down();
    const health = await request(t.http).get('/health');
    expect(health.status).toBe(503);
    const api = await request(t.http).get('/api/v1/skpd').set(t.auth(admin));
    expect(api.status).toBe(503);
    expect(api.body).toEqual(
      expect.objectContaining({ statusCode: 503, code: 'DATABASE_UNAVAILABLE', correlationId: expect.any(String) }),
    );
    expect(JSON.stringify(api.body)).not.toMatch(/ECONNREFUSED|SELECT|127\.0\.0\.1/);

    await proxy.up();
    await eventually(async () => (await request(t.http).get('/health')).status === 200);
    await eventually(async () => (await request(t.http).get('/api/v1/skpd').set(t.auth(admin))).status === 200);
  });

  it('answers 503 within DB_QUERY_TIMEOUT_MS while the database is silent, and recovers when it answers again', async () => {
    const admin = await t.make.user({ role: 'REGION_ADMIN' });
    const skpd = await t.make.skpd(admin.regionId!);
    await request(t.http).get('/api/v1/skpd').set(t.auth(admin)).expect(200);

    proxy.silent = true;
    try {
      for (const send of [
        () => request(t.http).get('/api/v1/skpd').set(t.auth(admin)),
        () => request(t.http).patch(`/api/v1/skpd/${skpd.id}`).set(t.auth(admin)).send({ version: 1, name: 'Diam' }),
        () => request(t.http).get(`/api/v1/skpd/${skpd.id}`).set(t.auth(admin)),
      ]) {
        const started = Date.now();
        const res = await send().timeout(QUERY_TIMEOUT_MS * 4);
        expect([res.status, res.body.code]).toEqual([503, 'DATABASE_UNAVAILABLE']);
        expect(Date.now() - started).toBeLessThan(QUERY_TIMEOUT_MS * 2);
      }
    } finally {
      proxy.silent = false;
    }
    await eventually(async () => (await request(t.http).get('/health')).status === 200);
    await eventually(async () => (await request(t.http).get('/api/v1/skpd').set(t.auth(admin))).status === 200);
    await request(t.http)
      .patch(`/api/v1/skpd/${skpd.id}`)
      .set(t.auth(admin))
      .send({ version: 1, name: 'Dinas Kembali' })
      .expect(200);
  });
});
