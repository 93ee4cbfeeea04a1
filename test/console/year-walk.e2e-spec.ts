import type { Browser } from 'playwright-core';
import request from 'supertest';
import { TEST_PASSWORD } from '../factories/factories';
import { createTestApp, type TestApp } from '../utils/test-app';
import { launchChromium, listen } from './browser';
import {
  approvePk,
  buildPemdaTree,
  createPeriodSkpdAndUsers,
  openLke,
  returnPk,
  setRealisationDeadlines,
} from './year-walk/admin-steps';
import { finaliseAsQa, markRecommendationDone, scoreAndRecommend } from './year-walk/evaluator-steps';
import { readDashboardRoadmapAndDownloadRecap } from './year-walk/head-steps';
import {
  answerPkReturn,
  answerRecommendation,
  buildTree,
  createAndSubmitPk,
  enterFourQuarters,
  PLANNER_TREE,
  REALISATIONS,
  selfAssess,
} from './year-walk/planner-steps';
import type { Walk } from './year-walk/walk';

const API = '/api/v1';
/** The walk plays the current year: its realisation windows and LKE stages are open now. */
const YEAR = new Date().getFullYear();
const RETURN_REASON = 'Target TW IV belum sesuai dengan target tahunan RPJMD';
const FOLLOW_UP = 'Rencana aksi triwulanan telah ditetapkan dengan SK Kepala Dinas.';
/** Each step waits for pages rendered by a loaded CI machine. */
const STEP = 600_000;

/**
 * One full SAKIP year on a fresh region, played in Chromium through the console only (#17): the test's set-up makes
 * the region and its first admin; from then on every role works through the pages, one after another, and each page
 * on the way is checked by axe-core and photographed at 1280 px and 360 px. The REST API is used only at the end, to
 * read back the state the pages left.
 */
describe('The whole SAKIP year in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let walk: Walk & { recommendation?: string };
  let regionId: string;

  beforeAll(async () => {
    t = await createTestApp();
    browser = await launchChromium();
    const region = await t.make.region({ name: 'Kabupaten Jalan Setahun' });
    regionId = region.id;
    const admin = await t.make.user({ role: 'REGION_ADMIN', regionId });
    walk = {
      base: await listen(t),
      browser,
      year: YEAR,
      admin: { username: admin.username, password: TEST_PASSWORD },
      checked: [],
      checkPages: true,
    };
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('plays the year role after role, through the pages only', async () => {
    await createPeriodSkpdAndUsers(walk);
    await setRealisationDeadlines(walk, `${YEAR + 1}-01-31T23:59`);
    const pemdaSasaranCode = await buildPemdaTree(walk);

    await buildTree(walk, pemdaSasaranCode);
    await createAndSubmitPk(walk);
    await returnPk(walk, RETURN_REASON);
    await answerPkReturn(walk, RETURN_REASON);
    await approvePk(walk);
    await enterFourQuarters(walk);

    await openLke(walk);
    await selfAssess(walk);
    await scoreAndRecommend(walk);
    await finaliseAsQa(walk);
    await answerRecommendation(walk, walk.recommendation!, FOLLOW_UP);
    await markRecommendationDone(walk);

    const reading = await readDashboardRoadmapAndDownloadRecap(walk);
    expect(reading.recapFile).toMatch(/\.xlsx$/);

    // Every page of the walk was checked (axe-core, screenshots at both widths), each role's pages among them.
    for (const prefix of ['admin-', 'planner-', 'evaluator-', 'qa-', 'kepala-'])
      expect(walk.checked.some((name) => name.startsWith(prefix))).toBe(true);

    await expectFinalStateInApi();
  }, STEP);

  /** The state the pages left, read back through the API as the region's head and admin. */
  async function expectFinalStateInApi(): Promise<void> {
    const api = () => request(t.http);
    const login = async (username: string, password: string) =>
      `Bearer ${(await api().post(`${API}/auth/login`).send({ username, password }).expect(200)).body.accessToken}`;
    const admin = await login(walk.admin.username, walk.admin.password);

    const skpd = (await api().get(`${API}/skpd`).query({ pageSize: 100 }).set('Authorization', admin).expect(200)).body
      .items as { id: string; code: string; name: string }[];
    expect(skpd.map((s) => [s.code, s.name])).toEqual([[walk.skpdCode, walk.skpdName]]);
    const skpdId = skpd[0].id;

    const pks = (
      await api().get(`${API}/pk/history`).query({ skpdId, year: YEAR }).set('Authorization', admin).expect(200)
    ).body as { status: string; effective: boolean; indicators: { indicatorCode?: string }[] }[];
    expect(pks).toHaveLength(1);
    expect(pks[0]).toMatchObject({ status: 'APPROVED', effective: true });

    const realisations = (
      await api().get(`${API}/realisations`).query({ skpdId, year: YEAR }).set('Authorization', admin).expect(200)
    ).body as { quarter: number; value: string; evidenceIds: string[] }[];
    expect(realisations.map((r) => [r.quarter, r.value, r.evidenceIds.length])).toEqual(
      REALISATIONS.map((v, i) => [i + 1, v.replace(',', '.'), 1]),
    );

    const evaluations = (
      await api().get(`${API}/evaluations`).query({ year: YEAR }).set('Authorization', admin).expect(200)
    ).body.items as { id: string; skpdId: string | null; status: string; total: string | null }[];
    const sheet = evaluations.find((e) => e.skpdId === skpdId)!;
    expect(sheet.status).toBe('FINAL');
    expect(evaluations.some((e) => e.skpdId === null)).toBe(true);

    const recommendations = (
      await api().get(`${API}/evaluations/${sheet.id}/recommendations`).set('Authorization', admin).expect(200)
    ).body as { text: string; followUp: string; status: string }[];
    expect(recommendations).toEqual([
      expect.objectContaining({ text: walk.recommendation, followUp: FOLLOW_UP, status: 'DONE' }),
    ]);

    const indicators = (
      await api().get(`${API}/planning/indicators`).query({ skpdId }).set('Authorization', admin).expect(200)
    ).body.items as { name: string }[];
    expect(indicators.map((i) => i.name)).toContain(PLANNER_TREE.indicator.name);
  }
});
