import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { consoleTemplatesDir } from '../../src/console/console.setup';
import { TEST_PASSWORD } from '../factories/factories';
import { LogCapture } from '../documents/document-fixtures';
import { asBody, cast, type Cast, registryOf, uniform } from '../evaluation/evaluation-fixtures';
import { createTestApp, type TestApp } from '../utils/test-app';
import { launchChromium, listen, loginAs, seriousA11yViolations } from './browser';
import { finaliseAsQa, markRecommendationDone, scoreAndRecommend } from './year-walk/evaluator-steps';
import { readDashboardRoadmapAndDownloadRecap } from './year-walk/head-steps';
import type { Walk } from './year-walk/walk';

const API = '/api/v1';
const YEAR = 2025;
/** Stage deadlines still ahead whenever the test runs. */
const NEXT_YEAR = new Date().getUTCFullYear() + 1;
jest.setTimeout(1_500_000);

const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';

/**
 * #17 items 3–6 in the browser: the evaluator scores, navigates and recommends, QA finalises, the head reads the
 * roadmap, the SKPD index and the peer comparison and downloads the recap; every page passes axe-core. Preconditions
 * are made through the REST API; what is asserted is done through the pages, then checked against the API.
 */
describe('Console: evaluator, QA and head', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let c: Cast;
  let skpdName: string;
  let evaluationId: string;
  let pemdaId: string;
  const logs = new LogCapture();
  const api = () => request(t.http);

  beforeAll(async () => {
    t = await createTestApp({}, { logStream: logs });
    base = await listen(t);
    browser = await launchChromium();
    c = await cast(t);
    skpdName = (await api().get(`${API}/skpd/${c.skpdId}`).set(t.auth(c.admin)).expect(200)).body.name;
    const opened = (
      await api()
        .post(`${API}/evaluations`)
        .set(t.auth(c.admin))
        .send({
          skpdId: c.skpdId,
          year: YEAR,
          evaluationDeadline: `${NEXT_YEAR}-03-31T16:59:59Z`,
          qaDeadline: `${NEXT_YEAR}-04-30T16:59:59Z`,
        })
        .expect(201)
    ).body;
    await api()
      .post(`${API}/evaluations/${opened.id}/submit`)
      .set(t.auth(c.planner))
      .send({ version: opened.version })
      .expect(200);
    evaluationId = opened.id;
    // The Pemda's own sheet, self-assessed by the inspectorate, so the head's roadmap has steps; and a target.
    const pemda = (
      await api().post(`${API}/evaluations`).set(t.auth(c.admin)).send({ pemda: true, year: YEAR }).expect(201)
    ).body;
    const rs = registryOf(t).find(pemda.ruleSetCode, pemda.ruleSetVersion)!;
    await api()
      .put(`${API}/evaluations/${pemda.id}/answers`)
      .set(t.auth(c.evaluator))
      .send({ version: pemda.version, ...asBody(uniform(rs, 'B')) })
      .expect(200);
    pemdaId = pemda.id;
    await api().put(`${API}/progress/target`).set(t.auth(c.admin)).send({ predicate: 'A', year: 2027 }).expect(200);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const walkOf = (): Walk => ({
    base,
    browser,
    year: YEAR,
    admin: { username: c.admin.username, password: TEST_PASSWORD },
    evaluator: { username: c.evaluator.username, password: TEST_PASSWORD },
    qa: { username: c.qa.username, password: TEST_PASSWORD },
    head: { username: c.head.username, password: TEST_PASSWORD },
    skpdName,
    checked: [],
  });

  it('evaluator scores and recommends, QA finalises, the head reads the roadmap and downloads the recap', async () => {
    const walk: Walk & { recommendation?: string } = walkOf();
    await scoreAndRecommend(walk);
    await finaliseAsQa(walk);
    const head = await readDashboardRoadmapAndDownloadRecap(walk);
    await markRecommendationDone(walk);

    // The final state, against the API.
    const ev = (await api().get(`${API}/evaluations/${evaluationId}`).set(t.auth(c.head)).expect(200)).body;
    expect(ev.status).toBe('FINAL');
    expect(ev.final.predicate).toEqual(expect.any(String));
    const recs = (await api().get(`${API}/evaluations/${evaluationId}/recommendations`).set(t.auth(c.head)).expect(200))
      .body;
    expect(recs.map((r: { text: string; status: string; refId: string }) => [r.text, r.status, r.refId])).toEqual([
      [walk.recommendation, 'DONE', '1'],
    ]);
    const roadmap = (await api().get(`${API}/progress/evaluations/${pemdaId}/roadmap`).set(t.auth(c.head)).expect(200))
      .body;
    expect(head.roadmapTotal).toBe(roadmap.total.replace('.', ','));
    expect(head.recapFile).toMatch(/\.xlsx$/);
    expect(head.recapRows).toBeGreaterThan(1);
    expect(walk.checked.length).toBeGreaterThanOrEqual(12);
  });

  it('shows no status, stage or action code on the evaluation and region pages', async () => {
    const page = await loginAs(browser, base, c.head.username, TEST_PASSWORD, `/konsol/lke/${evaluationId}`);
    try {
      for (const path of [`/konsol/lke/${evaluationId}`, `/konsol/lke?tahun=${YEAR}`, '/konsol/wilayah', '/konsol']) {
        await page.goto(`${base}${path}`);
        expect([path, await page.locator('main').innerText()]).not.toEqual([
          path,
          expect.stringMatching(/\b(FINAL|LOCKED|CREATE|QA_REVIEW|EVALUATION|SELF_ASSESSMENT|DRAFT|APPROVED)\b/),
        ]);
      }
    } finally {
      await page.context().close();
    }
  });

  it('opens the evaluation pages on the latest year that has data', async () => {
    const page = await loginAs(browser, base, c.head.username, TEST_PASSWORD);
    try {
      const shown: string[] = [];
      for (const path of ['/konsol/lke', '/konsol/wilayah', '/konsol/kemajuan']) {
        await page.goto(`${base}${path}`);
        shown.push(`${path} ${await page.getByLabel('Tahun').inputValue()}`);
      }
      expect(shown).toEqual([`/konsol/lke ${YEAR}`, `/konsol/wilayah ${YEAR}`, `/konsol/kemajuan ${YEAR}`]);
    } finally {
      await page.context().close();
    }
  });

  it('the existing pages have no serious or critical axe-core violation', async () => {
    const found: string[] = [];
    const check = async (page: Page, path: string) => {
      await page.goto(`${base}${path}`);
      for (const v of await seriousA11yViolations(page)) found.push(`${path}: ${v}`);
    };
    const anonymous = await browser.newContext();
    await check(await anonymous.newPage(), '/konsol/masuk');
    await anonymous.close();
    const planner = await loginAs(browser, base, c.planner.username, TEST_PASSWORD);
    for (const path of [
      '/konsol',
      '/konsol/capaian',
      '/konsol/realisasi',
      '/konsol/pemberitahuan',
      '/konsol/kata-sandi',
    ])
      await check(planner, path);
    await planner.context().close();
    const head = await loginAs(browser, base, c.head.username, TEST_PASSWORD);
    for (const path of ['/konsol/wilayah', '/konsol/lke', `/konsol/lke/${evaluationId}`, '/konsol/tidak-ada'])
      await check(head, path);
    await head.context().close();
    expect(found).toEqual([]);
  });

  it('logs each console request once', async () => {
    logs.lines.length = 0;
    const agent = request.agent(t.http);
    await agent.get('/konsol/masuk').expect(200);
    await agent.get('/konsol').expect(303);
    await agent.get('/konsol/tidak-ada').expect(303);
    const completed = logs.lines
      .map((l) => JSON.parse(l) as { msg?: string; req?: { id: string; path: string } })
      .filter((l) => l.msg === 'request completed' && l.req?.path.startsWith('/konsol'));
    const paths = completed.map((l) => l.req!.path);
    expect(paths.sort()).toEqual(['/konsol', '/konsol/masuk', '/konsol/tidak-ada']);
    expect(new Set(completed.map((l) => l.req!.id)).size).toBe(3);
  });

  it('never puts the CSRF token in a URL: upload forms carry it in the multipart body', async () => {
    for (const file of readdirSync(consoleTemplatesDir(), { recursive: true }) as string[])
      if (file.endsWith('.hbs'))
        expect([file, readFileSync(join(consoleTemplatesDir(), file), 'utf8')]).not.toEqual([
          file,
          expect.stringMatching(/[?&]_csrf=/),
        ]);
    const agent = request.agent(t.http);
    const login = await agent.get('/konsol/masuk').expect(200);
    await agent
      .post('/konsol/masuk')
      .type('form')
      .send({ _csrf: hidden(login.text, '_csrf'), username: c.evaluator.username, password: TEST_PASSWORD })
      .expect(303);
    const form = await agent.get(`/konsol/lke/${pemdaId}/excel/unggah`).expect(200);
    const csrf = hidden(form.text, '_csrf');
    expect(form.text).not.toMatch(/action="[^"]*_csrf/);
    const notAWorkbook = Buffer.from('bukan berkas excel');
    // In the body: accepted as a form (the file itself is then refused on the page, not the token).
    const inBody = await agent
      .post(`/konsol/lke/${pemdaId}/excel/pratinjau`)
      .field('_csrf', csrf)
      .attach('berkas', notAWorkbook, 'lke.xlsx');
    expect(inBody.status).not.toBe(403);
    expect(inBody.text).not.toContain('Formulir sudah kedaluwarsa');
    // Only in the URL, as before the fix: refused.
    const inUrl = await agent
      .post(`/konsol/lke/${pemdaId}/excel/pratinjau?_csrf=${encodeURIComponent(csrf)}`)
      .attach('berkas', notAWorkbook, 'lke.xlsx');
    expect([inUrl.status, inUrl.text.includes('Formulir sudah kedaluwarsa')]).toEqual([403, true]);
  });
});
