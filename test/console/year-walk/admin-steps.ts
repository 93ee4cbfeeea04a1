import type { Page } from 'playwright-core';
import { type Account, openAs, visit, type Walk } from './walk';

/**
 * The region admin's part of the year (#17), in the browser only: each step logs in afresh, checks every page it
 * shows with `visit` (axe-core + 1280/360 px screenshots) and closes its browser context.
 */

/** A password the console accepts (10+ characters, letters and digits, no username in it). */
const passwordFor = (role: string) => `Sakip-${role}-2026-rahasia`;

/** Waits for the page's success notice (role=status) with this text. */
const notice = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text }).waitFor();

/** Runs `body` on a page logged in as the admin, closing the context afterwards (also when it fails). */
async function asAdmin(walk: Walk, path: string, body: (page: Page) => Promise<void>): Promise<void> {
  const page = await openAs(walk, walk.admin, path);
  try {
    await body(page);
  } finally {
    await page.context().close();
  }
}

/** Fills the "Tambah pengguna" form and waits until the account is saved. */
async function addUser(
  page: Page,
  user: { username: string; displayName: string; role: string; skpd?: string; qa?: boolean; password: string },
): Promise<void> {
  const form = page.locator('form[action="/konsol/admin/pengguna"][method="post"]');
  await form.getByLabel('Nama pengguna').fill(user.username);
  await form.getByLabel('Nama lengkap').fill(user.displayName);
  await form.getByLabel('Peran').selectOption({ label: user.role });
  if (user.skpd) await form.getByLabel('SKPD (wajib untuk perencana)').selectOption({ label: user.skpd });
  if (user.qa) await form.getByLabel('Evaluator penjaminan mutu (QA)').check();
  await form.getByLabel(/^Kata sandi awal/).fill(user.password);
  await form.getByRole('button', { name: 'Tambah pengguna' }).click();
  await notice(page, 'Perubahan disimpan.');
}

/**
 * The admin creates the RPJMD period covering the walk's year, the walk's SKPD and the accounts of its planner, an
 * evaluator, a QA evaluator and the head, all through the console; the credentials go into `walk`.
 */
export async function createPeriodSkpdAndUsers(walk: Walk): Promise<void> {
  const suffix = `${walk.year}${Math.random().toString(36).slice(2, 6)}`;
  walk.skpdCode ??= '1.02.01';
  walk.skpdName ??= 'Dinas Kesehatan';
  await asAdmin(walk, `/konsol/admin/jendela?tahun=${walk.year}`, async (page) => {
    await visit(walk, page, 'admin-periode');
    await page.getByLabel('Nama periode').fill(`RPJMD ${walk.year}–${walk.year + 4}`);
    await page.getByLabel('Tahun awal').fill(String(walk.year));
    await page.getByLabel('Tahun akhir').fill(String(walk.year + 4));
    await page.getByRole('button', { name: 'Tambah periode' }).click();
    await notice(page, 'Perubahan disimpan.');

    await page.goto(`${walk.base}/konsol/admin/skpd`);
    await visit(walk, page, 'admin-skpd');
    await page.getByLabel('Kode (mis. 1.02.01)').fill(walk.skpdCode!);
    await page.getByLabel('Nama', { exact: true }).fill(walk.skpdName!);
    await page.getByLabel('Singkatan').fill('Dinkes');
    await page.getByLabel('Jenis').selectOption({ label: 'Dinas' });
    await page.getByRole('button', { name: 'Tambah SKPD' }).click();
    await notice(page, 'Perubahan disimpan.');

    await page.goto(`${walk.base}/konsol/admin/pengguna`);
    await visit(walk, page, 'admin-pengguna');
    const account = (prefix: string, role: string): Account => ({
      username: `${prefix}.${suffix}`,
      password: passwordFor(role),
    });
    walk.planner = account('perencana', 'Perencana');
    walk.evaluator = account('evaluator', 'Evaluator');
    walk.qa = account('qa', 'Mutu');
    walk.head = account('kepala', 'Kepala');
    await addUser(page, {
      ...walk.planner,
      displayName: 'Perencana Dinas Kesehatan',
      role: 'Perencana SKPD',
      skpd: walk.skpdName!,
    });
    await addUser(page, { ...walk.evaluator, displayName: 'Evaluator Inspektorat', role: 'Evaluator' });
    await addUser(page, { ...walk.qa, displayName: 'Penjamin Mutu Inspektorat', role: 'Evaluator', qa: true });
    await addUser(page, { ...walk.head, displayName: 'Bupati', role: 'Kepala Daerah' });
  });
}

/** Opens the walk's SKPD's PK from the approvals list (the submitted PK waiting for the admin). */
async function openSubmittedPk(walk: Walk, page: Page): Promise<void> {
  await visit(walk, page, 'admin-pk-daftar');
  await page.getByRole('link', { name: walk.skpdName! }).click();
  await page.getByRole('heading', { level: 1, name: /^PK / }).waitFor();
}

/** The admin returns the submitted PK to draft with `reason`, after reading it beside its previous revision. */
export async function returnPk(walk: Walk, reason: string): Promise<void> {
  await asAdmin(walk, '/konsol/admin/pk', async (page) => {
    await openSubmittedPk(walk, page);
    await visit(walk, page, 'admin-pk-kembalikan');
    await page.getByLabel('Alasan dikembalikan (min. 5 karakter)').fill(reason);
    await page.getByRole('button', { name: 'Kembalikan ke draf' }).click();
    await notice(page, 'PK dikembalikan ke draf.');
  });
}

/** The admin approves the submitted PK. */
export async function approvePk(walk: Walk): Promise<void> {
  await asAdmin(walk, '/konsol/admin/pk', async (page) => {
    await openSubmittedPk(walk, page);
    await visit(walk, page, 'admin-pk-setujui');
    await page.getByRole('button', { name: 'Setujui PK' }).click();
    await notice(page, 'PK disetujui.');
  });
}

/** Stage deadlines typed on the LKE opening form (local time of the region, YYYY-MM-DDTHH:MM). */
export interface LkeSchedule {
  self: string;
  evaluation: string;
  qa: string;
}

/** The LKE of the walk's year is done in the next year: self-assessment by March, evaluation by May, QA by June. */
export const defaultSchedule = (year: number): LkeSchedule => ({
  self: `${year + 1}-03-31T23:59`,
  evaluation: `${year + 1}-05-31T23:59`,
  qa: `${year + 1}-06-30T23:59`,
});

/** The admin opens the year's LKE of every SKPD and the Pemda in one action, with the stage schedule. */
export async function openLke(walk: Walk, schedule: LkeSchedule = defaultSchedule(walk.year)): Promise<void> {
  await asAdmin(walk, `/konsol/admin/lke?tahun=${walk.year}`, async (page) => {
    await visit(walk, page, 'admin-lke');
    await page.getByLabel(/^Batas penilaian mandiri/).fill(schedule.self);
    await page.getByLabel(/^Batas evaluasi/).fill(schedule.evaluation);
    await page.getByLabel(/^Batas penjaminan mutu/).fill(schedule.qa);
    await page.getByRole('button', { name: `Buka LKE ${walk.year}` }).click();
    await notice(page, /evaluasi dibuka untuk tahun/);
    await visit(walk, page, 'admin-lke-dibuka');
  });
}

/** The admin sets every quarter's realisation deadline of the walk's year (region's local time, YYYY-MM-DDTHH:MM). */
export async function setRealisationDeadlines(walk: Walk, deadline: string): Promise<void> {
  await asAdmin(walk, `/konsol/admin/jendela?tahun=${walk.year}`, async (page) => {
    await visit(walk, page, 'admin-jendela');
    for (const quarter of ['1', '2', '3', '4']) {
      const form = page.locator('form[action="/konsol/admin/jendela"][method="post"]');
      await form.getByLabel('Triwulan', { exact: true }).selectOption(quarter);
      await form.getByLabel(/^Batas waktu/).fill(deadline);
      await form.getByRole('button', { name: 'Simpan batas waktu' }).click();
      await notice(page, 'Perubahan disimpan.');
    }
  });
}

/** What the admin builds in the Pemda's own tree (RPJMD) during the walk. */
export const PEMDA_TREE = {
  tujuan: { code: 'TPD.1', name: 'Meningkatnya kualitas sumber daya manusia daerah' },
  sasaran: { code: 'SPD.1', name: 'Meningkatnya usia harapan hidup penduduk' },
} as const;

/**
 * The admin builds the Pemda's own tree through the console (the tree page opens on it for a user without an SKPD):
 * one Pemda tujuan and one Pemda sasaran under it. Returns the sasaran's code, which the planner's sasaran supports.
 */
export async function buildPemdaTree(walk: Walk): Promise<string> {
  const t = PEMDA_TREE;
  await asAdmin(walk, `/konsol/pohon-kinerja?tahun=${walk.year}`, async (page) => {
    await page.getByRole('heading', { level: 1, name: 'Pohon Kinerja' }).waitFor();
    await visit(walk, page, 'admin-pohon-pemda');
    await page.getByRole('link', { name: 'Tambah tujuan' }).click();
    await visit(walk, page, 'admin-pohon-pemda-tujuan');
    await page.getByLabel('Kode tujuan').fill(t.tujuan.code);
    await page.getByLabel('Nama tujuan').fill(t.tujuan.name);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Simpan Tujuan' }).click()]);
    await notice(page, 'Perubahan disimpan.');
    await page.getByRole('link', { name: `Tambah Sasaran di bawah Tujuan ${t.tujuan.code}` }).click();
    await visit(walk, page, 'admin-pohon-pemda-sasaran');
    await page.getByLabel('Kode sasaran').fill(t.sasaran.code);
    await page.getByLabel('Nama sasaran').fill(t.sasaran.name);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Simpan Sasaran' }).click()]);
    await notice(page, 'Perubahan disimpan.');
    await page.getByText(t.sasaran.name).waitFor();
  });
  return t.sasaran.code;
}
