import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage } from 'class-validator';
import request from 'supertest';
import { PERMISSIONS, type Role } from '../../src/auth/roles';
import { MAX_BODY_DEPTH } from '../../src/common/http/body-depth';
import { MAX_PAGE, PageQueryDto } from '../../src/common/http/pagination';
import { discoverRoutes, fillPath, type DtoClass, type RouteInfo } from '../access/routes';
import { BODIES, PARAM_RESOURCES, populateTenant, type TenantFixture } from '../access/tenant-fixtures';
import { createTestApp, type TestApp } from '../utils/test-app';

/** Collects the app's log lines (pino JSON). */
class LogCapture extends Writable {
  lines: string[] = [];
  override _write(chunk: Buffer, _: string, done: () => void) {
    this.lines.push(chunk.toString());
    done();
  }
}

const key = (r: RouteInfo) => `${r.method} ${r.path}`;

/** The DTO's properties with their class-validator constraint names (inherited ones included). */
function dtoProperties(cls: DtoClass): Map<string, string[]> {
  const props = new Map<string, string[]>();
  for (const m of getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false))
    props.set(m.propertyName, [...(props.get(m.propertyName) ?? []), m.name ?? m.type]);
  return props;
}
/** The element class of a nested (`@Type(() => X)`) property, if any. */
const nestedType = (cls: DtoClass, prop: string): DtoClass | undefined =>
  defaultMetadataStorage.findTypeMetadata(cls, prop)?.typeFunction() as DtoClass | undefined;
/** What the DTO's OpenAPI metadata says about null for a property. */
const isNullable = (cls: DtoClass, prop: string): boolean =>
  Boolean((Reflect.getMetadata('swagger/apiModelProperties', cls.prototype, prop) as { nullable?: boolean })?.nullable);

describe('hostile input: refused with 4xx in the error shape, never a 500', () => {
  let t: TestApp;
  const logs = new LogCapture();
  let routes: RouteInfo[];
  let f: TenantFixture;
  jest.setTimeout(120_000);

  beforeAll(async () => {
    t = await createTestApp({}, { logStream: logs });
    routes = discoverRoutes(t.app);
    f = await populateTenant(t);
  });
  afterAll(() => t.close());

  const writeRoutes = () => routes.filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method));
  const pathOf = (route: RouteInfo) => fillPath(route.path, (k) => f.ids[PARAM_RESOURCES[k].resource]);
  const callers = new Map<Role, { Authorization: string }>();
  /**
   * A user allowed to call the route (validation runs after the permission check), or none for public ones: one per
   * role, but a new one for the session routes (a logout or password change would end a shared user's session).
   */
  const callerOf = async (route: RouteInfo) => {
    if (route.isPublic || !route.permission) return {};
    const roles = PERMISSIONS[route.permission] as readonly Role[];
    const role = roles.find((r) => r !== 'SUPERADMIN') ?? roles[0];
    const make = async () =>
      t.auth(await t.make.user({ role, regionId: f.regionId, skpdId: role === 'PLANNER' ? f.ownSkpdId : null }));
    if (route.path.startsWith('/api/v1/auth/')) return make();
    if (!callers.has(role)) callers.set(role, await make());
    return callers.get(role)!;
  };
  const send = async (route: RouteInfo, body: string | Buffer | object, headers: Record<string, string> = {}) => {
    const agent = request(t.http);
    const req = agent[route.method.toLowerCase() as 'post'](pathOf(route))
      .set(await callerOf(route))
      .set(typeof body === 'object' && !Buffer.isBuffer(body) ? {} : { 'Content-Type': 'application/json' })
      .set(headers);
    // Raw bytes go out as they are (superagent would serialise a Buffer as JSON).
    if (Buffer.isBuffer(body)) req.serialize((raw: Buffer) => raw as unknown as string);
    return req.send(body);
  };
  const expectError = (res: request.Response, statusCode: number, code: string, what: string) => {
    expect([what, res.status, res.body.code]).toEqual([what, statusCode, code]);
    expect(res.body).toEqual(
      expect.objectContaining({ statusCode, code, message: expect.any(String), correlationId: expect.any(String) }),
    );
  };
  const fieldsOf = (res: request.Response) => (res.body.errors ?? []).map((e: { field: string }) => e.field);

  describe('item 1: deep nesting', () => {
    const nested = (depth: number, inner = '1') => '['.repeat(depth) + inner + ']'.repeat(depth);

    it(`refuses a body nested 2,000 levels with 400 BODY_TOO_DEEP on every write route`, async () => {
      const deepArray = nested(2000);
      const deepObject = '{"a":'.repeat(2000) + '1' + '}'.repeat(2000);
      for (const route of writeRoutes()) {
        expectError(await send(route, deepArray), 400, 'BODY_TOO_DEEP', key(route));
        expectError(await send(route, deepObject), 400, 'BODY_TOO_DEEP', key(route));
      }
      await request(t.http).get('/health').expect(200);
    });

    it(`accepts ${MAX_BODY_DEPTH} levels and refuses one more`, async () => {
      const login = routes.find((r) => key(r) === 'POST /api/v1/auth/login')!;
      const atLimit = `{"username":${nested(MAX_BODY_DEPTH - 1, '"a"')},"password":"x"}`;
      const res = await send(login, atLimit);
      expectError(res, 400, 'VALIDATION_FAILED', 'at the limit');
      expect(fieldsOf(res)).toEqual(['username']);
      const beyond = `{"username":${nested(MAX_BODY_DEPTH, '"a"')},"password":"x"}`;
      expectError(await send(login, beyond), 400, 'BODY_TOO_DEEP', 'one level more');
    });

    it('reads urlencoded bracket keys flat (no nesting), refused as unknown keys', async () => {
      const res = await request(t.http)
        .post('/api/v1/auth/login')
        .type('form')
        .send(`username=a&password=b&${'a'.padEnd(4000, '[a]')}=1`);
      expectError(res, 400, 'VALIDATION_FAILED', 'urlencoded');
    });
  });

  describe('item 2: compressed bodies', () => {
    it('refuses a corrupt gzip, deflate or br body with 400 on every write route, logged with the correlation id', async () => {
      const junk = Buffer.from('this is not compressed at all, just junk bytes');
      let requests = 0;
      for (const route of writeRoutes()) {
        for (const encoding of ['gzip', 'deflate', 'br']) {
          const id = `corrupt-${encoding}-${++requests}`;
          const res = await send(route, junk, { 'Content-Encoding': encoding, 'x-request-id': id });
          expectError(res, 400, 'INVALID_BODY_ENCODING', `${key(route)} ${encoding}`);
          expect(res.body.correlationId).toBe(id);
          const logged = logs.lines.filter((l) => l.includes(`"correlationId":"${id}"`));
          expect([id, logged.map((l) => JSON.parse(l).level)]).toEqual([id, [40]]);
        }
      }
      await request(t.http).get('/health').expect(200);
    });

    it('refuses an unknown Content-Encoding with 415 and reads a valid gzip body', async () => {
      const login = routes.find((r) => key(r) === 'POST /api/v1/auth/login')!;
      const body = JSON.stringify({ username: 'nobody', password: 'Salah-2026-sandi' });
      const unknown = await send(login, body, { 'Content-Encoding': 'x-unknown' });
      expectError(unknown, 415, 'UNSUPPORTED_MEDIA_TYPE', 'unknown encoding');
      const gzipped = await send(login, gzipSync(body), { 'Content-Encoding': 'gzip' });
      expectError(gzipped, 401, 'INVALID_CREDENTIALS', 'valid gzip');
    });

    it('applies BODY_LIMIT to the decompressed body (a small gzip of a huge body is 413)', async () => {
      const login = routes.find((r) => key(r) === 'POST /api/v1/auth/login')!;
      const huge = gzipSync(JSON.stringify({ username: 'x'.repeat(5_000_000), password: 'y' }));
      expect(huge.length).toBeLessThan(50_000);
      expectError(await send(login, huge, { 'Content-Encoding': 'gzip' }), 413, 'PAYLOAD_TOO_LARGE', 'gzip bomb');
    });
  });

  describe('item 3: integer bounds', () => {
    const pagedRoutes = () =>
      routes.filter((r) => r.method === 'GET' && r.queryType && r.queryType.prototype instanceof PageQueryDto);

    it('refuses page and pageSize beyond their bounds on every paginated list, and serves an empty last page', async () => {
      expect(pagedRoutes().length).toBeGreaterThanOrEqual(9);
      for (const route of pagedRoutes()) {
        const caller = await callerOf(route);
        for (const [param, value] of [
          ['page', '99999999999999999999999'],
          ['page', '1e20'],
          ['page', String(MAX_PAGE + 1)],
          ['pageSize', '1e20'],
        ]) {
          const res = await request(t.http)
            .get(route.path)
            .query({ [param]: value })
            .set(caller);
          expectError(res, 400, 'VALIDATION_FAILED', `${key(route)} ${param}=${value}`);
          expect(fieldsOf(res)).toEqual([param]);
        }
        const last = await request(t.http).get(route.path).query({ page: MAX_PAGE }).set(caller);
        expect([key(route), last.status, last.body.items]).toEqual([key(route), 200, []]);
      }
    });

    it('bounds every integer of every body and query with @Min and @Max', () => {
      const unbounded: string[] = [];
      const visit = (cls: DtoClass, seen: Set<DtoClass>) => {
        if (seen.has(cls)) return;
        seen.add(cls);
        for (const [prop, constraints] of dtoProperties(cls)) {
          const isInteger = constraints.includes('isInt') || constraints.includes('isNumber');
          if (isInteger && !(constraints.includes('min') && constraints.includes('max')))
            unbounded.push(`${cls.name}.${prop}`);
          const nested = nestedType(cls, prop);
          if (nested && nested !== Number && nested !== String) visit(nested, seen);
        }
      };
      const seen = new Set<DtoClass>();
      for (const route of routes) [route.bodyType, route.queryType].forEach((cls) => cls && visit(cls, seen));
      expect(seen.size).toBeGreaterThan(40);
      expect(unbounded).toEqual([]);
    });

    it('refuses a huge integer in any body with 400 naming it', async () => {
      for (const route of writeRoutes().filter((r) => r.bodyType && BODIES[key(r)])) {
        for (const [prop, constraints] of dtoProperties(route.bodyType!)) {
          if (!constraints.includes('isInt')) continue;
          const res = await send(route, { ...BODIES[key(route)](f), [prop]: 1e20 });
          expectError(res, 400, 'VALIDATION_FAILED', `${key(route)} ${prop}`);
          expect(fieldsOf(res)).toContain(prop);
        }
      }
    });

    it('publishes the page bounds in the OpenAPI document', async () => {
      const doc = (await request(t.http).get('/docs-json').expect(200)).body;
      const page = doc.paths['/api/v1/skpd'].get.parameters.find((p: { name: string }) => p.name === 'page');
      expect(page.schema).toMatchObject({ minimum: 1, maximum: MAX_PAGE });
    });
  });

  describe('item 4: explicit null', () => {
    it('refuses null for every non-nullable field of every write route with 400 naming it (and never answers 500)', async () => {
      const checked: string[] = [];
      for (const route of writeRoutes().filter((r) => r.bodyType && BODIES[key(r)])) {
        const valid = BODIES[key(route)](f) as Record<string, unknown>;
        const cases: { field: string; body: object; nullable: boolean }[] = [];
        for (const prop of dtoProperties(route.bodyType!).keys()) {
          cases.push({ field: prop, body: { ...valid, [prop]: null }, nullable: isNullable(route.bodyType!, prop) });
          const element = Array.isArray(valid[prop]) ? (valid[prop] as object[])[0] : undefined;
          const nested = nestedType(route.bodyType!, prop);
          if (!element || !nested || typeof element !== 'object') continue;
          for (const inner of dtoProperties(nested).keys())
            cases.push({
              field: `${prop}.0.${inner}`,
              body: { ...valid, [prop]: [{ ...element, [inner]: null }] },
              nullable: isNullable(nested, inner),
            });
        }
        for (const c of cases) {
          const what = `${key(route)} ${c.field}: null`;
          const res = await send(route, c.body);
          checked.push(what);
          if (c.nullable) {
            expect([what, res.status < 500]).toEqual([what, true]);
            continue;
          }
          expectError(res, 400, 'VALIDATION_FAILED', what);
          expect([what, fieldsOf(res)]).toEqual([what, expect.arrayContaining([c.field])]);
        }
      }
      // The fields the issue names are among those checked.
      for (const named of [
        'PATCH /api/v1/regions/:id name',
        'PATCH /api/v1/regions/:id lowerIsBetterFormula',
        ...['name', 'shortName', 'kind', 'active'].map((field) => `PATCH /api/v1/skpd/:id ${field}`),
        'PATCH /api/v1/planning/periods/:id name',
        'PATCH /api/v1/planning/nodes/:id name',
        'PATCH /api/v1/planning/nodes/:id code',
        'PATCH /api/v1/evaluations/:id/recommendations/:recommendationId text',
        'PUT /api/v1/evaluations/:id/recommendations/:recommendationId/follow-up status',
        'PUT /api/v1/planning/indicators/:id/targets targets.0.year',
      ])
        expect(checked).toContain(`${named}: null`);
    });
  });

  describe('item 5: nested arrays of the wrong shape', () => {
    it('refuses [[]], [[[]]], [null] and scalars where an array of objects is expected, on every such field', async () => {
      let fields = 0;
      for (const route of writeRoutes().filter((r) => r.bodyType && BODIES[key(r)])) {
        for (const prop of dtoProperties(route.bodyType!).keys()) {
          const nested = nestedType(route.bodyType!, prop);
          if (!nested || Reflect.getMetadata('design:type', route.bodyType!.prototype, prop) !== Array) continue;
          fields++;
          for (const items of [[[]], [[[]]], [null], ['x'], [1]]) {
            const what = `${key(route)} ${prop}=${JSON.stringify(items)}`;
            const res = await send(route, { ...BODIES[key(route)](f), [prop]: items });
            expectError(res, 400, 'VALIDATION_FAILED', what);
            expect([what, fieldsOf(res)]).toEqual([what, expect.arrayContaining([prop])]);
          }
        }
      }
      expect(fields).toBeGreaterThanOrEqual(6);
    });

    it('refuses an array where a nested object is expected', async () => {
      const route = routes.find((r) => key(r) === 'POST /api/v1/regions')!;
      const res = await send(route, { code: '98.98', name: 'Kabupaten Larik', kind: 'KABUPATEN', firstAdmin: [] });
      expectError(res, 400, 'VALIDATION_FAILED', 'firstAdmin: []');
      expect(fieldsOf(res)).toContain('firstAdmin');
    });
  });

  describe('characters no document can print', () => {
    it.each(['A \ufffe B', 'nul \u0000', 'lone \ud800 surrogate'])(
      'refuses %j in a name with 400 naming the field, and writes nothing',
      async (name) => {
        const skpdPatch = routes.find((r) => key(r) === 'PATCH /api/v1/skpd/:id')!;
        const res = await send(skpdPatch, JSON.stringify({ version: 1, name }));
        expectError(res, 400, 'VALIDATION_FAILED', `name ${JSON.stringify(name)}`);
        expect(fieldsOf(res)).toEqual(['name']);
      },
    );
  });

  describe('item 6: reserved keys', () => {
    // Every name an object inherits looked like a known property to whitelisting (found by outside testing).
    it.each(['constructor', '__proto__', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', '__defineGetter__'])(
      'refuses "%s" like any unknown key, at every depth',
      async (name) => {
        const login = routes.find((r) => key(r) === 'POST /api/v1/auth/login')!;
        const top = await send(login, `{"username":"a","password":"b","${name}":{}}`);
        // And on a PATCH that would otherwise succeed: nothing is written.
        const skpdPatch = routes.find((r) => key(r) === 'PATCH /api/v1/skpd/:id')!;
        const patched = await send(skpdPatch, `{"version":1,"${name}":1}`);
        expectError(patched, 400, 'VALIDATION_FAILED', `PATCH with ${name}`);
        expectError(top, 400, 'VALIDATION_FAILED', `top-level ${name}`);
        expect(top.body.errors).toEqual([{ field: name, messages: [`property ${name} should not exist`] }]);

        const targets = routes.find((r) => key(r) === 'PUT /api/v1/planning/indicators/:id/targets')!;
        const deep = await send(targets, `{"targets":[{"year":2025,"target":"1","${name}":{"x":1}}]}`);
        expectError(deep, 400, 'VALIDATION_FAILED', `nested ${name}`);
        expect(fieldsOf(deep)).toEqual([`targets.0.${name}`]);

        const skpd = routes.find((r) => key(r) === 'GET /api/v1/skpd')!;
        const query = await request(t.http)
          .get(`/api/v1/skpd?${name}=1`)
          .set(await callerOf(skpd));
        expectError(query, 400, 'VALIDATION_FAILED', `query ${name}`);
        expect(fieldsOf(query)).toEqual([name]);
      },
    );
  });
});
