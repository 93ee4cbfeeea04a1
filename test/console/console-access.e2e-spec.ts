import { randomUUID } from 'node:crypto';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import request from 'supertest';
import { type Permission, PROVINCE_ROLES, type Role, ROLES, roleHas } from '../../src/auth/roles';
import { REQUIRED_PERMISSION } from '../../src/common/auth/decorators';
import { CONSOLE_ANONYMOUS, CONSOLE_CONTROLLER } from '../../src/console/console-controller.decorator';
import { TEST_PASSWORD } from '../factories/factories';
import { createTestApp, type TestApp } from '../utils/test-app';

interface ConsoleRoute {
  method: 'GET' | 'POST' | 'ALL';
  path: string;
  anonymous: boolean;
  permission?: Permission;
}

/** Every console route from Nest's metadata, with concrete paths (ids → a random uuid, the catch-all → one address). */
function consoleRoutes(t: TestApp): ConsoleRoute[] {
  const out: ConsoleRoute[] = [];
  for (const module of t.app.get(ModulesContainer).values())
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller || !Reflect.getMetadata(CONSOLE_CONTROLLER, controller)) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const sub = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
        const path = `/${[base, sub].filter((p) => p && p !== '/').join('/')}`
          .replace(/:[A-Za-z]+/g, randomUUID())
          .replace('{*rest}', 'tidak-ada');
        const meta = (key: string) => Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller);
        out.push({
          method: RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number] as ConsoleRoute['method'],
          path,
          anonymous: meta(CONSOLE_ANONYMOUS) === true,
          permission: meta(REQUIRED_PERMISSION),
        });
      }
    }
  return out;
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** The web console's own access matrix: deny by default, the API's PERMISSIONS per role, HTML pages for refusals. */
describe('Web console access: every page × role', () => {
  let t: TestApp;
  let routes: ConsoleRoute[];
  const agents = new Map<Role, { agent: ReturnType<typeof request.agent>; csrf: string }>();

  beforeAll(async () => {
    t = await createTestApp();
    routes = consoleRoutes(t);
    const region = await t.make.region();
    const skpd = await t.make.skpd(region.id);
    for (const role of ROLES) {
      const user = await t.make.user({
        role,
        regionId: role === 'SUPERADMIN' ? null : region.id,
        skpdId: role === 'PLANNER' ? skpd.id : null,
      });
      const agent = request.agent(t.http);
      const form = await agent.get('/konsol/masuk').expect(200);
      await agent
        .post('/konsol/masuk')
        .type('form')
        .send({ _csrf: csrfOf(form.text), username: user.username, password: TEST_PASSWORD })
        .expect(303);
      const home = await agent.get('/konsol').expect(200);
      agents.set(role, { agent, csrf: csrfOf(home.text) });
    }
  });
  afterAll(() => t.close());

  it('discovers the pages; each one names a permission except the login page and the redirect from /', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((r) => !r.permission && !r.anonymous).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /']);
    expect(
      routes
        .filter((r) => r.anonymous)
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
    ).toEqual(['GET /konsol/masuk', 'POST /konsol/masuk']);
  });

  it('sends a visitor without a session to the login page, and refuses forms without a CSRF token', async () => {
    for (const r of routes.filter((x) => x.permission)) {
      if (r.method !== 'POST')
        await request(t.http)
          .get(r.path)
          .expect(303)
          .expect('Location', /^\/konsol\/masuk/);
      if (r.method !== 'GET') {
        const res = await agents.get('REGION_ADMIN')!.agent.post(r.path).type('form').send({});
        expect([r.path, res.status, res.headers['content-type']]).toEqual([r.path, 403, expect.stringMatching(/html/)]);
      }
    }
  });

  it('opens each page exactly to the roles its permission names; others get a 403 page (a province 404), never JSON or a crash', async () => {
    const seen: string[] = [];
    // Logging out is checked last (it ends the session the other pages need).
    for (const r of routes.filter((x) => x.permission && x.path !== '/konsol/keluar'))
      for (const role of ROLES) {
        const { agent, csrf } = agents.get(role)!;
        const res =
          r.method === 'POST' ? await agent.post(r.path).type('form').send({ _csrf: csrf }) : await agent.get(r.path);
        const allowed = roleHas(role, r.permission!);
        // SUPERADMIN has no region: pages of region data are a 403 page from the services (as on the API).
        // A province user is refused with a 404 page: what it may not see does not exist for it.
        const refused = (PROVINCE_ROLES as readonly Role[]).includes(role) ? 404 : 403;
        const ok = allowed ? (res.status !== 403 || role === 'SUPERADMIN') && res.status < 500 : res.status === refused;
        // A form that succeeds with no fields (e.g. "mark all read") answers 303 to its page, not HTML.
        const page = res.status === 303 || /html|spreadsheet/.test(String(res.headers['content-type'] ?? 'html'));
        if (!ok || !page)
          seen.push(`${role} ${r.method} ${r.path} → ${res.status}`);
      }
    expect(seen).toEqual([]);
  });

  it('changes the password: a wrong current password is shown at its field; afterwards this browser stays logged in', async () => {
    const { agent, csrf } = agents.get('EVALUATOR')!;
    const wrong = await agent
      .post('/konsol/kata-sandi')
      .type('form')
      .send({
        _csrf: csrf,
        currentPassword: 'salah-sekali-1',
        newPassword: 'Baru-Rahasia-2026',
        confirmPassword: 'Baru-Rahasia-2026',
      })
      .expect(422);
    expect(wrong.text).toContain('id="e-currentPassword">Kata sandi saat ini salah.');
    const weak = await agent
      .post('/konsol/kata-sandi')
      .type('form')
      .send({ _csrf: csrf, currentPassword: TEST_PASSWORD, newPassword: 'pendek', confirmPassword: 'pendek' })
      .expect(422);
    expect(weak.text).toContain('id="e-newPassword">Kata sandi minimal 10 karakter');
    const ok = await agent
      .post('/konsol/kata-sandi')
      .type('form')
      .send({
        _csrf: csrf,
        currentPassword: TEST_PASSWORD,
        newPassword: 'Baru-Rahasia-2026',
        confirmPassword: 'Baru-Rahasia-2026',
      })
      .expect(200);
    expect(ok.text).toContain('Kata sandi berhasil diubah');
    await agent.get('/konsol').expect(200);
  });

  it('a page and a download renewing an expired session at once both get through, and the session lives on', async () => {
    const user = await t.make.user({ role: 'HEAD', regionId: (await t.make.region()).id });
    const agent = request.agent(t.http);
    const form = await agent.get('/konsol/masuk').expect(200);
    const login = await agent
      .post('/konsol/masuk')
      .type('form')
      .send({ _csrf: csrfOf(form.text), username: user.username, password: TEST_PASSWORD })
      .expect(303);
    const cookieOf = (res: request.Response, name: string) =>
      ([] as string[])
        .concat(res.headers['set-cookie'] ?? [])
        .find((c) => c.startsWith(`${name}=`))!
        .split(';')[0];
    // The access cookie has expired (the browser dropped it); both requests carry only the same refresh cookie.
    const refresh = cookieOf(login, 'konsol_sesi');
    const [a, b] = await Promise.all([
      request(t.http).get('/konsol').set('Cookie', refresh),
      request(t.http).get('/konsol').set('Cookie', refresh),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(cookieOf(a, 'konsol_sesi')).toBe(cookieOf(b, 'konsol_sesi'));
    // The renewed session keeps working: the API's reuse detection did not revoke it.
    await request(t.http).get('/konsol').set('Cookie', cookieOf(a, 'konsol_sesi')).expect(200);
  });

  it('logging out ends the session: the next page asks to log in again', async () => {
    const { agent, csrf } = agents.get('HEAD')!;
    await agent
      .post('/konsol/keluar')
      .type('form')
      .send({ _csrf: csrf })
      .expect(303)
      .expect('Location', '/konsol/masuk');
    await agent
      .get('/konsol')
      .expect(303)
      .expect('Location', /^\/konsol\/masuk/);
  });
});
