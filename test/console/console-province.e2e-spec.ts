import type { Browser } from 'playwright-core';
import request from 'supertest';
import { TEST_PASSWORD, type MadeUser } from '../factories/factories';
import { workbookOf } from '../reporting/report-fixtures';
import { createTestApp, type TestApp } from '../utils/test-app';
import { checkPage, launchChromium, listen, loginAs } from './browser';

const idn = (v: string) => v.replace('.', ',');

/** The province's Rekap Kabupaten/Kota page: the recap API's figures, labelled fields, a scroll box, the Excel. */
describe('console: province recap page', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let evaluator: MadeUser;
  const names: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    base = await listen(t);
    browser = await launchChromium();
    const province = await t.make.region({ kind: 'PROVINSI', name: 'Provinsi Uji Rekap' });
    evaluator = await t.make.user({ role: 'PROVINCE_EVALUATOR', regionId: province.id });
    for (const total of ['71.25', '58.5']) {
      const kab = await t.make.region({ provinceId: province.id });
      names.push(kab.name);
      const admin = await t.make.user({ role: 'REGION_ADMIN', regionId: kab.id });
      await request(t.http)
        .put('/api/v1/progress/history')
        .set(t.auth(admin))
        .send({ year: 2025, total })
        .expect(200);
    }
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows each kabupaten/kota with the recap API’s figures and downloads the recap workbook', async () => {
    const api = await request(t.http).get('/api/v1/province/recap?year=2025').set(t.auth(evaluator)).expect(200);
    const page = await loginAs(browser, base, evaluator.username, TEST_PASSWORD, '/konsol/provinsi?tahun=2025');
    await page.getByRole('link', { name: 'Rekap Kabupaten/Kota' }).first().waitFor();
    const table = page.getByRole('table', { name: /Nilai dan predikat kabupaten\/kota/ });
    for (const r of api.body.regions as { name: string; result: { total: string; predicate: string } }[]) {
      const row = table.getByRole('row').filter({ hasText: r.name });
      await expect(row.getByRole('cell').nth(2).textContent()).resolves.toBe(idn(r.result.total));
      await expect(row.getByRole('cell').nth(3).textContent()).resolves.toBe(r.result.predicate);
    }
    expect(api.body.regions.map((r: { name: string }) => r.name).sort()).toEqual([...names].sort());
    expect(await page.locator('.tabel-gulir table').count()).toBe(2);
    await expect(page.getByLabel('Tahun').inputValue()).resolves.toBe('2025');
    await checkPage(page, 'provinsi-rekap');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Rekap nilai dan predikat SAKIP kabupaten\/kota 2025/ }).click(),
    ]);
    const wb = await workbookOf(Buffer.from(await (await download.createReadStream()).toArray().then(Buffer.concat)));
    expect(wb.worksheets.length).toBeGreaterThan(0);
    await page.context().close();
  });
});
