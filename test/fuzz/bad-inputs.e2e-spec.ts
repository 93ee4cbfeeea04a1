import { createHash } from 'node:crypto';
import fc from 'fast-check';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { PERMISSIONS, type Role } from '../../src/auth/roles';
import { discoverRoutes, fillPath, paramKeys, type RouteInfo } from '../access/routes';
import { BODIES, idIn, populateTenant, userOfRole, type TenantFixture } from '../access/tenant-fixtures';
import type { MadeUser } from '../factories/factories';
import { createTestApp, type TestApp } from '../utils/test-app';
import { badInputArbitraries, operationsOf, type BadInput, type Operation } from './bad-inputs';

/**
 * The document `nest build` serves. Under Jest (SWC) the Swagger CLI plugin does not run, so the test app serves the
 * same operations without the bounds the plugin reads from class-validator (maxLength, minimum, nullable types);
 * the generators need those bounds to make values that are surely invalid. CI's drift check keeps this file equal
 * to what the built app serves, and the first test below checks it names exactly the operations served here.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const BUILT_DOCUMENT = require('../../openapi.json');

/** Replay a failing run with FUZZ_SEED=<seed>; the default keeps CI reproducible. */
const SEED = Number(process.env.FUZZ_SEED ?? 162026);
/** Draws from each arbitrary (category, field or query parameter) for each operation × allowed role. */
const RUNS_PER_ARBITRARY = 2;
const MIN_INPUTS = 2_000;

type Caller = Role | 'anonymous';
interface Case {
  op: Operation;
  caller: Caller;
  input: BadInput;
}

/** The same input drawn twice (a constant, or a small domain) is sent once. */
const uniqueInputs = (inputs: BadInput[]) => [
  ...new Map(inputs.map((i) => [JSON.stringify([i.pathId, i.query, i.body]), i])).values(),
];

/** A stable 31-bit number for a text, so each operation × caller × category gets its own reproducible stream. */
const hashOf = (text: string) => createHash('sha1').update(text).digest().readUInt32BE(0) >>> 1;

/**
 * Row count and a checksum of the rows (ordered by primary key) of every table. Nothing is excluded: every
 * generated login input must fail validation before a password is checked, so even the login throttle (which a
 * wrong password legitimately writes) must stay as it was.
 */
async function snapshotTables(db: DataSource): Promise<Record<string, string>> {
  const snapshot: Record<string, string> = {};
  const quote = (name: string) => db.driver.escape(name);
  for (const meta of [...db.entityMetadatas].sort((a, b) => a.tableName.localeCompare(b.tableName))) {
    const order = meta.primaryColumns.map((c) => quote(c.databaseName)).join(', ');
    const rows: unknown[] = await db.query(`SELECT * FROM ${quote(meta.tableName)} ORDER BY ${order}`);
    snapshot[meta.tableName] = `${rows.length} rows, ${createHash('sha1').update(JSON.stringify(rows)).digest('hex')}`;
  }
  return snapshot;
}

/** What is wrong with an answer to a bad input, or undefined: below 500, and every 4xx has the one error shape. */
function problemOf(c: Case, status: number, body: unknown): string | undefined {
  if (status >= 500) return 'server error';
  if (status < 400) return c.op.method === 'GET' ? undefined : 'bad input accepted by a write route';
  const b = (body ?? {}) as Record<string, unknown>;
  const extra = Object.keys(b).filter((k) => !['statusCode', 'code', 'message', 'errors', 'correlationId'].includes(k));
  const shaped =
    b.statusCode === status &&
    typeof b.code === 'string' &&
    typeof b.message === 'string' &&
    typeof b.correlationId === 'string' &&
    (b.errors === undefined || Array.isArray(b.errors)) &&
    extra.length === 0;
  return shaped ? undefined : 'not the error shape';
}

describe('generated bad inputs against every operation of the served OpenAPI document', () => {
  jest.setTimeout(240_000);
  let t: TestApp;
  let served: Operation[];
  let operations: Operation[];
  let routes: RouteInfo[];
  let tenant: TenantFixture;

  beforeAll(async () => {
    t = await createTestApp();
    served = operationsOf((await request(t.http).get('/docs-json').expect(200)).body);
    operations = operationsOf(BUILT_DOCUMENT);
    routes = discoverRoutes(t.app);
    tenant = await populateTenant(t);
  });
  afterAll(() => t.close());

  const routeOf = (op: Operation) => routes.find((r) => r.method === op.method && r.path === op.path);
  const callersOf = (route: RouteInfo): Caller[] =>
    route.isPublic ? ['anonymous'] : [...(PERMISSIONS[route.permission!] as readonly Role[])];

  /** Every operation × allowed caller × applicable category, RUNS_PER_CATEGORY inputs each, from SEED. */
  function generateCases(): Case[] {
    return operations.flatMap((op) =>
      callersOf(routeOf(op)!).flatMap((caller) => {
        const base = {
          body: BODIES[`${op.method} ${op.path}`]?.(tenant) as Record<string, unknown> | undefined,
          pathKeys: paramKeys(op.path),
        };
        const inputs = badInputArbitraries(op, base).flatMap((arbitrary, i) =>
          fc.sample(arbitrary, {
            seed: SEED ^ hashOf(`${op.method} ${op.path} ${caller} ${i}`),
            numRuns: RUNS_PER_ARBITRARY,
          }),
        );
        return uniqueInputs(inputs).map((input) => ({ op, caller, input }));
      }),
    );
  }

  function send(c: Case, user: MadeUser | undefined) {
    const { pathId, query, body } = c.input;
    const path = fillPath(c.op.path, (k) => (k === pathId?.key ? pathId.segment : idIn(tenant)(k)));
    let req = request(t.http)[c.op.method.toLowerCase() as 'get'](query ? `${path}?${query}` : path);
    if (user) req = req.set(t.auth(user));
    if (body?.kind === 'json') return req.set('Content-Type', 'application/json').send(body.text);
    if (body?.kind === 'raw') {
      req = req.set('Content-Type', body.contentType);
      if (body.contentEncoding !== undefined) req = req.set('Content-Encoding', body.contentEncoding);
      // The bytes go out as they are: superagent would serialise a Buffer as JSON ({"type":"Buffer",…}) otherwise.
      return req.serialize((bytes: Buffer) => bytes as unknown as string).send(Buffer.from(body.bytes));
    }
    if (body?.kind === 'multipart') {
      for (const [name, value] of Object.entries(body.fields)) req = req.field(name, value);
      return body.file ? req.attach(body.file.field, Buffer.from(body.file.bytes), body.file.name) : req;
    }
    return req;
  }

  it('walks every route of the app: the served document names each one, as openapi.json does', () => {
    const keys = (ops: Operation[]) => ops.map((op) => `${op.method} ${op.path}`).sort();
    expect(keys(served)).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
    expect(keys(operations)).toEqual(keys(served));
  });

  it('answers every bad input below 500 with the error shape, writes nothing, and stays healthy', async () => {
    const cases = generateCases();
    expect(cases.length).toBeGreaterThanOrEqual(MIN_INPUTS);
    const users = new Map<Caller, MadeUser>();
    for (const caller of new Set(cases.map((c) => c.caller)))
      if (caller !== 'anonymous') users.set(caller, await userOfRole(t, caller, tenant));

    // Each operation's batch is checked on its own, so a write is traced to the operation that made it.
    const failures: string[] = [];
    let before = await snapshotTables(t.db);
    for (const op of operations) {
      let accepted = 0;
      /** Refusals that got past validation: the suspects when a table changed. */
      const pastValidation: string[] = [];
      for (const c of cases.filter((x) => x.op === op)) {
        const res = await send(c, users.get(c.caller)).catch((err: Error) => ({ status: 0, body: err.message }));
        const problem = res.status === 0 ? 'no answer' : problemOf(c, res.status, res.body);
        if (res.status < 400 && op.method !== 'GET') accepted++;
        if (res.status > 400) pastValidation.push(`${res.status} [${c.input.category}: ${c.input.summary}]`);
        if (problem)
          failures.push(
            `${problem}: ${op.method} ${op.path} as ${c.caller} [${c.input.category}: ${c.input.summary}] → ` +
              `${res.status} ${JSON.stringify(res.body).slice(0, 160)}`,
          );
      }
      const after = await snapshotTables(t.db);
      const changed = Object.keys(before).filter((table) => after[table] !== before[table]);
      // Writes of an accepted input are already a failure above; with none accepted, any write came from a refusal.
      if (changed.length && accepted === 0)
        failures.push(
          `refused inputs wrote: ${op.method} ${op.path} changed ${changed.join(', ')}; ` +
            `refused past validation: ${[...new Set(pastValidation)].slice(0, 10).join(', ')}`,
        );
      before = after;
    }
    const health = await request(t.http).get('/health');
    if (health.status !== 200) failures.push(`GET /health answered ${health.status} after the batch`);

    if (failures.length)
      throw new Error(
        `${failures.length} of ${cases.length} bad inputs failed (seed ${SEED}; replay with FUZZ_SEED=${SEED}):\n` +
          failures.join('\n'),
      );
  });
});
