import request from 'supertest';
import { createTestApp, type TestApp } from '../utils/test-app';

describe('HTTP pipeline: one error shape, health and docs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT: '2kb' });
  });
  afterAll(() => t.close());

  const expectErrorShape = (body: Record<string, unknown>, statusCode: number, code: string) => {
    expect(body).toEqual(
      expect.objectContaining({ statusCode, code, message: expect.any(String), correlationId: expect.any(String) }),
    );
    expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+|SELECT|INSERT|QueryFailedError|stack/);
  };

  it('GET /health is 200 with the database up', async () => {
    const res = await request(t.http).get('/health').expect(200);
    expect(res.body.info.database.status).toBe('up');
  });

  it('serves Swagger UI at /docs and the JSON at /docs-json', async () => {
    await request(t.http).get('/docs').expect(200);
    const res = await request(t.http).get('/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toContain('/api/v1/auth/login');
  });

  it('answers malformed JSON with 400 INVALID_JSON and keeps serving', async () => {
    const res = await request(t.http)
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username": ')
      .expect(400);
    expectErrorShape(res.body, 400, 'INVALID_JSON');
    await request(t.http).get('/health').expect(200);
  });

  it('answers an unknown field with 400 VALIDATION_FAILED naming the field', async () => {
    const res = await request(t.http)
      .post('/api/v1/auth/login')
      .send({ username: 'a', password: 'b', pasword: 'typo' })
      .expect(400);
    expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
    expect(res.body.errors).toEqual([{ field: 'pasword', messages: [expect.stringContaining('should not exist')] }]);
  });

  it('answers an invalid field with 400 listing each field', async () => {
    const res = await request(t.http).post('/api/v1/auth/login').send({ username: 5 }).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['password', 'username']);
  });

  it('answers an oversized body with 413 PAYLOAD_TOO_LARGE and keeps serving', async () => {
    const res = await request(t.http)
      .post('/api/v1/auth/login')
      .send({ username: 'x'.repeat(5000), password: 'y' })
      .expect(413);
    expectErrorShape(res.body, 413, 'PAYLOAD_TOO_LARGE');
    await request(t.http).get('/health').expect(200);
  });

  it('answers an unknown route with 404 in the same shape', async () => {
    const res = await request(t.http).get('/api/v1/nothing-here').expect(404);
    expectErrorShape(res.body, 404, 'NOT_FOUND');
  });

  it.each(['/foo', '/api/health', '/api/v2/x', '/%', '/konsolx'])(
    'answers %s, outside every route, with 404 in the same shape (not an HTML page)',
    async (path) => {
      const res = await request(t.http).get(path).expect(404).expect('Content-Type', /json/);
      expectErrorShape(res.body, 404, 'NOT_FOUND');
    },
  );

  it('refuses a compressed upload with 415 in the same shape (the upload parser does not decompress)', async () => {
    const planner = await t.make.user({ role: 'PLANNER' });
    const res = await request(t.http)
      .post('/api/v1/evidence')
      .set(t.auth(planner))
      .set('Content-Encoding', 'gzip')
      .attach('file', Buffer.from('%PDF-1.4 junk'), 'bukti.pdf')
      .expect(415);
    expectErrorShape(res.body, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it.each(['utf-7', 'latin1', 'klingon'])(
    'refuses JSON in charset %s with 415 (JSON is UTF-8), and takes utf-8',
    async (charset) => {
      const body = JSON.stringify({ username: 'nobody.here', password: 'x' });
      const refused = await request(t.http)
        .post('/api/v1/auth/login')
        .set('Content-Type', `application/json; charset=${charset}`)
        .send(body)
        .expect(415);
      expectErrorShape(refused.body, 415, 'UNSUPPORTED_MEDIA_TYPE');
      await request(t.http)
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json; charset=UTF-8')
        .send(body)
        .expect(401);
    },
  );

  it('answers a method no route has with 404 in the same shape', async () => {
    for (const method of ['options', 'trace'] as const) {
      const res = await request(t.http)[method]('/api/v1/skpd').expect(404);
      if (method !== 'trace') expectErrorShape(res.body, 404, 'NOT_FOUND');
    }
  });

  it('reuses a caller-supplied request id as the correlation id and echoes it', async () => {
    const res = await request(t.http).get('/api/v1/skpd').set('x-request-id', 'trace-abc-123').expect(401);
    expect(res.headers['x-request-id']).toBe('trace-abc-123');
    expect(res.body.correlationId).toBe('trace-abc-123');
  });

  it('answers a duplicate key with 409 DUPLICATE on this driver', async () => {
    const admin = await t.make.user({ role: 'REGION_ADMIN' });
    const body = { code: '1.02.01', name: 'Dinas Kesehatan', shortName: 'Dinkes', kind: 'DINAS' };
    await request(t.http).post('/api/v1/skpd').set(t.auth(admin)).send(body).expect(201);
    const res = await request(t.http).post('/api/v1/skpd').set(t.auth(admin)).send(body).expect(409);
    expectErrorShape(res.body, 409, 'DUPLICATE');
  });

  it('sets security headers (helmet)', async () => {
    const res = await request(t.http).get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('serves /docs over plain HTTP without asking browsers to upgrade its assets to https', async () => {
    const res = await request(t.http).get('/docs/').redirects(1).expect(200);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });
});
