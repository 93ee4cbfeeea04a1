import ExcelJS from 'exceljs';
import request from 'supertest';
import { DEMO_EVALUATION_YEARS, DEMO_PK_YEAR, DEMO_SKPD_PLANS } from '../../src/demo/demo-plan';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_PROVINCE, DEMO_REGIONS, DEMO_SKPD } from '../../src/demo/demo-data';
import { DemoSeedService, demoEnabled } from '../../src/demo/demo-seed.service';
import { createTestApp, type TestApp } from '../utils/test-app';

describe('demo seed', () => {
  let t: TestApp;
  // Seeding two regions' plans, results and three years of evaluations takes a while on a busy MariaDB.
  beforeAll(async () => {
    t = await createTestApp({ SEED_DEMO: 'true' });
  }, 300_000);
  afterAll(() => t?.close());

  it('is on for the embedded database unless SEED_DEMO=false, and on MySQL only with SEED_DEMO=true', () => {
    expect(demoEnabled({ isEmbedded: true, SEED_DEMO: undefined })).toBe(true);
    expect(demoEnabled({ isEmbedded: true, SEED_DEMO: 'false' })).toBe(false);
    expect(demoEnabled({ isEmbedded: false, SEED_DEMO: undefined })).toBe(false);
    expect(demoEnabled({ isEmbedded: false, SEED_DEMO: 'true' })).toBe(true);
  });

  it('seeds two labelled demo regions with their SKPD and a login for every role', async () => {
    const regions = await t.db.query('SELECT id, name, isDemo FROM regions ORDER BY code');
    expect(regions.map((r: { name: string }) => r.name)).toEqual([
      DEMO_PROVINCE.name,
      ...DEMO_REGIONS.map((r) => r.name),
    ]);
    expect(
      regions.every((r: { name: string; isDemo: unknown }) => r.name.includes('DEMO') && Number(r.isDemo) === 1),
    ).toBe(true);
    for (const region of DEMO_REGIONS) {
      const login = await request(t.http)
        .post('/api/v1/auth/login')
        .send({ username: `${region.usernamePrefix}.admin`, password: DEMO_PASSWORD })
        .expect(200);
      const skpd = await request(t.http)
        .get('/api/v1/skpd?pageSize=100')
        .set({ Authorization: `Bearer ${login.body.accessToken}` })
        .expect(200);
      expect(skpd.body.total).toBe(DEMO_SKPD.length);
      const me = await request(t.http)
        .get('/api/v1/regions')
        .set({ Authorization: `Bearer ${login.body.accessToken}` })
        .expect(200);
      expect(me.body.items).toEqual([expect.objectContaining({ name: region.name, isDemo: true })]);
    }
    const roles = new Set([...DEMO_ACCOUNTS, ...DEMO_PROVINCE.accounts].map((a) => a.role));
    const users = await t.db.query('SELECT DISTINCT role FROM users');
    expect(new Set(users.map((u: { role: string }) => u.role))).toEqual(roles);
  });

  const login = async (username: string) =>
    `Bearer ${(await request(t.http).post('/api/v1/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200)).body.accessToken}`;

  it('gives the B region a predicate history below its A peer, and the bupati a recap with every SKPD scored', async () => {
    const history: Record<string, string[]> = {};
    for (const region of DEMO_REGIONS) {
      const auth = await login(`${region.usernamePrefix}.bupati`);
      const pemda = await request(t.http)
        .get('/api/v1/evaluations?kind=PEMDA&pageSize=100')
        .set({ Authorization: auth })
        .expect(200);
      const byYear = new Map<number, { final: { predicate: string }; official: { predicate: string; total: string } }>(
        pemda.body.items.map((e: { year: number }) => [e.year, e]),
      );
      expect([...byYear.keys()].sort()).toEqual([...DEMO_EVALUATION_YEARS]);
      history[region.key] = DEMO_EVALUATION_YEARS.map((y) => byYear.get(y)!.official.predicate);
      for (const y of DEMO_EVALUATION_YEARS)
        expect(byYear.get(y)!.official.predicate).toBe(byYear.get(y)!.final.predicate);

      const recap = await request(t.http)
        .get(`/api/v1/reports/region-recap?year=${DEMO_EVALUATION_YEARS[2]}`)
        .set({ Authorization: auth })
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(recap.body as ArrayBuffer);
      const cells = book.worksheets[0]
        .getSheetValues()
        .flat()
        .map((v) => String(v ?? ''));
      for (const [code, name] of DEMO_SKPD) expect(cells.some((c) => c === name || c.includes(code))).toBe(true);
      // Signed by the bupati, in the seat city.
      expect(cells).toEqual(
        expect.arrayContaining([
          `${region.headTitle},`,
          region.headName,
          expect.stringMatching(`^${region.seatCity}, `),
        ]),
      );
      // The Pemda's predicate history, one row per evaluated year up to the recap's.
      const sheet = book.worksheets[0];
      const historyRows = DEMO_EVALUATION_YEARS.map((y) => {
        let found: ExcelJS.Row | undefined;
        sheet.eachRow((row) => {
          if (String(row.getCell(3).value).startsWith(`Tahun ${y} (`)) found = row;
        });
        return found;
      });
      // Every demo year has an official KemenPAN-RB result, and the row says so.
      expect(historyRows.map((r) => r?.getCell(3).value)).toEqual(
        DEMO_EVALUATION_YEARS.map((y) => `Tahun ${y} (Hasil resmi KemenPAN-RB)`),
      );
      expect(historyRows.map((r) => r?.getCell(5).value)).toEqual(
        DEMO_EVALUATION_YEARS.map((y) => byYear.get(y)!.official.predicate),
      );
      expect(historyRows.map((r) => Number(r?.getCell(4).value).toFixed(2))).toEqual(
        DEMO_EVALUATION_YEARS.map((y) => Number(byYear.get(y)!.official.total).toFixed(2)),
      );
    }
    expect(history.maju).toEqual(['B', 'B', 'B']);
    expect(history.teladan).toEqual(['A', 'A', 'A']);
  });

  it('has locked PKs with four quarters of realisations, capaian computed for every SKPD', async () => {
    const auth = await login('demo.maju.dinkes');
    const dinkes = (
      await t.db.query(
        "SELECT s.id FROM skpd s JOIN regions r ON r.id = s.regionId WHERE r.code = '99.01' AND s.code = '1.02.01'",
      )
    )[0].id;
    const capaian = await request(t.http)
      .get(`/api/v1/capaian?skpdId=${dinkes}&year=${DEMO_PK_YEAR}`)
      .set({ Authorization: auth })
      .expect(200);
    const plan = DEMO_SKPD_PLANS.find((p) => p.skpdCode === '1.02.01')!;
    expect(capaian.body.indicators.map((i: { code: string }) => i.code)).toEqual(plan.indicators.map((i) => i.code));
    for (const ind of capaian.body.indicators) {
      expect(ind.realisations.every((r: { value: string | null }) => r.value !== null)).toBe(true);
      expect(ind.capaian).not.toBeNull();
    }
    const [{ n }] = await t.db.query(
      `SELECT COUNT(*) AS n FROM performance_agreements WHERE status = 'LOCKED' AND year = ${DEMO_PK_YEAR}`,
    );
    expect(Number(n)).toBe(DEMO_SKPD_PLANS.length * DEMO_REGIONS.length);
  });

  it('gives every SKPD a head with an 18-digit NIP, one acting (Plt.), shown in the signed capaian table', async () => {
    const auth = await login(`${DEMO_REGIONS[0].usernamePrefix}.admin`);
    const skpd = (await request(t.http).get('/api/v1/skpd?pageSize=100').set({ Authorization: auth }).expect(200)).body
      .items as { id: string; code: string; headName: string; headNip: string; headActing: string | null }[];
    expect(skpd.filter((s) => !s.headName || !/^\d{18}$/.test(s.headNip))).toEqual([]);
    const dinkes = skpd.find((s) => s.code === '1.02.01')!;
    expect(skpd.filter((s) => s.headActing)).toEqual([expect.objectContaining({ code: '1.02.01', headActing: 'PLT' })]);
    const table = await request(t.http)
      .get(`/api/v1/reports/capaian?skpdId=${dinkes.id}&year=${DEMO_PK_YEAR}`)
      .set({ Authorization: auth })
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(table.body as ArrayBuffer);
    const cells = book.worksheets[0]
      .getSheetValues()
      .flat()
      .map((v) => String(v ?? ''));
    expect(cells).toEqual(
      expect.arrayContaining(['Plt. Kepala Dinas Kesehatan,', dinkes.headName, `NIP. ${dinkes.headNip}`]),
    );
  });

  it('gives a demo region of an older version (no heads yet) its heads on the next start', async () => {
    const [maju] = DEMO_REGIONS;
    await t.db.query('UPDATE regions SET headName = NULL, seatCity = NULL WHERE code = ?', [maju.code]);
    await t.db.query('UPDATE skpd SET headName = NULL WHERE regionId = (SELECT id FROM regions WHERE code = ?)', [
      maju.code,
    ]);
    expect(await t.app.get(DemoSeedService).seedIfEmpty()).toBe(true);
    const [region] = await t.db.query('SELECT headName, seatCity FROM regions WHERE code = ?', [maju.code]);
    expect(region).toEqual({ headName: maju.headName, seatCity: maju.seatCity });
    const [{ n }] = await t.db.query(
      'SELECT COUNT(*) AS n FROM skpd WHERE headName IS NULL AND regionId = (SELECT id FROM regions WHERE code = ?)',
      [maju.code],
    );
    expect(Number(n)).toBe(0);
  });

  it('is idempotent: seeding again (a restart) adds nothing', async () => {
    const count = async () =>
      (
        await t.db.query(
          'SELECT (SELECT COUNT(*) FROM regions) AS r, (SELECT COUNT(*) FROM skpd) AS s, (SELECT COUNT(*) FROM users) AS u, (SELECT COUNT(*) FROM plan_nodes) AS n, (SELECT COUNT(*) FROM realisations) AS re, (SELECT COUNT(*) FROM evaluations) AS e, (SELECT COUNT(*) FROM evaluation_answers) AS a, (SELECT COUNT(*) FROM pembinaan_visits) AS pv, (SELECT COUNT(*) FROM pembinaan_recommendations) AS pr, (SELECT COUNT(*) FROM public_items) AS pi',
        )
      )[0];
    const before = await count();
    expect(Number(before.pv)).toBeGreaterThan(0);
    expect(await t.app.get(DemoSeedService).seedIfEmpty()).toBe(false);
    await t.app.get(DemoSeedService).onApplicationBootstrap();
    expect(await count()).toEqual(before);
  });
});
