import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import type { Browser } from 'playwright-core';
import { PERMISSIONS, type Role } from '../../src/auth/roles';
import { DEMO_PASSWORD, DEMO_PEMBINAAN, DEMO_PROVINCE, DEMO_REGIONS } from '../../src/demo/demo-data';
import { DEMO_PK_YEAR } from '../../src/demo/demo-plan';
import { PEMBINAAN_SHEET } from '../../src/progress/progress-workbook';
import { RECAP_SHEET } from '../../src/provinces/province-recap-workbook';
import { PUBLIC_PAGE_RATE } from '../../src/public-pages/public-pages.controller';
import { HEADER_ROW } from '../../src/reporting/sheet-style';
import { convertToPdf, overlappingLines, pdfLayout, pdfText } from '../utils/pdf-layout';
import { discoverRoutes } from '../access/routes';
import { launchChromium, listen, loginAs } from '../console/browser';
import { createTestApp, type TestApp } from '../utils/test-app';

/** Issue 21 on the demo: the province over both demo regions, and the regions' public pages. */
describe('provinces and public pages (demo)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp({ SEED_DEMO: 'true' });
    base = await listen(t);
    browser = await launchChromium();
    for (const r of DEMO_REGIONS)
      ids[r.key] = (await t.db.query('SELECT id FROM regions WHERE code = ?', [r.code]))[0].id;
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const login = async (username: string) => ({
    Authorization: `Bearer ${(await request(t.http).post('/api/v1/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200)).body.accessToken}`,
  });
  const province = () => login(`${DEMO_PROVINCE.usernamePrefix}.evaluator`);
  const regionLogin = (key: string, suffix: string) =>
    login(`${DEMO_REGIONS.find((r) => r.key === key)!.usernamePrefix}.${suffix}`);

  it('lets the province read both demo regions’ FINAL results, equal to what each region sees, and the recap', async () => {
    const auth = await province();
    const children = await request(t.http).get('/api/v1/province/regions').set(auth).expect(200);
    expect(children.body.map((c: { code: string }) => c.code)).toEqual(DEMO_REGIONS.map((r) => r.code));
    const recap = await request(t.http).get(`/api/v1/province/recap?year=${DEMO_PK_YEAR}`).set(auth).expect(200);
    for (const r of DEMO_REGIONS) {
      const own = await request(t.http)
        .get('/api/v1/progress/history')
        .set(await regionLogin(r.key, 'bupati'))
        .expect(200);
      const seen = await request(t.http).get(`/api/v1/province/regions/${ids[r.key]}/history`).set(auth).expect(200);
      expect(seen.body.history.region).toEqual(own.body.region);
      const results = await request(t.http)
        .get(`/api/v1/province/regions/${ids[r.key]}/results?year=${DEMO_PK_YEAR}`)
        .set(auth)
        .expect(200);
      expect(results.body.result.total).toBe(own.body.region.current.total);
      expect(results.body.result.predicate).toBe(own.body.region.current.predicate);
      expect(results.body.skpd.length).toBeGreaterThan(0);
      const row = recap.body.regions.find((x: { code: string }) => x.code === r.code);
      expect(row.result).toEqual(results.body.result);
      expect(row.trend.find((y: { year: number }) => y.year === DEMO_PK_YEAR - 1).total).toBe(
        own.body.region.entries.find((e: { year: number }) => e.year === DEMO_PK_YEAR - 1).total,
      );
      await request(t.http).get(`/api/v1/province/regions/${ids[r.key]}/roadmap`).set(auth).expect(200);
      await request(t.http).get(`/api/v1/province/regions/${ids[r.key]}/documents`).set(auth).expect(200);
    }
    expect(recap.body.distribution.reduce((n: number, d: { count: number }) => n + d.count, 0)).toBe(2);
  });

  it('shows the seeded pembinaan to the province and to the kabupaten, and in its progress workbook', async () => {
    const year = DEMO_PK_YEAR;
    for (const r of DEMO_REGIONS) {
      const own = await request(t.http)
        .get(`/api/v1/pembinaan?year=${year}`)
        .set(await regionLogin(r.key, 'bupati'))
        .expect(200);
      const seen = await request(t.http)
        .get(`/api/v1/province/regions/${ids[r.key]}/pembinaan?year=${year}`)
        .set(await province())
        .expect(200);
      expect(seen.body).toEqual(own.body);
      expect(own.body.items.map((v: { topic: string }) => v.topic).sort()).toEqual(
        DEMO_PEMBINAAN[r.key].map((v) => v.topic).sort(),
      );
    }
    const maju = (
      await request(t.http)
        .get(`/api/v1/pembinaan?year=${year}`)
        .set(await regionLogin('maju', 'bupati'))
        .expect(200)
    ).body;
    expect(maju.summary).toEqual({ visits: 2, recommendations: 3, open: 1, inProgress: 1, done: 1 });
    const file = await request(t.http)
      .get(`/api/v1/progress/workbook?year=${year}`)
      .set(await regionLogin('maju', 'bupati'))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    // In the console: the bupati reads the history; the province's list counts each region's recommendations.
    const bupati = await loginAs(
      browser,
      base,
      `${DEMO_REGIONS.find((r) => r.key === 'maju')!.usernamePrefix}.bupati`,
      DEMO_PASSWORD,
      '/konsol/pembinaan',
    );
    expect(await bupati.locator('[id^="r-"]').count()).toBe(maju.summary.recommendations);
    await bupati.context().close();
    const prov = await loginAs(
      browser,
      base,
      `${DEMO_PROVINCE.usernamePrefix}.evaluator`,
      DEMO_PASSWORD,
      '/konsol/pembinaan-kabkota',
    );
    const row = prov.getByRole('row').filter({ hasText: DEMO_REGIONS.find((r) => r.key === 'maju')!.name });
    await expect(row.getByRole('cell').nth(3).textContent()).resolves.toBe(String(maju.summary.recommendations));
    await prov.context().close();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as ArrayBuffer);
    const ws = wb.getWorksheet(PEMBINAAN_SHEET)!;
    const followUps = [1, 2, 3].map((i) => ws.getRow(HEADER_ROW + i).getCell(7).value);
    expect(followUps).toEqual(
      maju.items.flatMap((v: { recommendations: { followUp: string | null }[] }) =>
        v.recommendations.map((x) => x.followUp ?? '-'),
      ),
    );
  });

  it('writes the recap workbook with the API’s figures, printing legibly (LibreOffice → PDF, no overlapping lines)', async () => {
    const auth = await province();
    const recap = (await request(t.http).get(`/api/v1/province/recap?year=${DEMO_PK_YEAR}`).set(auth).expect(200)).body;
    const file = await request(t.http)
      .get(`/api/v1/province/recap.xlsx?year=${DEMO_PK_YEAR}`)
      .set(auth)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as ArrayBuffer);
    const ws = wb.getWorksheet(RECAP_SHEET)!;
    recap.regions.forEach(
      (
        r: {
          code: string;
          name: string;
          result: { total: string; predicate: string; components: { score: string }[]; nextBand: { points: string } };
          change: string;
        },
        i: number,
      ) => {
        const row = ws.getRow(HEADER_ROW + 1 + i);
        const n = r.result.components.length;
        expect([
          row.getCell(2).value,
          row.getCell(3).value,
          row.getCell(4).value,
          row.getCell(5).value,
          row.getCell(7).value,
        ]).toEqual([r.code, r.name, Number(r.result.total), r.result.predicate, Number(r.change)]);
        expect(r.result.components.map((_, k) => row.getCell(8 + k).value)).toEqual(
          r.result.components.map((c) => Number(c.score)),
        );
        expect(row.getCell(9 + n).value).toBe(Number(r.result.nextBand.points));
      },
    );
    const dir = mkdtempSync(join(tmpdir(), 'sakip-recap-'));
    try {
      writeFileSync(join(dir, 'rekap.xlsx'), file.body as Buffer);
      await convertToPdf(dir, [join(dir, 'rekap.xlsx')]);
      const pages = await pdfLayout(join(dir, 'rekap.pdf'));
      expect(overlappingLines(pages)).toEqual([]);
      const text = pdfText(pages);
      for (const r of recap.regions) expect(text).toContain(r.result.total);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 200_000);

  it('answers 404 on a draft year, on a kabupaten of another province and on a region of its own level', async () => {
    const auth = await province();
    const admin = await regionLogin('maju', 'admin');
    const draft = await request(t.http).post('/api/v1/evaluations').set(admin).send({ year: 2026, pemda: true });
    expect([draft.status, draft.body]).toEqual([201, expect.anything()]);
    await request(t.http).get(`/api/v1/province/regions/${ids.maju}/results?year=2026`).set(auth).expect(404);
    await request(t.http).get(`/api/v1/province/regions/${ids.maju}/roadmap?year=2026`).set(auth).expect(404);

    const superadmin = await t.make.user({ role: 'SUPERADMIN' });
    const other = await request(t.http)
      .post('/api/v1/regions')
      .set(t.auth(superadmin))
      .send({ code: '98', name: 'Provinsi Lain (UJI)', kind: 'PROVINSI' })
      .expect(201);
    const kab = await request(t.http)
      .post('/api/v1/regions')
      .set(t.auth(superadmin))
      .send({ code: '98.01', name: 'Kabupaten Lain (UJI)', kind: 'KABUPATEN' })
      .expect(201);
    const attached = await request(t.http)
      .put(`/api/v1/regions/${kab.body.id}/province`)
      .set(t.auth(superadmin))
      .send({ version: kab.body.version, provinceId: other.body.id })
      .expect(200);
    expect(attached.body.provinceId).toBe(other.body.id);
    for (const path of ['results', 'history', 'roadmap', 'documents'])
      await request(t.http).get(`/api/v1/province/regions/${kab.body.id}/${path}`).set(auth).expect(404);
    // A kabupaten/kota cannot be a province's province, and a province cannot have one.
    await request(t.http)
      .put(`/api/v1/regions/${other.body.id}/province`)
      .set(t.auth(superadmin))
      .send({ version: other.body.version, provinceId: other.body.id })
      .expect(422);
    // A kabupaten user has no children and no province routes.
    await request(t.http).get(`/api/v1/province/regions/${ids.teladan}/results`).set(admin).expect(403);
  });

  it('answers 404 to the province on every write but recording pembinaan', async () => {
    const auth = await province();
    const writes = discoverRoutes(t.app).filter(
      (r) =>
        r.method !== 'GET' &&
        !r.isPublic &&
        r.permission !== 'session.self' &&
        r.permission !== 'notification.self' &&
        r.permission !== 'province.assist',
    );
    expect(writes.length).toBeGreaterThan(20);
    for (const route of writes) {
      expect((PERMISSIONS[route.permission!] as readonly Role[]).includes('PROVINCE_EVALUATOR')).toBe(false);
      const path = route.path.replace(/:[A-Za-z]+/g, ids.maju);
      const res = await request(t.http)[route.method.toLowerCase() as 'post'](path).set(auth).send({});
      expect([route.method, route.path, res.status, res.body.code]).toEqual([
        route.method,
        route.path,
        404,
        'NOT_FOUND',
      ]);
    }
  });

  it('shows exactly the published items in Chromium, equal to the API; unpublished is a 404; withdrawing removes at once', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
    const teladan = DEMO_REGIONS.find((r) => r.key === 'teladan')!;
    const maju = DEMO_REGIONS.find((r) => r.key === 'maju')!;
    const history = (
      await request(t.http)
        .get('/api/v1/progress/history')
        .set(await regionLogin('teladan', 'bupati'))
        .expect(200)
    ).body.region.entries as { year: number; total: string; predicate: string }[];
    const iku = (
      await request(t.http)
        .get(`/api/v1/capaian/pemda?year=${DEMO_PK_YEAR}`)
        .set(await regionLogin('teladan', 'bupati'))
        .expect(200)
    ).body.iku as { code: string; name: string }[];
    expect(iku.length).toBeGreaterThan(0);

    const res = await page.goto(`${base}/publik/${teladan.code}`);
    expect(res!.status()).toBe(200);
    const rows = await page.locator('#riwayat tbody tr').allInnerTexts();
    expect(rows.map((r) => r.split('\t').slice(0, 3).join(' '))).toEqual(
      history.map((h) => `${h.year} ${h.total} ${h.predicate}`),
    );
    const codes = await page.locator('section.iku tbody tr td:first-child').allInnerTexts();
    expect(codes).toEqual(iku.map((i) => i.code));
    const json = await request(t.http).get(`/publik/${teladan.code}/data.json`).expect(200);
    expect(json.body.history).toEqual(
      history.map((h) => expect.objectContaining({ year: h.year, total: h.total, predicate: h.predicate })),
    );
    expect(json.body.iku[0].indicators.map((i: { code: string }) => i.code)).toEqual(iku.map((i) => i.code));
    // The LHE summary and the LKjIP of the PK year, published by Teladan: the history's figures, the DOCX downloads.
    const year = history.find((h) => h.year === DEMO_PK_YEAR)!;
    expect(await page.locator('#lhe tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(new RegExp(`^${DEMO_PK_YEAR}\t${year.total}\t${year.predicate}\t`)),
    ]);
    expect(json.body.lhe).toEqual([
      expect.objectContaining({
        year: DEMO_PK_YEAR,
        total: year.total,
        predicate: year.predicate,
        finalizedAt: expect.any(String),
      }),
    ]);
    expect(json.body.lkjip).toEqual([expect.objectContaining({ year: DEMO_PK_YEAR })]);
    expect(await page.locator('#lkjip a').getAttribute('href')).toBe(json.body.lkjip[0].href);
    const docx = await request(t.http).get(json.body.lkjip[0].href).expect(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    await request(t.http)
      .get(`/publik/${teladan.code}/lkjip/${DEMO_PK_YEAR - 1}.docx`)
      .expect(404);
    // No internal ids anywhere in the public JSON.
    expect(JSON.stringify(json.body)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);

    // Maju Bersama publishes its history only.
    await page.goto(`${base}/publik/${maju.code}`);
    expect(await page.locator('#riwayat').count()).toBe(1);
    expect(await page.locator('section.iku').count()).toBe(0);
    expect([await page.locator('#lhe tbody tr').count(), await page.locator('#lkjip').count()]).toEqual([1, 0]);
    // The province page lists both publishing kabupaten.
    await page.goto(`${base}/publik/${DEMO_PROVINCE.code}`);
    expect(await page.locator('#wilayah li').allInnerTexts()).toEqual(DEMO_REGIONS.map((r) => r.name));
    // A region that publishes nothing is a 404.
    const superadmin = await t.make.user({ role: 'SUPERADMIN' });
    await request(t.http)
      .post('/api/v1/regions')
      .set(t.auth(superadmin))
      .send({ code: '97.01', name: 'Kabupaten Tertutup (UJI)', kind: 'KABUPATEN' })
      .expect(201);
    expect((await page.goto(`${base}/publik/97.01`))!.status()).toBe(404);
    expect((await request(t.http).get('/publik/97.01/data.json')).status).toBe(404);

    // Withdrawing Teladan's IKU: gone on the next request.
    const admin = await regionLogin('teladan', 'admin');
    // Nothing empty goes public: an LHE summary needs the year's result, an LKjIP the year's IKU.
    for (const kind of ['LHE', 'LKJIP']) {
      const empty = await request(t.http).put('/api/v1/public-items').set(admin).send({ kind, year: 2031 });
      expect([kind, empty.status, empty.body.code]).toEqual([kind, 422, 'NOTHING_TO_PUBLISH']);
    }
    await request(t.http).put('/api/v1/public-items').set(admin).send({ kind: 'LHE' }).expect(400);
    const items = await request(t.http).get('/api/v1/public-items').set(admin).expect(200);
    const ikuItem = items.body.find((i: { kind: string }) => i.kind === 'IKU');
    await request(t.http).delete(`/api/v1/public-items/${ikuItem.id}`).set(admin).expect(204);
    await page.goto(`${base}/publik/${teladan.code}`);
    expect(await page.locator('section.iku').count()).toBe(0);
    expect((await request(t.http).get(`/publik/${teladan.code}/data.json`).expect(200)).body.iku).toEqual([]);
    // Withdrawing everything makes the page a 404.
    for (const i of items.body.filter((x: { id: string }) => x.id !== ikuItem.id))
      await request(t.http).delete(`/api/v1/public-items/${i.id}`).set(admin).expect(204);
    expect((await page.goto(`${base}/publik/${teladan.code}`))!.status()).toBe(404);
    await request(t.http).get(json.body.lkjip[0].href).expect(404);
    await page.close();
  });

  it('sends cache headers, answers 304 to a matching ETag, and 429 with Retry-After beyond the rate limit', async () => {
    const maju = DEMO_REGIONS.find((r) => r.key === 'maju')!;
    const first = await request(t.http).get(`/publik/${maju.code}`);
    expect([first.status, first.text.slice(0, 300)]).toEqual([200, expect.anything()]);
    expect(first.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    expect(first.headers.etag).toMatch(/^".+"$/);
    expect(first.headers['content-type']).toContain('text/html');
    await request(t.http).get(`/publik/${maju.code}`).set('If-None-Match', first.headers.etag).expect(304);
    // A burst (concurrent, so it lands inside one rate window even on a slow database).
    const burst = await Promise.all(
      Array.from({ length: PUBLIC_PAGE_RATE.limit + 5 }, () => request(t.http).get(`/publik/${maju.code}/data.json`)),
    );
    const limited = burst.find((r) => r.status === 429);
    expect(limited?.status).toBe(429);
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
  });
});
