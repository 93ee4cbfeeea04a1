import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { LoginThrottle } from '../../src/auth/entities/login-throttle.entity';
import { TEST_PASSWORD } from '../factories/factories';
import { createTestCluster, type TestApp, type TestCluster } from '../utils/test-app';
import { usesMysql } from '../utils/test-database';

/**
 * Sessions under hostile use: foreign logout, tokens that would live forever, and the two races of issue #16
 * (refresh-token reuse, parallel wrong passwords). The races run across three replicas on one MariaDB database
 * (TEST_DB=mysql), or on the one instance an embedded SQLite database has.
 */
const MAX_FAILURES = 5;
const TRIALS = 8;
const JWT_SECRET = 'test-secret-0123456789-0123456789-0123456789';

describe('Sessions: logout, token lifetime, reuse and throttling races', () => {
  let cluster: TestCluster;
  let t: TestApp;
  beforeAll(async () => {
    cluster = await createTestCluster(usesMysql() ? 3 : 1, {
      LOGIN_MAX_FAILURES: String(MAX_FAILURES),
      LOGIN_LOCK_SECONDS: '600',
    });
    t = cluster.apps[0];
  });
  afterAll(() => cluster.close());

  /** The instance for request i: requests are spread over the replicas like a round-robin load balancer. */
  const replica = (i: number) => cluster.apps[i % cluster.apps.length].http;
  const me = (accessToken: string, i = 0) =>
    request(replica(i))
      .get('/api/v1/auth/me')
      .set({ Authorization: `Bearer ${accessToken}` });
  const refresh = (refreshToken: string, i = 0) =>
    request(replica(i)).post('/api/v1/auth/refresh').send({ refreshToken });
  const login = (username: string, password: string, i = 0) =>
    request(replica(i)).post('/api/v1/auth/login').send({ username, password });

  describe('logout', () => {
    it("answers 204 for another user's refresh token but revokes nothing of theirs", async () => {
      const caller = await t.make.user({ role: 'HEAD' });
      const victim = await t.make.user({ role: 'HEAD' });
      await request(t.http)
        .post('/api/v1/auth/logout')
        .set(t.auth(caller))
        .send({ refreshToken: victim.refreshToken })
        .expect(204);
      await me(victim.token).expect(200);
      const renewed = await refresh(victim.refreshToken).expect(200);
      await refresh(renewed.body.refreshToken).expect(200);
      // The caller's own access token still ends, as any logout does.
      await me(caller.token).expect(401);
    });
  });

  describe('access token lifetime', () => {
    const jwt = new JwtService({ secret: JWT_SECRET });
    const now = () => Math.floor(Date.now() / 1000);

    it('accepts tokens with the configured lifetime, also issued by a clock a few seconds ahead (the control)', async () => {
      const user = await t.make.user({ role: 'HEAD' });
      for (const ahead of [0, 10]) {
        const token = await jwt.signAsync({ sub: user.id, tv: 0, iat: now() + ahead, exp: now() + ahead + 900 });
        await me(token).expect(200);
      }
    });

    /** Claims as seconds from now; a missing one is left out of the token. */
    type Lifetime = { iat?: number; exp?: number };
    it.each<[string, Lifetime]>([
      ['no exp', { iat: 0 }],
      ['no iat', { exp: 600 }],
      ['an iat an hour ahead', { iat: 3600, exp: 3600 + 900 }],
      ['a lifetime of a year', { iat: 0, exp: 365 * 86_400 }],
    ])('refuses a validly signed token with %s', async (_, shape) => {
      const user = await t.make.user({ role: 'HEAD' });
      const claims: Record<string, unknown> = { sub: user.id, tv: 0 };
      if (shape.iat !== undefined) claims.iat = now() + shape.iat;
      if (shape.exp !== undefined) claims.exp = now() + shape.exp;
      const token = await jwt.signAsync(claims, { noTimestamp: shape.iat === undefined });
      const res = await me(token).expect(401);
      expect(res.body.code).toBe('INVALID_TOKEN');
    });
  });

  describe('refresh-token reuse racing the rotation', () => {
    it('leaves no token of the family working once two simultaneous refreshes detect the reuse', async () => {
      for (let trial = 0; trial < TRIALS; trial++) {
        const user = await t.make.user({ role: 'HEAD' });
        const answers = await Promise.all([refresh(user.refreshToken, trial), refresh(user.refreshToken, trial + 1)]);
        const statuses = answers.map((a) => a.status).sort();
        expect([
          [200, 401],
          [401, 401],
        ]).toContainEqual(statuses);
        for (const winner of answers.filter((a) => a.status === 200)) {
          await refresh(winner.body.refreshToken, trial + 2).expect(401);
          await me(winner.body.accessToken, trial).expect(401);
        }
        await refresh(user.refreshToken, trial).expect(401);
        await me(user.token, trial + 1).expect(401);
        // A fresh login is a new family and works.
        await login(user.username, TEST_PASSWORD, trial).expect(200);
      }
    });
  });

  describe('login throttling under parallel attempts', () => {
    const throttleRows = () => t.db.getRepository(LoginThrottle).find();

    it(`checks at most ${MAX_FAILURES} of 15 simultaneous wrong passwords and counts exactly those`, async () => {
      for (let trial = 0; trial < 3; trial++) {
        const user = await t.make.user({ role: 'HEAD' });
        const before = new Set((await throttleRows()).map((r) => r.key));
        const answers = await Promise.all(
          Array.from({ length: 15 }, (_, i) => login(user.username, 'Salah-password-1', i)),
        );
        const statuses = answers.map((a) => a.status);
        expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
        expect(statuses.filter((s) => s === 401)).toHaveLength(MAX_FAILURES);
        for (const locked of answers.filter((a) => a.status === 429)) {
          expect(locked.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
          expect(Number(locked.headers['retry-after'])).toBeGreaterThan(500);
        }
        const counted = (await throttleRows()).filter((r) => !before.has(r.key));
        expect(counted.map((r) => r.failures)).toEqual([MAX_FAILURES]);
        // Locked: even the right password is not checked.
        await login(user.username, TEST_PASSWORD, trial).expect(429);

        // When the lock has run out, checks resume with a fresh count, and a success clears it.
        await t.db
          .getRepository(LoginThrottle)
          .update({ key: counted[0].key }, { lockedUntil: new Date(Date.now() - 1000) });
        await login(user.username, 'Salah-password-1', trial + 1).expect(401);
        expect((await t.db.getRepository(LoginThrottle).findOneByOrFail({ key: counted[0].key })).failures).toBe(1);
        await login(user.username, TEST_PASSWORD, trial + 2).expect(200);
        expect(await t.db.getRepository(LoginThrottle).findOneBy({ key: counted[0].key })).toBeNull();
      }
    });
  });
});
