import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { Skpd } from '../../src/organization/entities/skpd.entity';
import { budgetWorkbook, DPA_HEADERS, importFile, REALISATION_HEADERS } from '../budget/budget-fixtures';
import { TEST_PASSWORD } from '../factories/factories';
import {
  approvePk,
  indicator,
  node,
  planningWorld,
  type PlanningWorld,
  skpdPlan,
  type SkpdPlan,
} from '../planning/planning-fixtures';
import { workbookOf } from '../reporting/report-fixtures';
import { createTestApp, type TestApp } from '../utils/test-app';
import { checkPage, launchChromium, listen, loginAs } from './browser';

const api = (path: string) => `/api/v1${path}`;
const SAMPLE = readFileSync(join(__dirname, '../../templates/budget/nomenklatur-contoh.csv'));
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The budget pages in the browser: the planner imports the DPA through the console (a refused file first, then the
 * fixed one, preview → commit) and reads the SKPD's absorption and efficiency; the region admin reads the recap per
 * SKPD with its warnings and downloads the recap workbook.
 *
 * Hand-computed: pagu in force 80 M + 20 M = 100 M (DPA 120 M); spent 60 M + 30 M = 90 M, serapan 90%; the sasaran's
 * capaian 80% (20 × 4 against 100), so with the default rule (difference, ±5 points) 80 − 90 = −10: tidak efisien.
 * Warnings: sub-kegiatan 1.02.02.2.02.0001 spent 30 M of 20 M, and nothing reported in TW IV.
 */
describe('console: budget absorption pages', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let w: PlanningWorld;
  let x: SkpdPlan;
  let skpd: Skpd;

  beforeAll(async () => {
    t = await createTestApp();
    base = await listen(t);
    browser = await launchChromium();
    w = await planningWorld(t);
    x = await skpdPlan(t, w);
    skpd = await t.db.getRepository(Skpd).findOneByOrFail({ id: x.skpdId });
    const program = await node(t, x.planner, {
      periodId: w.periodId,
      skpdId: x.skpdId,
      kind: 'PROGRAM',
      parentId: x.sasaranId,
      code: 'P.1',
      name: 'Program Pelayanan Kesehatan',
    });
    const goal = await indicator(t, x.planner, x.sasaranId);
    await approvePk(t, w, x, 2025, [
      { indicatorId: goal.id, annualTarget: '100', q1Target: '25', q2Target: '25', q3Target: '25', q4Target: '25' },
    ]);
    for (const quarter of [1, 2, 3, 4])
      await request(t.http)
        .put(api('/realisations'))
        .set(t.auth(x.planner))
        .send({ skpdId: x.skpdId, year: 2025, quarter, items: [{ indicatorId: goal.id, value: '20' }] })
        .expect(200);
    await importFile(t, w.admin, '/budget/nomenclature', '', SAMPLE, 'n.csv');
    await request(t.http)
      .put(api('/budget/node-links'))
      .set(t.auth(x.planner))
      .send({ nodeId: program.id, code: '1.02.02' })
      .expect(200);
  }, 120_000);
  /** The DPA rows of an SKPD: 100 M revised to 80 M, and 20 M. */
  const dpaRows = (code: string) => [
    [code, '1.02.02.2.01.0014', 'Pengadaan Alat Kesehatan', 100_000_000, 80_000_000],
    [code, '1.02.02.2.02.0001', 'Pelayanan Ibu Hamil', 20_000_000, null],
  ];
  /** TW I–III spent 20 M each on the first, 5 M, 5 M and 20 M on the second (above its pagu); TW IV nothing. */
  const importRealisation = async (plan: SkpdPlan, code: string) =>
    importFile(
      t,
      plan.planner,
      '/budget/realisation',
      `?skpdId=${plan.skpdId}&year=2025`,
      await budgetWorkbook('Realisasi', REALISATION_HEADERS, [
        [code, '1.02.02.2.01.0014', 'x', 20_000_000, 20_000_000, 20_000_000, null],
        [code, '1.02.02.2.02.0001', 'x', 5_000_000, 5_000_000, 20_000_000, null],
      ]),
    );

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the planner imports the DPA in the console and reads the absorption, efficiency and warnings', async () => {
    const page = await loginAs(browser, base, x.planner.username, TEST_PASSWORD, '/konsol/anggaran?tahun=2025');
    await page.getByText('Belum ada data anggaran untuk tahun ini.').waitFor();
    await page.getByRole('link', { name: 'Impor DPA / DPA-P' }).click();

    const good = dpaRows(skpd.code);
    const bad = await budgetWorkbook('DPA', DPA_HEADERS, [...good, [skpd.code, '1.02.02.2.01.0099', 'x', 1, null]]);
    await page.getByLabel(/Berkas Excel/).setInputFiles({ name: 'dpa.xlsx', mimeType: XLSX, buffer: bad });
    await page.getByRole('button', { name: 'Pratinjau' }).click();
    await page.getByRole('heading', { name: 'Masalah pada berkas' }).waitFor();
    await expect(
      page.getByRole('listitem').filter({ hasText: 'DPA, baris 6, kolom B' }).textContent(),
    ).resolves.toContain('nomenklatur daerah');
    const dpa = await budgetWorkbook('DPA', DPA_HEADERS, good);
    await page.getByLabel(/Berkas Excel/).setInputFiles({ name: 'dpa.xlsx', mimeType: XLSX, buffer: dpa });
    await page.getByRole('button', { name: 'Pratinjau' }).click();
    await page.getByText('2 ditambahkan, 0 diubah, 0 tetap.').waitFor();
    await page
      .getByLabel('Pilih lagi berkas yang sama untuk menyimpan')
      .setInputFiles({ name: 'dpa.xlsx', mimeType: XLSX, buffer: dpa });
    await page.getByRole('button', { name: 'Simpan perubahan' }).click();
    await page.getByText('Berkas anggaran disimpan.').waitFor();

    await importRealisation(x, skpd.code);
    await page.reload();
    const efficiency = (
      await request(t.http)
        .get(api(`/budget/efficiency?skpdId=${x.skpdId}&year=2025`))
        .set(t.auth(x.planner))
    ).body;
    const shown = (r: { serapan: { display: string }; labelText: string }) => [
      `${r.serapan.display.replace('.', ',')}%`,
      r.labelText,
    ];
    expect([...efficiency.sasaran, ...efficiency.programs].map(shown)).toEqual([
      ['90,00%', 'tidak efisien'],
      ['90,00%', 'tidak efisien'],
    ]);
    const table = page.getByRole('table', { name: /Efisiensi per sasaran dan program/ });
    for (const r of [...efficiency.sasaran, ...efficiency.programs]) {
      const cells = table.getByRole('row').filter({ hasText: r.name }).getByRole('cell');
      await expect(cells.nth(2).textContent()).resolves.toBe('80,00%');
      await expect(cells.nth(5).textContent()).resolves.toBe(shown(r)[0]);
      await expect(cells.nth(6).textContent()).resolves.toBe(shown(r)[1]);
    }
    const program = page
      .getByRole('table', { name: 'Pagu dan realisasi per program' })
      .getByRole('row')
      .filter({ hasText: '1.02.02' })
      .getByRole('cell');
    await expect(program.allTextContents()).resolves.toEqual([
      expect.stringContaining('1.02.02'),
      '120.000.000',
      '100.000.000',
      '25.000.000',
      '25.000.000',
      '40.000.000',
      '0',
      '90.000.000',
      '90,00%',
    ]);
    const warnings = await page.getByRole('heading', { name: 'Peringatan kualitas data' }).locator('..').textContent();
    expect(warnings).toContain('Realisasi melebihi pagu');
    expect(warnings).toContain('1.02.02.2.02.0001');
    expect(warnings).toContain('Triwulan tanpa realisasi');
    await checkPage(page, 'anggaran-skpd');
    await page.context().close();
  });

  it('the region admin reads the recap per SKPD with its warnings and downloads the recap workbook', async () => {
    // Its own SKPD with the same budget, imported through the API.
    const y = await skpdPlan(t, w);
    const other = await t.db.getRepository(Skpd).findOneByOrFail({ id: y.skpdId });
    const query = `?skpdId=${y.skpdId}&year=2025`;
    await importFile(t, y.planner, '/budget/dpa', query, await budgetWorkbook('DPA', DPA_HEADERS, dpaRows(other.code)));
    await importRealisation(y, other.code);
    const page = await loginAs(browser, base, w.admin.username, TEST_PASSWORD, '/konsol/anggaran?tahun=2025');
    const row = page
      .getByRole('table', { name: 'Serapan anggaran per perangkat daerah' })
      .getByRole('row')
      .filter({ hasText: other.name });
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells.slice(1, 9)).toEqual([
      '120.000.000',
      '100.000.000',
      '25.000.000',
      '25.000.000',
      '40.000.000',
      '0',
      '90.000.000',
      '90,00%',
    ]);
    expect(cells[9]).toContain('Realisasi melebihi pagu');
    await checkPage(page, 'anggaran-wilayah');
    // The nomenclature import page: the sample again changes nothing, and saving says so.
    await page.getByRole('link', { name: 'Impor nomenklatur daerah' }).click();
    const csv = { name: 'nomenklatur.csv', mimeType: 'text/csv', buffer: SAMPLE };
    await page.getByLabel(/Berkas nomenklatur/).setInputFiles(csv);
    await page.getByRole('button', { name: 'Pratinjau' }).click();
    await page.getByText('0 ditambahkan, 0 berganti nama, 15 tetap.').waitFor();
    await page.getByLabel('Pilih lagi berkas yang sama untuk menyimpan').setInputFiles(csv);
    await page.getByRole('button', { name: 'Simpan perubahan' }).click();
    await page.getByText('Nomenklatur disimpan.').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Unduh rekapitulasi serapan anggaran 2025/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^Rekap-Serapan-Anggaran-.*-2025\.xlsx$/);
    const wb = await workbookOf(Buffer.from(await (await download.createReadStream()).toArray().then(Buffer.concat)));
    expect(wb.getWorksheet('Rekap Serapan')).toBeDefined();
    // The SKPD's own page from the recap.
    await row.getByRole('link').click();
    await page.getByRole('table', { name: /Efisiensi per sasaran dan program/ }).waitFor();
    await page.context().close();
  });
});
