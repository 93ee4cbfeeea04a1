import type { Browser } from 'playwright-core';
import request from 'supertest';
import { TEST_PASSWORD } from '../factories/factories';
import { createTestApp, type TestApp } from '../utils/test-app';
import { launchChromium, listen } from './browser';
import { approvePk, createPeriodSkpdAndUsers, defaultSchedule, openLke, returnPk } from './year-walk/admin-steps';
import { type Account, openAs, visit, type Walk } from './year-walk/walk';

const API = '/api/v1';
const YEAR = 2025;

// Chromium with axe-core and two screenshots per page, on a shared machine.
jest.setTimeout(300_000);

/**
 * The region admin's year in the browser (#17): period, SKPD and accounts; PK approvals with the reason and the
 * changes against the previous revision; the LKE opened for every SKPD and the Pemda in one action; users and SKPD
 * edited; the audit log filtered. Planners' work (the preconditions) goes through the REST API; every result is
 * checked on the pages and against the API.
 */
describe('Console: the region admin’s year', () => {
  let t: TestApp;
  let browser: Browser;
  let walk: Walk;
  let adminToken: string;
  let pkId: string;

  const api = () => request(t.http);
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const login = async (a: Account): Promise<string> =>
    (await api().post(`${API}/auth/login`).send(a).expect(200)).body.accessToken as string;

  beforeAll(async () => {
    t = await createTestApp();
    const base = await listen(t);
    browser = await launchChromium();
    const region = await t.make.region({ name: 'Kabupaten Jalan Setahun' });
    const admin = await t.make.user({ role: 'REGION_ADMIN', regionId: region.id });
    adminToken = admin.token;
    walk = {
      base,
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

  it('creates the period, the SKPD and the planner, evaluator, QA and head accounts through the console', async () => {
    await createPeriodSkpdAndUsers(walk);
    const periods = (await api().get(`${API}/planning/periods`).set(bearer(adminToken)).expect(200)).body.items;
    expect(periods).toEqual([expect.objectContaining({ startYear: YEAR, endYear: YEAR + 4 })]);
    const skpd = (await api().get(`${API}/skpd`).set(bearer(adminToken)).expect(200)).body.items;
    expect(skpd).toEqual([expect.objectContaining({ code: walk.skpdCode, name: walk.skpdName, kind: 'DINAS' })]);
    const users = (await api().get(`${API}/users?pageSize=100`).set(bearer(adminToken)).expect(200)).body.items;
    const byName = new Map(users.map((u: { username: string }) => [u.username, u]));
    expect(byName.get(walk.planner!.username)).toMatchObject({ role: 'PLANNER', skpdId: skpd[0].id });
    expect(byName.get(walk.evaluator!.username)).toMatchObject({ role: 'EVALUATOR', isQa: false });
    expect(byName.get(walk.qa!.username)).toMatchObject({ role: 'EVALUATOR', isQa: true });
    expect(byName.get(walk.head!.username)).toMatchObject({ role: 'HEAD' });
    // The passwords the console stored in the walk open the accounts.
    for (const a of [walk.planner!, walk.evaluator!, walk.qa!, walk.head!]) await login(a);
  });

  /** The planner's tree and a submitted PK (REST, as preconditions): one indicator with annual and TW targets. */
  async function submittedPk(): Promise<{ token: string; indicatorId: string }> {
    const token = await login(walk.planner!);
    // A planner sees only its own SKPD.
    const skpd = (await api().get(`${API}/skpd`).set(bearer(token)).expect(200)).body.items[0].id as string;
    const periodId = (await api().get(`${API}/planning/periods`).set(bearer(token)).expect(200)).body.items[0].id;
    const post = async (path: string, body: object) => {
      const res = await api().post(`${API}${path}`).set(bearer(token)).send(body);
      if (res.status >= 300) throw new Error(`${path} ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const tujuan = await post('/planning/nodes', {
      periodId,
      skpdId: skpd,
      kind: 'TUJUAN',
      code: 'T.1',
      name: 'Meningkatnya derajat kesehatan',
    });
    const sasaran = await post('/planning/nodes', {
      periodId,
      skpdId: skpd,
      kind: 'SASARAN',
      parentId: tujuan.id,
      code: 'S.1',
      name: 'Meningkatnya layanan kesehatan dasar',
    });
    const ind = await post('/planning/indicators', {
      nodeId: sasaran.id,
      code: 'I.1',
      name: 'Cakupan imunisasi dasar lengkap',
      satuan: '%',
      polarity: 'HIGHER_IS_BETTER',
      aggregation: 'LAST_VALUE',
    });
    const pk = await post('/pk', { skpdId: skpd, year: YEAR });
    pkId = pk.id;
    await api()
      .put(`${API}/pk/${pk.id}/indicators`)
      .set(bearer(token))
      .send({ version: pk.version, items: [targets(ind.id, '90')] })
      .expect(200);
    await api().post(`${API}/pk/${pk.id}/submit`).set(bearer(token)).expect(200);
    return { token, indicatorId: ind.id };
  }

  const targets = (indicatorId: string, q4: string) => ({
    indicatorId,
    annualTarget: q4,
    q1Target: '40',
    q2Target: '60',
    q3Target: '80',
    q4Target: q4,
  });

  it('returns a PK with a reason, approves it, then reads a revision beside the one before and approves it', async () => {
    const { token, indicatorId } = await submittedPk();
    await returnPk(walk, 'Target TW IV belum sesuai Renstra');
    const returned = (await api().get(`${API}/pk/${pkId}`).set(bearer(adminToken)).expect(200)).body;
    expect(returned.status).toBe('DRAFT');
    const audit = (
      await api().get(`${API}/audit-log?entity=PerformanceAgreement&action=RETURN`).set(bearer(adminToken)).expect(200)
    ).body.items;
    expect(audit).toEqual([expect.objectContaining({ entityId: pkId, reason: 'Target TW IV belum sesuai Renstra' })]);

    await api().post(`${API}/pk/${pkId}/submit`).set(bearer(token)).expect(200);
    await approvePk(walk);
    expect((await api().get(`${API}/pk/${pkId}`).set(bearer(adminToken)).expect(200)).body.status).toBe('APPROVED');

    // Perubahan PK: a new revision with a reason and a changed TW IV / annual target.
    const revision = (
      await api()
        .post(`${API}/pk/${pkId}/revisions`)
        .set(bearer(token))
        .send({ reason: 'Perubahan APBD 2025' })
        .expect(201)
    ).body;
    await api()
      .put(`${API}/pk/${revision.id}/indicators`)
      .set(bearer(token))
      .send({ version: revision.version, items: [targets(indicatorId, '95')] })
      .expect(200);
    await api().post(`${API}/pk/${revision.id}/submit`).set(bearer(token)).expect(200);

    const page = await openAs(walk, walk.admin, '/konsol/admin/pk');
    const row = page.getByRole('row').filter({ hasText: walk.skpdName! });
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      walk.skpdCode,
      walk.skpdName,
      String(YEAR),
      String(revision.revision),
      expect.stringMatching(/\d{4}/),
      'Perubahan APBD 2025',
    ]);
    await row.getByRole('link', { name: walk.skpdName! }).click();
    await visit(walk, page, 'admin-pk-revisi');
    await page.getByText('Perubahan APBD 2025').first().waitFor();
    const diff = page.getByRole('row').filter({ hasText: 'Cakupan imunisasi dasar lengkap' });
    // Revision 1 then revision 2, side by side: annual and TW IV changed from 90 to 95, TW I–III unchanged.
    expect((await diff.getByRole('cell').allTextContents()).map((c) => c.trim())).toEqual([
      'Diubah',
      '90',
      '40',
      '60',
      '80',
      '90',
      '95 Berubah',
      '40',
      '60',
      '80',
      '95 Berubah',
    ]);
    // The history names the earlier return and its reason.
    expect(await page.getByRole('row').filter({ hasText: 'Target TW IV belum sesuai Renstra' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Setujui PK' }).click();
    await page.getByRole('status').filter({ hasText: 'PK disetujui.' }).waitFor();
    await page.context().close();
    expect((await api().get(`${API}/pk/${revision.id}`).set(bearer(adminToken)).expect(200)).body).toMatchObject({
      status: 'APPROVED',
      revisionReason: 'Perubahan APBD 2025',
    });
  });

  it('opens the LKE of every SKPD and the Pemda in one action with the stage schedule', async () => {
    // A second SKPD, made through the API, is opened by the same action.
    await api()
      .post(`${API}/skpd`)
      .set(bearer(adminToken))
      .send({ code: '1.01.01', name: 'Dinas Pendidikan', shortName: 'Disdik', kind: 'DINAS' })
      .expect(201);
    await openLke(walk);
    const evaluations = (
      await api().get(`${API}/evaluations?year=${YEAR}&sort=skpdCode`).set(bearer(adminToken)).expect(200)
    ).body.items;
    expect(evaluations.map((e: { kind: string; skpdName: string | null }) => [e.kind, e.skpdName])).toEqual([
      ['PEMDA', null],
      ['SKPD', 'Dinas Pendidikan'],
      ['SKPD', walk.skpdName],
    ]);
    // 31 March 23.59 WIB (UTC+7) is 16.59 UTC.
    const schedule = defaultSchedule(YEAR);
    for (const e of evaluations)
      expect(e).toMatchObject({
        status: 'SELF_ASSESSMENT',
        selfDeadline: `${YEAR + 1}-03-31T16:59:00.000Z`,
        evaluationDeadline: `${YEAR + 1}-05-31T16:59:00.000Z`,
        qaDeadline: `${YEAR + 1}-06-30T16:59:00.000Z`,
      });
    expect(schedule.self).toBe(`${YEAR + 1}-03-31T23:59`);
    // The same action through the API: nothing left to open; a planner may not open evaluations.
    expect(
      (await api().post(`${API}/evaluations/open-year`).set(bearer(adminToken)).send({ year: YEAR }).expect(201)).body,
    ).toEqual({ year: YEAR, opened: [], alreadyOpen: 3 });
    const plannerToken = await login(walk.planner!);
    await api().post(`${API}/evaluations/open-year`).set(bearer(plannerToken)).send({ year: YEAR }).expect(403);
    await api()
      .post(`${API}/evaluations/open-year`)
      .set(bearer(adminToken))
      .send({ year: YEAR, qaDeadline: 'besok' })
      .expect(400);

    // The page lists them by SKPD code (the Pemda, without a code, last); nothing is left to open.
    const page = await openAs(walk, walk.admin, `/konsol/admin/lke?tahun=${YEAR}`);
    const firstCells = await page.locator('table tbody tr td:nth-child(2)').allTextContents();
    expect(firstCells).toEqual(['Dinas Pendidikan', walk.skpdName, 'Pemerintah Daerah']);
    expect(await page.getByText(`Semua SKPD aktif dan Pemda sudah memiliki LKE ${YEAR}.`).count()).toBe(1);
    // Sorting by a header: aria-sort follows.
    await page.getByRole('link', { name: 'Kode SKPD' }).click();
    expect(await page.getByRole('columnheader', { name: /Kode SKPD/ }).getAttribute('aria-sort')).toBe('descending');
    await page.context().close();
  });

  it('finds, edits, resets the password of and deactivates a user; edits an SKPD', async () => {
    // Twenty-five more accounts: the list pages by 20.
    const regionId = (await api().get(`${API}/skpd`).set(bearer(adminToken)).expect(200)).body.items[0].regionId;
    for (let i = 0; i < 25; i++) await t.make.user({ role: 'HEAD', regionId });
    const page = await openAs(walk, walk.admin, '/konsol/admin/pengguna');
    const pager = page.getByRole('navigation', { name: 'Halaman daftar' });
    expect(await pager.getByText(/halaman 1 dari 2/).count()).toBe(1);
    await pager.getByRole('link', { name: 'Berikutnya →' }).click();
    expect(await pager.getByRole('link', { name: '2' }).getAttribute('aria-current')).toBe('page');

    await page.getByLabel('Cari pengguna').fill('evaluator.');
    await page.getByRole('button', { name: 'Cari' }).click();
    expect(await page.locator('table tbody tr').count()).toBe(1);
    await page.getByRole('link', { name: walk.evaluator!.username }).click();
    await visit(walk, page, 'admin-pengguna-ubah');
    await page.getByLabel('Nama lengkap').fill('Evaluator Inspektorat Daerah');
    await page.getByLabel('Evaluator penjaminan mutu (QA)').check();
    await page.getByRole('button', { name: 'Simpan perubahan' }).click();
    await page.getByRole('status').filter({ hasText: 'Perubahan disimpan.' }).waitFor();

    // A weak password is refused at its field; a good one is stored and opens the account.
    await page.getByLabel(/^Kata sandi baru/).fill('pendek');
    await page.getByRole('button', { name: 'Simpan kata sandi baru' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel(/^Kata sandi baru/).fill('Sandi-Baru-2026-evaluator');
    await page.getByRole('button', { name: 'Simpan kata sandi baru' }).click();
    await page.getByRole('status').filter({ hasText: 'Kata sandi baru disimpan.' }).waitFor();
    await login({ username: walk.evaluator!.username, password: 'Sandi-Baru-2026-evaluator' });
    walk.evaluator!.password = 'Sandi-Baru-2026-evaluator';

    const users = (await api().get(`${API}/users?q=evaluator.`).set(bearer(adminToken)).expect(200)).body.items;
    expect(users).toEqual([expect.objectContaining({ displayName: 'Evaluator Inspektorat Daerah', isQa: true })]);

    await page.getByRole('button', { name: 'Nonaktifkan pengguna' }).click();
    await page.getByRole('status').filter({ hasText: 'Perubahan disimpan.' }).waitFor();
    expect((await api().get(`${API}/users/${users[0].id}`).set(bearer(adminToken)).expect(200)).body.active).toBe(
      false,
    );
    await api().post(`${API}/auth/login`).send(walk.evaluator).expect(401);
    await page.getByRole('button', { name: 'Aktifkan kembali' }).click();
    await page.getByRole('status').filter({ hasText: 'Perubahan disimpan.' }).waitFor();
    await login(walk.evaluator!);

    // SKPD: search by code, edit the name and the head of office.
    await page.goto(`${walk.base}/konsol/admin/skpd`);
    await page.getByLabel('Cari SKPD').fill(walk.skpdCode!);
    await page.getByRole('button', { name: 'Cari' }).click();
    await page.getByRole('link', { name: 'Ubah', exact: true }).click();
    await visit(walk, page, 'admin-skpd-ubah');
    await page.getByLabel('Nama', { exact: true }).fill('Dinas Kesehatan dan KB');
    await page.getByLabel('NIP kepala (18 angka)').fill('123');
    await page.getByRole('button', { name: 'Simpan perubahan' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByLabel('Nama', { exact: true }).inputValue()).toBe('Dinas Kesehatan dan KB');
    await page.getByLabel('NIP kepala (18 angka)').fill('197001011990031001');
    await page.getByRole('button', { name: 'Simpan perubahan' }).click();
    await page.getByRole('status').filter({ hasText: 'Perubahan disimpan.' }).waitFor();
    await page.context().close();
    const skpd = (await api().get(`${API}/skpd?q=${walk.skpdCode}`).set(bearer(adminToken)).expect(200)).body.items;
    expect(skpd).toEqual([expect.objectContaining({ name: 'Dinas Kesehatan dan KB', headNip: '197001011990031001' })]);
    walk.skpdName = 'Dinas Kesehatan dan KB';
  });

  it('filters the audit log by who, data, action and day, in Indonesian', async () => {
    const page = await openAs(walk, walk.admin, '/konsol/admin/audit');
    await visit(walk, page, 'admin-audit');
    await page.getByLabel('Data').selectOption({ label: 'Perjanjian Kinerja' });
    await page.getByLabel('Tindakan').selectOption({ label: 'Mengembalikan ke draf' });
    await page.getByLabel('Pengguna (nama pengguna)').fill(walk.admin.username);
    // Days are the region's (WIB).
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
    await page.getByLabel('Dari tanggal').fill(today);
    await page.getByLabel('Sampai tanggal').fill(today);
    await page.getByRole('button', { name: 'Saring' }).click();
    const rows = page.locator('table tbody tr');
    expect(await rows.count()).toBe(1);
    const cells = await rows.first().getByRole('cell').allTextContents();
    expect(cells.slice(1, 4)).toEqual([
      walk.admin.username,
      'Mengembalikan ke draf',
      expect.stringMatching(/^Perjanjian Kinerja /),
    ]);
    expect(cells[4]).toBe('Target TW IV belum sesuai Renstra');
    // A day before anything happened: nothing.
    await page.getByLabel('Sampai tanggal').fill('2020-01-01');
    await page.getByLabel('Dari tanggal').fill('2020-01-01');
    await page.getByRole('button', { name: 'Saring' }).click();
    await page.getByText('Tidak ada catatan yang cocok.').waitFor();
    await page.context().close();
    // The API's own filters agree.
    const api1 = (
      await api()
        .get(
          `${API}/audit-log?entity=PerformanceAgreement&action=RETURN&username=${walk.admin.username}&from=${today}&to=${today}`,
        )
        .set(bearer(adminToken))
        .expect(200)
    ).body;
    expect(api1.total).toBe(1);
    await api().get(`${API}/audit-log?from=2025-02-30`).set(bearer(adminToken)).expect(400);
  });

  it('lists sasaran without links and overlaps, each linked to its node', async () => {
    const page = await openAs(walk, walk.admin, '/konsol/admin/tanpa-keterkaitan');
    await visit(walk, page, 'admin-tanpa-keterkaitan');
    // The planner's sasaran supports no Pemda sasaran yet.
    const link = page.getByRole('link', { name: 'S.1 Meningkatnya layanan kesehatan dasar' });
    expect(await link.getAttribute('href')).toMatch(
      /^\/konsol\/pohon-kinerja\?skpd=[0-9a-f-]{36}#simpul-[0-9a-f-]{36}$/,
    );
    await page.goto(`${walk.base}/konsol/admin/tumpang-tindih?tahun=${YEAR}`);
    await visit(walk, page, 'admin-tumpang-tindih');
    await page.getByText('Tidak ada tumpang tindih yang terdeteksi.').waitFor();
    await page.context().close();
  });

  it('changes the performance settings', async () => {
    const page = await openAs(walk, walk.admin, '/konsol/admin/pengaturan-kinerja');
    await visit(walk, page, 'admin-pengaturan-kinerja');
    await page.getByRole('checkbox', { name: /Tolak realisasi/ }).check();
    await page.getByRole('radio', { name: /Nol kasus/ }).check();
    await page.getByRole('button', { name: 'Simpan pengaturan' }).click();
    await page.getByRole('status').filter({ hasText: 'Perubahan disimpan.' }).waitFor();
    await page.context().close();
    expect((await api().get(`${API}/performance-settings`).set(bearer(adminToken)).expect(200)).body).toMatchObject({
      blockOnDataQuality: true,
      lowerIsBetterZeroTarget: 'ZERO_CASES',
    });
  });

  it('shares a Pemda crosscutting target among SKPD and shows the roll-up', async () => {
    const periodId = (await api().get(`${API}/planning/periods`).set(bearer(adminToken)).expect(200)).body.items[0].id;
    const post = async (path: string, body: object) =>
      (await api().post(`${API}${path}`).set(bearer(adminToken)).send(body).expect(201)).body;
    const tujuan = await post('/planning/nodes', { periodId, kind: 'TUJUAN', code: 'PT.1', name: 'Masyarakat sehat' });
    const sasaran = await post('/planning/nodes', {
      periodId,
      kind: 'SASARAN',
      parentId: tujuan.id,
      code: 'PS.1',
      name: 'Menurunnya prevalensi stunting',
    });
    const ind = await post('/planning/indicators', {
      nodeId: sasaran.id,
      code: 'PI.1',
      name: 'Balita yang ditangani',
      satuan: 'anak',
      polarity: 'HIGHER_IS_BETTER',
      aggregation: 'CUMULATIVE_SUM',
    });
    await api()
      .put(`${API}/planning/indicators/${ind.id}/targets`)
      .set(bearer(adminToken))
      .send({ targets: [{ year: YEAR, target: '1000' }] })
      .expect(200);

    const page = await openAs(walk, walk.admin, `/konsol/admin/keroyokan?tahun=${YEAR}`);
    await visit(walk, page, 'admin-keroyokan');
    await page.getByRole('link', { name: /Atur porsi/ }).click();
    await visit(walk, page, 'admin-keroyokan-ubah');
    await page.getByLabel(`Porsi (%) ${walk.skpdName}`).fill('60');
    await page.getByLabel('Porsi (%) Dinas Pendidikan').fill('abc');
    await page.getByRole('button', { name: 'Simpan porsi' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByLabel(`Porsi (%) ${walk.skpdName}`).inputValue()).toBe('60');
    expect(await page.getByLabel('Porsi (%) Dinas Pendidikan').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Porsi (%) Dinas Pendidikan').fill('40');
    await page.getByRole('button', { name: 'Simpan porsi' }).click();
    await page.getByRole('status').filter({ hasText: 'Perubahan disimpan.' }).waitFor();
    await page.getByText('Sesuai target Pemda').waitFor();
    await page.context().close();
    const [rollup] = (
      await api().get(`${API}/planning/indicators/${ind.id}/crosscut?year=${YEAR}`).set(bearer(adminToken)).expect(200)
    ).body;
    expect(rollup).toMatchObject({ status: 'BALANCED', totalSharePercent: '100' });
  });
});
