import type { Browser } from 'playwright-core';
import request from 'supertest';
import { TEST_PASSWORD, type MadeUser } from '../factories/factories';
import { planningWorld, type PlanningWorld } from '../planning/planning-fixtures';
import { createTestApp, type TestApp } from '../utils/test-app';
import { launchChromium, listen, loginAs } from './browser';
import {
  answerPkReturn,
  answerRecommendation,
  buildTree,
  createAndSubmitPk,
  PLANNER_TREE,
  revisePk,
  selfAssess,
  enterFourQuarters,
} from './year-walk/planner-steps';
import { buildPemdaTree, PEMDA_TREE } from './year-walk/admin-steps';
import { openAs, visit, type Walk } from './year-walk/walk';

const API = '/api/v1';
const YEAR = 2025;
const RETURN_REASON = 'Target TW IV belum sesuai dengan target tahunan RPJMD';
const REVISION_REASON = 'Perubahan APBD 2025: target triwulan disesuaikan';
const RECOMMENDATION = 'Agar menyusun rencana aksi triwulanan untuk setiap sasaran strategis.';
const FOLLOW_UP = 'Rencana aksi triwulanan telah ditetapkan dengan SK Kepala Dinas.';

/**
 * Every planner task of the SAKIP year (#17, Deliver 1) through the console pages, as the year-walk steps do it:
 * tree, PK with return and revision, four quarters of realisations, LKE self-assessment, follow-up. The other roles'
 * part (approvals, opening the LKE, recommendations) is played through the REST API here; the final state is checked
 * against the API.
 */
describe('Console: the planner year in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let w: PlanningWorld;
  let planner: MadeUser;
  let evaluator: MadeUser;
  let skpdId: string;
  let walk: Walk;
  let pemdaSasaranCode: string;

  const api = () => request(t.http);
  const tAuth = () => t.auth(w.admin);
  const latestPk = async () =>
    (await api().get(`${API}/pk`).query({ skpdId, year: YEAR, latest: 'true' }).set(t.auth(w.admin)).expect(200)).body
      .items[0] as { id: string; status: string; revision: number };

  beforeAll(async () => {
    t = await createTestApp();
    browser = await launchChromium();
    w = await planningWorld(t);
    const skpd = await t.make.skpd(w.regionId, { name: 'Dinas Kesehatan Uji' });
    skpdId = skpd.id;
    planner = await t.make.user({ role: 'PLANNER', regionId: w.regionId, skpdId });
    evaluator = await t.make.user({ role: 'EVALUATOR', regionId: w.regionId });
    pemdaSasaranCode = (await api().get(`${API}/planning/nodes/${w.pemdaSasaranId}`).set(t.auth(w.admin)).expect(200))
      .body.code;
    // Every quarter of the year open until far ahead, with a deadline the page shows before typing.
    for (const quarter of [1, 2, 3, 4])
      await api()
        .put(`${API}/realisation-windows`)
        .set(t.auth(w.admin))
        .send({ year: YEAR, quarter, deadline: '2099-12-31T16:59:59Z' })
        .expect(200);
    await api()
      .put(`${API}/realisation-windows`)
      .set(t.auth(w.admin))
      .send({ year: YEAR + 1, quarter: 1, deadline: '2026-01-15T16:59:59Z' })
      .expect(200);
    walk = {
      base: await listen(t),
      browser,
      year: YEAR,
      admin: { username: w.admin.username, password: TEST_PASSWORD },
      planner: { username: planner.username, password: TEST_PASSWORD },
      skpdCode: skpd.code,
      skpdName: skpd.name,
      checked: [],
    };
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  let opened: { id: string };

  it('builds the performance tree: nodes, indicator, move and removal', async () => {
    await buildTree(walk, pemdaSasaranCode);
  }, 300_000);

  it('creates and submits the PK, answers a return, and starts a revision with a reason', async () => {
    await createAndSubmitPk(walk);
    const submitted = await latestPk();
    expect(submitted.status).toBe('SUBMITTED');
    await api()
      .post(`${API}/pk/${submitted.id}/return`)
      .set(t.auth(w.admin))
      .send({ reason: RETURN_REASON })
      .expect(200);
    await answerPkReturn(walk, RETURN_REASON);
    await api().post(`${API}/pk/${submitted.id}/approve`).set(t.auth(w.admin)).expect(200);

    await revisePk(walk, REVISION_REASON);
    const revision = await latestPk();
    expect(revision).toMatchObject({ revision: 1, status: 'SUBMITTED' });
    await api().post(`${API}/pk/${revision.id}/approve`).set(t.auth(w.admin)).expect(200);
  }, 300_000);

  it('enters four quarters with evidence, each window shown before typing', async () => {
    await enterFourQuarters(walk);
  }, 300_000);

  it('fills the LKE self-assessment with evidence from the registry and submits it', async () => {
    opened = (await api().post(`${API}/evaluations`).set(t.auth(w.admin)).send({ skpdId, year: YEAR }).expect(201))
      .body as { id: string };
    await selfAssess(walk);
  }, 300_000);

  it('answers the recommendation addressed to the SKPD', async () => {
    await api()
      .post(`${API}/evaluations/${opened.id}/recommendations`)
      .set(t.auth(evaluator))
      .send({ text: RECOMMENDATION })
      .expect(201);
    await answerRecommendation(walk, RECOMMENDATION, FOLLOW_UP);
  }, 300_000);

  it('leaves the state the pages showed, read back through the API', async () => {
    const nodes = (
      await api()
        .get(`${API}/planning/nodes`)
        .query({ periodId: w.periodId, skpdId, pageSize: 100 })
        .set(t.auth(planner))
        .expect(200)
    ).body.items as {
      id: string;
      code: string;
      kind: string;
      parentId: string | null;
      supportsNodeId: string | null;
    }[];
    const byCode = new Map(nodes.map((n) => [n.code, n]));
    expect([...byCode.keys()].sort()).toEqual(['K.1', 'P.1', 'S.1', 'T.2']);
    expect(byCode.get('S.1')).toMatchObject({ parentId: byCode.get('T.2')!.id, supportsNodeId: w.pemdaSasaranId });
    expect(byCode.get('K.1')!.parentId).toBe(byCode.get('P.1')!.id);
    const indicators = (
      await api()
        .get(`${API}/planning/indicators`)
        .query({ skpdId, periodId: w.periodId })
        .set(t.auth(planner))
        .expect(200)
    ).body.items;
    expect(indicators).toEqual([
      expect.objectContaining({
        code: PLANNER_TREE.indicator.code,
        name: PLANNER_TREE.indicator.name,
        satuan: '%',
        polarity: 'HIGHER_IS_BETTER',
        aggregation: 'LAST_VALUE',
        baselineValue: '80.5',
        baselineYear: YEAR - 1,
        endTarget: '100',
        nodeId: byCode.get('S.1')!.id,
      }),
    ]);
    const targets = (
      await api().get(`${API}/planning/indicators/${indicators[0].id}/targets`).set(t.auth(planner)).expect(200)
    ).body;
    expect(targets).toEqual([expect.objectContaining({ year: YEAR, target: '100' })]);

    const history = (
      await api().get(`${API}/pk/history`).query({ skpdId, year: YEAR }).set(t.auth(planner)).expect(200)
    ).body as {
      revision: number;
      status: string;
      revisionReason: string | null;
      effective: boolean;
      indicators: { q1Target: string }[];
    }[];
    expect(history.map((p) => [p.revision, p.effective, p.revisionReason])).toEqual([
      [0, false, null],
      [1, true, REVISION_REASON],
    ]);
    expect(history[1].indicators[0].q1Target).toBe('30');

    const realisations = (
      await api().get(`${API}/realisations`).query({ skpdId, year: YEAR }).set(t.auth(planner)).expect(200)
    ).body as { quarter: number; value: string; evidenceIds: string[] }[];
    expect(realisations.map((r) => [r.quarter, r.value, r.evidenceIds.length])).toEqual([
      [1, '24', 1],
      [2, '51', 1],
      [3, '76.5', 1],
      [4, '99', 1],
    ]);

    const ev = (await api().get(`${API}/evaluations/${opened.id}`).set(t.auth(planner)).expect(200)).body;
    expect(ev.status).toBe('EVALUATION');
    const answers = (await api().get(`${API}/evaluations/${opened.id}/answers`).set(t.auth(planner)).expect(200))
      .body as { selfAnswer: string | null; selfNote: string | null; evidenceIds: string[] }[];
    expect(answers.every((a) => a.selfAnswer !== null)).toBe(true);
    expect(answers[0].selfNote).toBe('Rencana aksi ditetapkan dengan SK Kepala Dinas.');
    expect(answers[0].evidenceIds).toHaveLength(1);
    expect(answers[1].evidenceIds).toEqual(answers[0].evidenceIds);

    const recs = (await api().get(`${API}/evaluations/${opened.id}/recommendations`).set(t.auth(planner)).expect(200))
      .body;
    expect(recs).toEqual([
      expect.objectContaining({ text: RECOMMENDATION, followUp: FOLLOW_UP, status: 'IN_PROGRESS' }),
    ]);
  });

  it('shows a closed quarter and its deadline before anything is typed, and offers no save', async () => {
    const page = await loginAs(
      browser,
      walk.base,
      planner.username,
      TEST_PASSWORD,
      `/konsol/realisasi?tahun=${YEAR + 1}&tw=1`,
    );
    const state = await page
      .getByRole('status')
      .filter({ hasText: `Pengisian TW I ${YEAR + 1}` })
      .textContent();
    expect(state).toContain('ditutup');
    expect(state).toContain('Batas waktu: 15');
    await page.context().close();
  });

  it("keeps the planner to the own SKPD's tree: another SKPD's node is a 404 page", async () => {
    const other = await t.make.skpd(w.regionId);
    const node = (
      await api()
        .post(`${API}/planning/nodes`)
        .set(t.auth(w.admin))
        .send({ periodId: w.periodId, skpdId: other.id, kind: 'TUJUAN', code: 'X.1', name: 'Tujuan SKPD lain' })
        .expect(201)
    ).body;
    const page = await loginAs(
      browser,
      walk.base,
      planner.username,
      TEST_PASSWORD,
      `/konsol/pohon-kinerja/simpul/${node.id}`,
    );
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/404/);
    await page.goto(`${walk.base}/konsol/pohon-kinerja?skpd=${other.id}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/404/);
    await page.context().close();
  });

  it('deactivates and reactivates a kegiatan and an indicator from the tree page, greyed with a badge meanwhile', async () => {
    const tree = PLANNER_TREE;
    const page = await openAs(walk, walk.planner!, `/konsol/pohon-kinerja?tahun=${YEAR}`);
    const click = (name: string) =>
      Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
    const nodeActive = async (code: string) => {
      const nodes = await api()
        .get(`${API}/planning/nodes`)
        .query({ skpdId, periodId: w.periodId, pageSize: 100 })
        .set(tAuth())
        .expect(200);
      return (nodes.body.items as { code: string; active: boolean }[]).find((n) => n.code === code)?.active;
    };
    await click(`Nonaktifkan Kegiatan ${tree.kegiatan.code}`);
    await page.getByRole('status').filter({ hasText: 'Perubahan disimpan.' }).waitFor();
    await click(`Nonaktifkan indikator ${tree.indicator.code}`);
    await page.getByRole('status').filter({ hasText: 'Perubahan disimpan.' }).waitFor();
    expect(await page.locator('.lencana-nonaktif').count()).toBe(2);
    await visit(walk, page, 'planner-pohon-nonaktif');
    expect(await nodeActive(tree.kegiatan.code)).toBe(false);
    // The program still has an inactive kegiatan only: it may now be deactivated; the sasaran (active indicator
    // gone, active program left) may not.
    expect(await page.getByRole('button', { name: `Nonaktifkan Program ${tree.program.code}` }).count()).toBe(1);
    expect(await page.getByRole('button', { name: `Nonaktifkan Sasaran ${tree.sasaran.code}` }).count()).toBe(0);

    await click(`Aktifkan kembali Kegiatan ${tree.kegiatan.code}`);
    await click(`Aktifkan kembali indikator ${tree.indicator.code}`);
    expect(await page.locator('.lencana-nonaktif').count()).toBe(0);
    expect(await nodeActive(tree.kegiatan.code)).toBe(true);
    await page.context().close();
  }, 120_000);

  it('lets the region administrator build the Pemda tree in the console, read-only for the planner', async () => {
    const code = await buildPemdaTree(walk);
    const pemda = await api()
      .get(`${API}/planning/nodes`)
      .query({ periodId: w.periodId, level: 'PEMDA', pageSize: 100 })
      .set(tAuth())
      .expect(200);
    const codes = (pemda.body.items as { code: string; kind: string; skpdId: string | null }[]).map(
      (n) => `${n.kind} ${n.code}`,
    );
    expect(codes).toEqual(expect.arrayContaining([`TUJUAN ${PEMDA_TREE.tujuan.code}`, `SASARAN ${code}`]));

    const page = await openAs(walk, walk.planner!, `/konsol/pohon-kinerja?skpd=pemda&tahun=${YEAR}`);
    await page.getByText(PEMDA_TREE.sasaran.name).waitFor();
    expect(await page.getByRole('link', { name: 'Tambah tujuan' }).count()).toBe(0);
    await page.goto(`${walk.base}/konsol/pohon-kinerja/simpul/baru?skpd=pemda&periode=${w.periodId}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/404/);
    await page.context().close();
  }, 120_000);
});
