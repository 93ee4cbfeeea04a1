import type { Browser } from 'playwright-core';
import request from 'supertest';
import { TEST_PASSWORD, type MadeUser } from '../factories/factories';
import { createTestApp, type TestApp } from '../utils/test-app';
import { checkPage, launchChromium, listen, loginAs } from './browser';

/** Pembinaan in the console: the province records a visit, the kabupaten's admin follows up, both sides see it. */
describe('console: pembinaan pages', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let evaluator: MadeUser;
  let admin: MadeUser;
  let head: MadeUser;
  let kabName: string;

  beforeAll(async () => {
    t = await createTestApp();
    base = await listen(t);
    browser = await launchChromium();
    const province = await t.make.region({ kind: 'PROVINSI', name: 'Provinsi Uji Pembinaan' });
    const kab = await t.make.region({ provinceId: province.id });
    kabName = kab.name;
    evaluator = await t.make.user({ role: 'PROVINCE_EVALUATOR', regionId: province.id });
    admin = await t.make.user({ role: 'REGION_ADMIN', regionId: kab.id });
    head = await t.make.user({ role: 'HEAD', regionId: kab.id });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('records a visit (province) → follows up a recommendation (kabupaten) → both sides and the head see it', async () => {
    const prov = await loginAs(browser, base, evaluator.username, TEST_PASSWORD, '/konsol/pembinaan-kabkota');
    await prov.getByRole('link', { name: kabName }).click();
    await prov.getByLabel('Tanggal pembinaan').fill('2026-03-12');
    await prov.getByLabel('Topik').fill('Pendampingan penyusunan PK');
    await prov.getByLabel('Temuan').fill('IKU perangkat daerah belum selaras dengan sasaran RPJMD.');
    await prov.getByLabel('Rekomendasi 1', { exact: true }).fill('Agar menyelaraskan IKU perangkat daerah.');
    await prov.getByLabel('Batas waktu rekomendasi 1').fill('2026-02-01');
    await prov.getByLabel('Rekomendasi 2', { exact: true }).fill('Agar menetapkan PK seluruh perangkat daerah.');
    await prov.getByLabel('Batas waktu rekomendasi 2').fill('2026-06-30');
    await prov.getByRole('button', { name: 'Simpan pembinaan' }).click();
    // A due date before the visit: the form comes back with the message on that row, the texts kept.
    await expect(prov.getByLabel('Batas waktu rekomendasi 1').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(prov.getByLabel('Topik').inputValue()).resolves.toBe('Pendampingan penyusunan PK');
    await prov.getByLabel('Batas waktu rekomendasi 1').fill('2026-04-30');
    await prov.getByRole('button', { name: 'Simpan pembinaan' }).click();
    await prov.getByText('Pembinaan dicatat.').waitFor();
    await prov.getByRole('heading', { name: '2026-03-12 · Pendampingan penyusunan PK' }).waitFor();
    await checkPage(prov, 'pembinaan-provinsi-catat');

    const kab = await loginAs(browser, base, admin.username, TEST_PASSWORD, '/konsol/pembinaan');
    await kab
      .getByLabel('Tindak lanjut rekomendasi 1', { exact: true })
      .fill('IKU telah diselaraskan dengan Keputusan Bupati.');
    await kab.getByLabel('Status tindak lanjut rekomendasi 1').selectOption('DONE');
    await kab.getByRole('button', { name: 'Simpan tindak lanjut rekomendasi 1' }).click();
    await kab.getByText('Tindak lanjut disimpan.').waitFor();
    await checkPage(kab, 'pembinaan-kabkota-tindak-lanjut');

    // The page shows what the API gives, to the head (read only) and back on the province's side.
    const api = (await request(t.http).get('/api/v1/pembinaan').set(t.auth(head)).expect(200)).body;
    expect(api.summary).toEqual({ visits: 1, recommendations: 2, open: 1, inProgress: 0, done: 1 });
    const bupati = await loginAs(browser, base, head.username, TEST_PASSWORD, '/konsol/pembinaan');
    expect(await bupati.locator('form[action^="/konsol/pembinaan/"]').count()).toBe(0);
    for (const page of [bupati, prov]) {
      await page.goto(page === prov ? prov.url().split('?')[0] : `${base}/konsol/pembinaan`);
      const recs = page.locator('[id^="r-"]');
      await expect(recs.allInnerTexts()).resolves.toEqual([
        expect.stringContaining('Tindak lanjut: IKU telah diselaraskan dengan Keputusan Bupati.'),
        expect.stringContaining('Tindak lanjut: belum ada'),
      ]);
      await expect(recs.first().innerText()).resolves.toContain(
        `Batas waktu: ${api.items[0].recommendations[0].dueDate}`,
      );
      await expect(recs.first().innerText()).resolves.toContain('Selesai');
    }
    for (const p of [prov, kab, bupati]) await p.context().close();
  });
});
