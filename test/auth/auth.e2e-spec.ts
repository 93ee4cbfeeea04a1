import { Writable } from 'node:stream';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { User } from '../../src/auth/entities/user.entity';
import { TEST_PASSWORD } from '../factories/factories';
import { createTestApp, type TestApp } from '../utils/test-app';

/** Collects every log line the app writes, to prove no secret ever reaches the log. */
class LogCapture extends Writable {
  lines: string[] = [];
  override _write(chunk: Buffer, _: string, done: () => void) {
    this.lines.push(chunk.toString());
    done();
  }
}

describe('Authentication: tokens, rotation, throttling, password policy', () => {
  let t: TestApp;
  const logs = new LogCapture();
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_SECONDS: '120' }, { logStream: logs });
  });
  afterAll(() => t.close());

  const login = (username: string, password = TEST_PASSWORD) =>
    request(t.http).post('/api/v1/auth/login').send({ username, password });

  it('logs in with username and password and reaches a protected route', async () => {
    const user = await t.make.user({ role: 'HEAD' });
    const res = await login(user.username).expect(200);
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: 900,
    });
    const me = await request(t.http)
      .get('/api/v1/auth/me')
      .set({ Authorization: `Bearer ${res.body.accessToken}` })
      .expect(200);
    expect(me.body).toEqual(expect.objectContaining({ id: user.id, role: 'HEAD', regionId: user.regionId }));
    expect(me.body).not.toHaveProperty('passwordHash');
    expect(me.body).not.toHaveProperty('tokenVersion');
  });

  it('answers a wrong password and an unknown user alike with 401', async () => {
    const user = await t.make.user({ role: 'HEAD' });
    const wrong = await login(user.username, 'Salah-password-1').expect(401);
    const unknown = await login('nobody.here', 'Salah-password-1').expect(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.body.message).toBe(wrong.body.message);
  });

  it('rejects an inactive user at login and their existing token with 401', async () => {
    const user = await t.make.user({ role: 'PLANNER' });
    await t.db.getRepository(User).update({ id: user.id }, { active: false });
    await login(user.username).expect(401);
    await request(t.http).get('/api/v1/auth/me').set(t.auth(user)).expect(401);
  });

  it('rejects expired, tampered and foreign-signed tokens with 401', async () => {
    const user = await t.make.user({ role: 'HEAD' });
    const jwt = t.app.get(JwtService);
    const expired = await jwt.signAsync({ sub: user.id, tv: 0, exp: Math.floor(Date.now() / 1000) - 10 });
    const [h, p, s] = user.token.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const tampered = [h, Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url'), s].join(
      '.',
    );
    const foreign = await new JwtService({ secret: 'another-secret-another-secret-another' }).signAsync({
      sub: user.id,
      tv: 0,
    });
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${p}.`;
    for (const token of [expired, tampered, foreign, unsigned, 'not-a-jwt']) {
      const res = await request(t.http)
        .get('/api/v1/auth/me')
        .set({ Authorization: `Bearer ${token}` })
        .expect(401);
      expect(res.body.code).toBe('INVALID_TOKEN');
    }
    await request(t.http).get('/api/v1/auth/me').expect(401);
  });

  it('rotates refresh tokens and revokes the whole session when an old one is reused', async () => {
    const user = await t.make.user({ role: 'HEAD' });
    const first = (await login(user.username).expect(200)).body;
    const second = (
      await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)
    ).body;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    // Reusing the first token is theft: it fails and takes the second one down with it.
    await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401);
  });

  it('logout revokes the refresh token and the access token in use', async () => {
    const user = await t.make.user({ role: 'HEAD' });
    const pair = (await login(user.username).expect(200)).body;
    const auth = { Authorization: `Bearer ${pair.accessToken}` };
    await request(t.http).post('/api/v1/auth/logout').set(auth).send({ refreshToken: pair.refreshToken }).expect(204);
    await request(t.http).get('/api/v1/auth/me').set(auth).expect(401);
    await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: pair.refreshToken }).expect(401);
  });

  it('changes the password under the policy and ends the other sessions', async () => {
    const user = await t.make.user({ role: 'EVALUATOR' });
    const other = (await login(user.username).expect(200)).body;
    const weak = await request(t.http)
      .post('/api/v1/auth/change-password')
      .set(t.auth(user))
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'short' })
      .expect(422);
    expect(weak.body).toEqual(
      expect.objectContaining({ code: 'WEAK_PASSWORD', errors: [expect.objectContaining({ field: 'password' })] }),
    );
    await request(t.http)
      .post('/api/v1/auth/change-password')
      .set(t.auth(user))
      .send({ currentPassword: 'Wrong-password-9', newPassword: 'Baru-sekali-2027' })
      .expect(422);
    await request(t.http)
      .post('/api/v1/auth/change-password')
      .set(t.auth(user))
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'Baru-sekali-2027' })
      .expect(204);
    await request(t.http).get('/api/v1/auth/me').set(t.auth(user)).expect(401);
    await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: other.refreshToken }).expect(401);
    await login(user.username).expect(401);
    await login(user.username, 'Baru-sekali-2027').expect(200);
  });

  it('stores argon2id hashes only', async () => {
    const user = await t.make.user({ role: 'HEAD' });
    const admin = await t.make.user({ role: 'REGION_ADMIN', regionId: user.regionId });
    await request(t.http)
      .post(`/api/v1/users/${user.id}/reset-password`)
      .set(t.auth(admin))
      .send({ newPassword: 'Direset-oleh-admin-1' })
      .expect(204);
    const row = await t.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: user.id })
      .getOneOrFail();
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$/);
    await request(t.http).get('/api/v1/auth/me').set(t.auth(user)).expect(401);
    await login(user.username, 'Direset-oleh-admin-1').expect(200);
  });

  it('throttles failed logins per username and IP with a 429 that says when to retry', async () => {
    const user = await t.make.user({ role: 'HEAD' });
    for (let i = 0; i < 3; i++) await login(user.username, 'Salah-password-1').expect(401);
    const locked = await login(user.username).expect(429);
    expect(locked.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(100);
    expect(locked.body.message).toMatch(/try again in \d+ seconds/);
    // Another username from the same IP is not affected.
    const other = await t.make.user({ role: 'HEAD' });
    await login(other.username).expect(200);
  });

  it('never writes a password, hash or token to the log', async () => {
    const user = await t.make.user({ role: 'HEAD' });
    const pair = (await login(user.username).expect(200)).body;
    await request(t.http)
      .get('/api/v1/auth/me')
      .set({ Authorization: `Bearer ${pair.accessToken}` })
      .expect(200);
    await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: pair.refreshToken }).expect(200);
    await login(user.username, 'Salah-password-1').expect(401);
    const all = logs.lines.join('\n');
    expect(logs.lines.length).toBeGreaterThan(3);
    for (const secret of [
      TEST_PASSWORD,
      'Salah-password-1',
      pair.accessToken,
      pair.refreshToken,
      '$argon2id$',
      'authorization',
    ])
      expect(all).not.toContain(secret);
  });
});
