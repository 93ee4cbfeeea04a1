import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { criteriaOf, type RuleSet } from '../../src/evaluation/domain/rule-set';
import { TEST_PASSWORD, type MadeUser } from '../factories/factories';
import { asBody, registryOf, uniform, versionOf } from '../evaluation/evaluation-fixtures';
import { indicator, planningWorld, skpdPlan, type PlanningWorld, type SkpdPlan } from '../planning/planning-fixtures';
import { createTestApp, type TestApp } from '../utils/test-app';
import { launchChromium, listen, loginAs, shot } from './browser';

const API = '/api/v1';
const PDF = Buffer.from('%PDF-1.4\n% bukti konsol\n1 0 obj<<>>endobj\n%%EOF\n');

/**
 * The web console in a real browser (Debian's Chromium through playwright-core): one main task per role end to end,
 * and the cross-role checks. Data is built through the REST API; everything asserted is done through the pages.
 */
describe('Web console in the browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let rs: RuleSet;
  let w: PlanningWorld;
  let x: SkpdPlan;
  let other: SkpdPlan;
  let pk: { id: string };
  let visits: { id: string };
  let rate: { id: string };

  const api = () => request(t.http);

  beforeAll(async () => {
    t = await createTestApp();
    base = await listen(t);
    browser = await launchChromium();
    rs = registryOf(t).find('permenpanrb-88-2021', 1)!;
    w = await planningWorld(t);
    x = await skpdPlan(t, w);
    other = await skpdPlan(t, w);
    visits = await indicator(t, x.planner, x.sasaranId, {
      name: 'Jumlah kunjungan puskesmas',
      aggregation: 'CUMULATIVE_SUM',
    });
    rate = await indicator(t, x.planner, x.sasaranId, {
      name: 'Angka kesakitan',
      satuan: '%',
      polarity: 'LOWER_IS_BETTER',
      aggregation: 'LAST_VALUE',
    });
    pk = (await api().post(`${API}/pk`).set(t.auth(x.planner)).send({ skpdId: x.skpdId, year: 2025 }).expect(201)).body;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function approvePk(): Promise<void> {
    await api().post(`${API}/pk/${pk.id}/submit`).set(t.auth(x.planner)).expect(200);
    await api().post(`${API}/pk/${pk.id}/approve`).set(t.auth(w.admin)).expect(200);
  }

  /** An SKPD evaluation for 2025 in EVALUATION, with `answers` already given by an evaluator. */
  async function evaluationInProgress(
    plan: SkpdPlan,
    evaluator: MadeUser,
    answers: Map<string, string>,
  ): Promise<string> {
    const opened = (
      await api().post(`${API}/evaluations`).set(t.auth(w.admin)).send({ skpdId: plan.skpdId, year: 2025 }).expect(201)
    ).body;
    await api()
      .post(`${API}/evaluations/${opened.id}/submit`)
      .set(t.auth(plan.planner))
      .send({ version: opened.version })
      .expect(200);
    if (answers.size)
      await api()
        .put(`${API}/evaluations/${opened.id}/answers`)
        .set(t.auth(evaluator))
        .send({ ...asBody(answers), version: await versionOf(t, opened.id) })
        .expect(200);
    return opened.id;
  }

  it('planner: sets the PK targets, then enters a quarter realisation with evidence; errors keep what was typed', async () => {
    const page = await loginAs(browser, base, x.planner.username, TEST_PASSWORD);
    await page.goto(`${base}/konsol/pk?tahun=2025`);
    await page.getByRole('link', { name: 'Ubah target' }).click();
    const row = (name: string) => page.getByRole('row').filter({ hasText: name });
    await row('Jumlah kunjungan puskesmas')
      .getByLabel(/^Tahunan/)
      .fill('1.000');
    for (const [q, v] of [
      ['TW I', '200'],
      ['TW II', '250'],
      ['TW III', '250'],
      ['TW IV', '200'],
    ] as const)
      await row('Jumlah kunjungan puskesmas')
        .getByLabel(new RegExp(`^${q} `))
        .fill(v);
    await row('Angka kesakitan')
      .getByLabel(/^Tahunan/)
      .fill('10');
    for (const [q, v] of [
      ['TW I', '12'],
      ['TW II', '11,5'],
      ['TW III', '11'],
      ['TW IV', '10'],
    ] as const)
      await row('Angka kesakitan')
        .getByLabel(new RegExp(`^${q} `))
        .fill(v);
    await page.getByRole('button', { name: 'Simpan target' }).click();
    // 200+250+250+200 ≠ 1000: the service's rule is shown next to the row, typed values stay.
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('tidak konsisten');
    expect(await row('Jumlah kunjungan puskesmas').locator('.galat-isian').textContent()).toMatch(/TW/);
    expect(
      await row('Jumlah kunjungan puskesmas')
        .getByLabel(/^TW IV /)
        .inputValue(),
    ).toBe('200');
    await shot(page, 'planner-pk-target-error');
    await row('Jumlah kunjungan puskesmas')
      .getByLabel(/^TW IV /)
      .fill('300');
    await page.getByRole('button', { name: 'Simpan target' }).click();
    await page.getByText('Perubahan disimpan.').waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'Jumlah kunjungan puskesmas' }).textContent()).toContain(
      '1.000',
    );

    // Excel round-trip: the template downloads, uploads back to a preview, and the same file commits.
    const [template] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Unduh Excel' }).click(),
    ]);
    const templatePath = (await template.path())!;
    await page.getByLabel('Unggah Excel').setInputFiles(templatePath);
    await page.getByRole('button', { name: 'Pratinjau' }).click();
    await page.getByRole('heading', { name: 'Pratinjau perubahan' }).waitFor();
    expect(await page.locator('section', { hasText: 'Pratinjau perubahan' }).textContent()).toMatch(
      /PK akan memuat 2 indikator/,
    );
    await shot(page, 'planner-pk-excel-preview');
    await page.getByLabel('Pilih lagi berkas yang sama untuk menyimpan').setInputFiles(templatePath);
    await page.getByRole('button', { name: 'Simpan perubahan' }).click();
    await page.getByText('Perubahan disimpan.').waitFor();
    // The PK as a PDF: a draft watermarked DRAF until it is signed.
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Unduh dokumen PK (PDF)' }).click(),
    ]);
    expect(pdf.suggestedFilename()).toMatch(/^Perjanjian-Kinerja-2025-.*-DRAF\.pdf$/);
    expect(
      readFileSync((await pdf.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await approvePk();

    await page.goto(`${base}/konsol/realisasi?tahun=2025&tw=1`);
    const visitsBox = page.getByRole('group', { name: /Jumlah kunjungan puskesmas/ });
    await visitsBox.getByLabel('Realisasi').fill('dua ratus');
    await visitsBox.getByLabel('Keterangan').fill('Posyandu keliling');
    await page.getByRole('button', { name: 'Simpan realisasi TW I' }).click();
    await page.getByRole('alert').waitFor();
    expect(await visitsBox.locator('.galat-isian').first().textContent()).toMatch(/Format tidak valid/);
    expect(await visitsBox.getByLabel('Keterangan').inputValue()).toBe('Posyandu keliling');
    await shot(page, 'planner-realisation-error');

    await visitsBox.getByLabel('Realisasi').fill('180');
    await visitsBox
      .getByLabel(/Unggah bukti dukung/)
      .setInputFiles({ name: 'bukti-tw1.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page
      .getByRole('group', { name: /Angka kesakitan/ })
      .getByLabel('Realisasi')
      .fill('12,5');
    await page.getByRole('button', { name: 'Simpan realisasi TW I' }).click();
    await page.getByText('Realisasi disimpan.').waitFor();
    expect(await visitsBox.getByLabel('Realisasi').inputValue()).toBe('180');
    expect(await visitsBox.textContent()).toContain('Bukti terlampir: 1');
    const evidenceResponse = await page
      .context()
      .request.get(`${base}${await visitsBox.getByRole('link', { name: '[bukti 1]' }).getAttribute('href')}`);
    expect([evidenceResponse.status(), Buffer.compare(await evidenceResponse.body(), PDF)]).toEqual([200, 0]);
    await shot(page, 'planner-realisation-saved');

    const saved = (
      await api().get(`${API}/realisations?skpdId=${x.skpdId}&year=2025`).set(t.auth(x.planner)).expect(200)
    ).body;
    expect(
      saved.map((r: { indicatorId: string; value: string; evidenceIds: string[] }) => [
        r.indicatorId,
        r.value,
        r.evidenceIds.length,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [visits.id, '180', 1],
        [rate.id, '12.5', 0],
      ]),
    );

    await page.goto(`${base}/konsol/capaian?tahun=2025&tw=1`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Capaian Kinerja 2025');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'planner-capaian-phone');

    // Another SKPD's pages are a 404 page, not a crash and not its data.
    const res = await page.goto(`${base}/konsol/pk?tahun=2025&skpd=${other.skpdId}`);
    expect(res?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Halaman tidak ditemukan');
    expect((await page.goto(`${base}/konsol/realisasi?tahun=2025&skpd=${other.skpdId}`))?.status()).toBe(404);
    expect((await page.goto(`${base}/konsol/wilayah`))?.status()).toBe(403);
    await shot(page, 'planner-forbidden-region');
    await page.context().close();
  });

  it('evaluator: scores the LKE criterion by criterion, sees the sheet, and finalises; cannot edit PK targets', async () => {
    const qa = await t.make.user({ role: 'EVALUATOR', regionId: w.regionId, isQa: true });
    const criteria = criteriaOf(rs);
    const preset = uniform(rs, 'B');
    for (const k of criteria.slice(-2)) preset.delete(k.id);
    const id = await evaluationInProgress(other, qa, preset);

    const page = await loginAs(browser, base, qa.username, TEST_PASSWORD);
    expect((await page.goto(`${base}/konsol/pk/${pk.id}/target`))?.status()).toBe(403);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Akses ditolak');

    await page.goto(`${base}/konsol/lke?tahun=2025`);
    await page
      .getByRole('link', { name: /Sekretariat|SKPD|Dinas/ })
      .first()
      .click();
    await page.waitForURL(`**/konsol/lke/${id}`);
    expect(await page.getByText('2 kriteria belum dijawab.').count()).toBe(1);
    const [sheet] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Unduh lembar kerja Excel' }).click(),
    ]);
    const lkeBook = new ExcelJS.Workbook();
    await lkeBook.xlsx.readFile((await sheet.path())!);
    expect(lkeBook.worksheets.length).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Unggah lembar kerja Excel' }).click();
    await page.getByLabel('Berkas Excel (.xlsx) dari templat').setInputFiles((await sheet.path())!);
    await page.getByRole('button', { name: 'Pratinjau' }).click();
    await page.getByText('0 jawaban atau catatan berubah').waitFor();
    await page.getByRole('link', { name: 'Kembali' }).click();
    for (const k of criteria.slice(-2)) {
      await page.locator(`#a-${cssId(k.id)}`).selectOption('B');
      await page.locator(`#n-${cssId(k.id)}`).fill(`Catatan ${k.id}`);
    }
    await page.getByRole('button', { name: 'Simpan jawaban' }).click();
    await page.getByText('Tersimpan.').waitFor();
    expect(await page.getByText('Tidak ada pelanggaran aturan konsistensi.').count()).toBe(1);
    await page.getByRole('button', { name: 'Serahkan ke penjaminan mutu (QA)' }).click();
    await page.getByRole('button', { name: 'Finalkan evaluasi' }).waitFor();
    await shot(page, 'evaluator-lke-qa-review', false);
    await page.getByRole('button', { name: 'Finalkan evaluasi' }).click();
    await page.getByText('Tersimpan.').waitFor();
    expect(await page.locator('.lencana').first().textContent()).toBe('Final');
    await shot(page, 'evaluator-lke-final', false);
    // A FINAL evaluation offers its LHE as DOCX (a zip: "PK").
    const [lhe] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Unduh LHE (DOCX)' }).click(),
    ]);
    expect(lhe.suggestedFilename()).toMatch(/^LHE-SAKIP-.*-2025\.docx$/);
    expect(
      readFileSync((await lhe.path())!)
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    const ev = (await api().get(`${API}/evaluations/${id}`).set(t.auth(qa)).expect(200)).body;
    expect(ev).toMatchObject({ status: 'FINAL', final: { predicate: 'B' } });
    expect(
      (await api().get(`${API}/evaluations/${id}/answers`).set(t.auth(qa)).expect(200)).body.find(
        (a: { criterionId: string }) => a.criterionId === criteria.at(-1)!.id,
      ),
    ).toMatchObject({
      evaluatorAnswer: 'B',
      evaluatorNote: `Catatan ${criteria.at(-1)!.id}`,
    });
    await page.context().close();
  });

  it('head: sees the region dashboard and downloads the region recap as a valid workbook', async () => {
    const evaluator = await t.make.user({ role: 'EVALUATOR', regionId: w.regionId, isQa: true });
    const third = await skpdPlan(t, w);
    const id = await evaluationInProgress(third, evaluator, uniform(rs, 'A'));
    const v1 = (
      await api()
        .post(`${API}/evaluations/${id}/advance`)
        .set(t.auth(evaluator))
        .send({ version: (await api().get(`${API}/evaluations/${id}`).set(t.auth(evaluator))).body.version })
        .expect(200)
    ).body;
    await api()
      .post(`${API}/evaluations/${id}/advance`)
      .set(t.auth(evaluator))
      .send({ version: v1.version })
      .expect(200);
    const head = await t.make.user({ role: 'HEAD', regionId: w.regionId });

    const page = await loginAs(browser, base, head.username, TEST_PASSWORD);
    await page.getByRole('link', { name: 'Buka dasbor wilayah' }).click();
    await page.goto(`${base}/konsol/wilayah?tahun=2025`);
    expect(await page.locator('svg.grafik').count()).toBe(1);
    const distribution = page.locator('section', { hasText: 'Sebaran predikat SKPD' });
    expect(await distribution.textContent()).toMatch(/SKPD sudah memiliki nilai final/);
    await shot(page, 'head-region-dashboard');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Rekapitulasi nilai dan predikat/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    expect(wb.worksheets.length).toBeGreaterThan(0);
    const cells = wb.worksheets.flatMap((ws) => ws.getSheetValues().flat().map(String));
    expect(cells.join(' ')).toContain('A');

    // Deny by default: an evaluator's page and an unknown page are 403/404 pages.
    expect((await page.goto(`${base}/konsol/lke/${id}/jawaban`))?.status()).toBe(404);
    expect((await page.goto(`${base}/konsol/tidak-ada`))?.status()).toBe(404);
    await page.context().close();
  });

  it('region admin: adds an SKPD (errors keep typed values), sets a realisation deadline, reads the audit log, logs out', async () => {
    const page = await loginAs(browser, base, w.admin.username, TEST_PASSWORD, '/konsol/admin/skpd');
    await page.getByLabel('Kode (mis. 1.02.01)').fill('9.99.01');
    await page.getByLabel('Nama', { exact: true }).fill('Dinas Uji Konsol');
    await page.getByRole('button', { name: 'Tambah SKPD' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByLabel('Nama', { exact: true }).inputValue()).toBe('Dinas Uji Konsol');
    expect(await page.locator('#e-shortName').textContent()).toBe('Wajib diisi.');
    await shot(page, 'admin-skpd-error');
    await page.getByLabel('Singkatan').fill('DUK');
    await page.getByLabel('Jenis').selectOption('DINAS');
    await page.getByRole('button', { name: 'Tambah SKPD' }).click();
    await page.getByText('Perubahan disimpan.').waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'Dinas Uji Konsol' }).count()).toBe(1);

    await page.goto(`${base}/konsol/admin/jendela?tahun=2026`);
    await page.getByLabel('Triwulan').first().selectOption('2');
    await page.getByLabel('Batas waktu (WIB)').fill('2026-07-15T23:59');
    await page.getByRole('button', { name: 'Simpan batas waktu' }).click();
    await page.getByText('Perubahan disimpan.').waitFor();
    expect(await page.getByRole('row', { name: /^TW II 15 Jul 2026, 23.59/ }).count()).toBe(1);
    await shot(page, 'admin-windows');

    await page.goto(`${base}/konsol/admin/audit`);
    expect(await page.getByRole('row').filter({ hasText: 'Skpd' }).count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.waitForURL('**/konsol/masuk');
    expect((await page.goto(`${base}/konsol/admin/audit`))?.url()).toContain('/konsol/masuk?lanjut=');
    await page.context().close();
  });

  it('keeps the API answering JSON and the session cookie httpOnly + SameSite=Lax; forged forms are refused', async () => {
    await api().get(`${API}/tidak-ada`).expect(404).expect('Content-Type', /json/);
    const login = await api().get('/konsol/masuk').expect(200);
    const cookies = ([] as string[]).concat(login.headers['set-cookie'] ?? []);
    expect(cookies.every((c) => /HttpOnly/.test(c) && /SameSite=Lax/.test(c) && /Path=\/konsol/.test(c))).toBe(true);
    const forged = await api()
      .post('/konsol/masuk')
      .type('form')
      .send({ username: x.planner.username, password: TEST_PASSWORD })
      .expect(403);
    expect(forged.text).toContain('Formulir sudah kedaluwarsa');
    await api().get('/').expect(302).expect('Location', '/konsol');
  });
});

/** Criterion ids contain dots ("1.a.1"); escape them for a CSS id selector. */
const cssId = (id: string) => id.replace(/\./g, '\\.');
