import type { Browser } from 'playwright-core';
import request from 'supertest';
import { launchChromium, listen, loginAs } from '../console/browser';
import { TEST_PASSWORD } from '../factories/factories';
import { indicator, planningWorld, skpdPlan } from '../planning/planning-fixtures';
import { createTestApp, type TestApp } from '../utils/test-app';
import { api } from './notification-fixtures';

describe('Console inbox ("Pemberitahuan") with the unread count in the menu', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp();
    base = await listen(t);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows a submitted PK to the admin, opens it, and clears the count', async () => {
    const w = await planningWorld(t);
    const x = await skpdPlan(t, w);
    const ind = await indicator(t, x.planner, x.sasaranId);
    const pk = await request(t.http)
      .post(api('/pk'))
      .set(t.auth(x.planner))
      .send({ skpdId: x.skpdId, year: 2025 })
      .expect(201);
    const items = [
      { indicatorId: ind.id, annualTarget: '100', q1Target: '25', q2Target: '25', q3Target: '25', q4Target: '25' },
    ];
    await request(t.http)
      .put(api(`/pk/${pk.body.id}/indicators`))
      .set(t.auth(x.planner))
      .send({ version: pk.body.version, items })
      .expect(200);
    await request(t.http)
      .post(api(`/pk/${pk.body.id}/submit`))
      .set(t.auth(x.planner))
      .expect(200);

    const page = await loginAs(browser, base, w.admin.username, TEST_PASSWORD);
    const menuLink = page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: /Pemberitahuan/ });
    await expect(menuLink.textContent()).resolves.toMatch(/Pemberitahuan\s*1/);
    await menuLink.click();
    await page.waitForURL(`${base}/konsol/pemberitahuan`);
    await expect(page.getByRole('heading', { level: 2 }).first().textContent()).resolves.toMatch(
      /menunggu persetujuan/,
    );
    await page.getByRole('button', { name: 'Buka' }).first().click();
    await page.waitForURL(`${base}/konsol/admin/pk`);
    await expect(menuLink.textContent()).resolves.toMatch(/^Pemberitahuan$/);
    await page.context().close();
  });
});
