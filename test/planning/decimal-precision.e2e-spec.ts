import request from 'supertest';
import { Exact } from '../../src/common/decimal/exact';
import {
  EXACT_DECIMAL_COLUMNS,
  ExactDecimalsSqlite1765400000020,
} from '../../src/database/migrations/1765400000020-exact-decimals-sqlite';
import { indicator, planningWorld, skpdPlan } from './planning-fixtures';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * Issue 16 item 22: every accepted decimal (14 integer + 4 decimal digits) is stored and returned exactly, on SQLite
 * (TEXT columns) as on MariaDB (DECIMAL(18,4)). Before, SQLite kept doubles: 99999999999999.9999 came back as
 * 100000000000000 and 1234567890123.4567 as 1234567890123.4568.
 */

const api = (path: string) => `/api/v1${path}`;
const LARGEST = '99999999999999.9999';
const PRECISE = '1234567890123.4567';
const NEGATIVE = '-99999999999999.9999';
const ALMOST = '1234567890123.4566';

describe('Exact decimals round-trip through the API (issue 16 item 22)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('returns the largest and the most precise accepted values unchanged in every decimal field', async () => {
    const w = await planningWorld(t);
    const x = await skpdPlan(t, w);
    const level = await indicator(t, x.planner, x.sasaranId, {
      aggregation: 'LAST_VALUE',
      allowsNegative: true,
      baselineValue: LARGEST,
      baselineYear: 2024,
      endTarget: PRECISE,
    });
    const band = await indicator(t, x.planner, x.sasaranId, {
      polarity: 'RANGE',
      aggregation: 'LAST_VALUE',
      rangeMin: PRECISE,
      rangeMax: LARGEST,
    });
    const read = async (id: string) =>
      (
        await request(t.http)
          .get(api(`/planning/indicators/${id}`))
          .set(t.auth(x.planner))
          .expect(200)
      ).body;
    expect(await read(level.id)).toEqual(expect.objectContaining({ baselineValue: LARGEST, endTarget: PRECISE }));
    expect(await read(band.id)).toEqual(expect.objectContaining({ rangeMin: PRECISE, rangeMax: LARGEST }));

    // Annual plan targets (RPJMD/Renstra).
    await request(t.http)
      .put(api(`/planning/indicators/${level.id}/targets`))
      .set(t.auth(x.planner))
      .send({
        targets: [
          { year: 2025, target: LARGEST },
          { year: 2026, target: PRECISE },
        ],
      })
      .expect(200);
    const targets = await request(t.http)
      .get(api(`/planning/indicators/${level.id}/targets`))
      .set(t.auth(x.planner))
      .expect(200);
    expect(targets.body.map((r: { target: string }) => r.target)).toEqual([LARGEST, PRECISE]);

    // PK targets, annual and quarterly.
    const pk = await request(t.http)
      .post(api('/pk'))
      .set(t.auth(x.planner))
      .send({ skpdId: x.skpdId, year: 2025 })
      .expect(201);
    const pkTargets = {
      annualTarget: LARGEST,
      q1Target: '0.0001',
      q2Target: PRECISE,
      q3Target: '12345678901234.5678',
      q4Target: LARGEST,
    };
    await request(t.http)
      .put(api(`/pk/${pk.body.id}/indicators`))
      .set(t.auth(x.planner))
      .send({
        version: pk.body.version,
        items: [
          { indicatorId: level.id, ...pkTargets },
          {
            indicatorId: band.id,
            annualTarget: PRECISE,
            q1Target: PRECISE,
            q2Target: PRECISE,
            q3Target: PRECISE,
            q4Target: PRECISE,
          },
        ],
      })
      .expect(200);
    const agreed = await request(t.http)
      .get(api(`/pk/${pk.body.id}`))
      .set(t.auth(x.planner))
      .expect(200);
    const row = agreed.body.indicators.find((i: { indicatorId: string }) => i.indicatorId === level.id);
    expect(row).toEqual(expect.objectContaining(pkTargets));
    await request(t.http)
      .post(api(`/pk/${pk.body.id}/submit`))
      .set(t.auth(x.planner))
      .expect(200);
    await request(t.http)
      .post(api(`/pk/${pk.body.id}/approve`))
      .set(t.auth(w.admin))
      .expect(200);

    // Realisations: the extremes, and one ten-thousandth below the TW II target.
    const values = [NEGATIVE, ALMOST, PRECISE, LARGEST];
    for (const [i, value] of values.entries())
      await request(t.http)
        .put(api('/realisations'))
        .set(t.auth(x.planner))
        .send({ skpdId: x.skpdId, year: 2025, quarter: i + 1, items: [{ indicatorId: level.id, value }] })
        .expect(200);
    const stored = await request(t.http)
      .get(api(`/realisations?skpdId=${x.skpdId}&year=2025`))
      .set(t.auth(x.planner))
      .expect(200);
    expect(stored.body.map((r: { value: string }) => r.value)).toEqual(values);

    // The capaian of such values is exact: ALMOST / PRECISE × 100 is just below 100 (a double would make it 100).
    const capaian = await request(t.http)
      .get(api(`/capaian?skpdId=${x.skpdId}&year=2025&quarter=2`))
      .set(t.auth(x.planner))
      .expect(200);
    const tw2 = capaian.body.indicators.find((i: { indicatorId: string }) => i.indicatorId === level.id);
    expect(tw2.capaian.exact).toBe(new Exact(ALMOST).times(100).div(PRECISE).toFixed());
    expect(new Exact(tw2.capaian.exact).lt(100)).toBe(true);

    // Crosscutting sub-targets and shares of a Pemda indicator.
    const y = await skpdPlan(t, w);
    const iku = await indicator(t, w.admin, w.pemdaSasaranId, { isIku: true });
    await request(t.http)
      .put(api(`/planning/indicators/${iku.id}/targets`))
      .set(t.auth(w.admin))
      .send({ targets: [{ year: 2025, target: LARGEST }] })
      .expect(200);
    const crosscut = await request(t.http)
      .put(api(`/planning/indicators/${iku.id}/crosscut`))
      .set(t.auth(w.admin))
      .send({
        year: 2025,
        contributions: [
          { skpdId: x.skpdId, subTarget: PRECISE },
          { skpdId: y.skpdId, sharePercent: '99.9999' },
        ],
      })
      .expect(200);
    expect(crosscut.body.pemdaTarget).toBe(LARGEST);
    const byId = new Map(crosscut.body.contributions.map((c: { skpdId: string }) => [c.skpdId, c] as const));
    expect(byId.get(x.skpdId)).toEqual(expect.objectContaining({ subTarget: PRECISE }));
    expect(byId.get(y.skpdId)).toEqual(expect.objectContaining({ sharePercent: '99.9999' }));
  });

  // The migration is SQLite-only (MariaDB's DECIMAL(18,4) is exact already).
  const onSqlite = process.env.TEST_DB === 'mysql' ? it.skip : it;
  onSqlite('the SQLite migration turns the decimal columns into TEXT and back, keeping the values', async () => {
    const columnTypes = async () => {
      const types: string[] = [];
      for (const [table, columns] of Object.entries(EXACT_DECIMAL_COLUMNS)) {
        const info: { name: string; type: string }[] = await t.db.query(`PRAGMA table_info("${table}")`);
        for (const column of columns)
          types.push(`${table}.${column}:${info.find((c) => c.name === column)?.type.toLowerCase()}`);
      }
      return types;
    };
    const w = await planningWorld(t);
    const x = await skpdPlan(t, w);
    const kept = await indicator(t, x.planner, x.sasaranId, { baselineValue: '72.19', endTarget: '0.0001' });
    expect((await columnTypes()).every((c) => c.endsWith(':text'))).toBe(true);

    const schemaOf = async () =>
      (
        await t.db.query(
          `SELECT type, name FROM sqlite_master WHERE tbl_name IN (${Object.keys(EXACT_DECIMAL_COLUMNS)
            .map((n) => `'${n}'`)
            .join(', ')}) ORDER BY name`,
        )
      ).map((r: { type: string; name: string }) => `${r.type}:${r.name}`);
    const foreignKeys = async () => (await t.db.query('PRAGMA foreign_key_list("realisations")')).length;
    const [schemaBefore, keysBefore] = [await schemaOf(), await foreignKeys()];

    const migration = new ExactDecimalsSqlite1765400000020();
    const runner = t.db.createQueryRunner();
    try {
      await runner.query('PRAGMA foreign_keys = OFF'); // as TypeORM's migration runner does while tables are rebuilt
      await migration.down(runner);
      expect((await columnTypes()).every((c) => c.endsWith(':decimal(18,4)'))).toBe(true);
      await migration.up(runner);
      await runner.query('PRAGMA foreign_keys = ON');
    } finally {
      await runner.release();
    }
    expect((await columnTypes()).every((c) => c.endsWith(':text'))).toBe(true);
    expect(await schemaOf()).toEqual(schemaBefore); // indexes kept
    expect(await foreignKeys()).toBe(keysBefore);
    const after = await request(t.http)
      .get(api(`/planning/indicators/${kept.id}`))
      .set(t.auth(x.planner))
      .expect(200);
    expect([after.body.baselineValue, after.body.endTarget]).toEqual(['72.19', '0.0001']);
  });
});
