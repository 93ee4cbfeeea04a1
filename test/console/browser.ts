import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { TestApp } from '../utils/test-app';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-output', 'screenshots');

/** Debian's Chromium, headless; fails with the fix when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: the console browser tests need it (apt-get install -y chromium)`,
    );
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking'],
  });
}

/** The test app listening on a random local port; returns its base URL. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(t.http.address() as AddressInfo).port}`;
}

/** Logs in through the login form (a fresh context per role) and lands on the page asked for. */
export async function loginAs(
  browser: Browser,
  base: string,
  username: string,
  password: string,
  path = '/konsol',
): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}${path}`);
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/konsol/masuk'));
  return page;
}

/** A screenshot under test-output/screenshots (CI keeps them as artefacts); long pages only their first screen. */
export const shot = (page: Page, name: string, fullPage = true) =>
  page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });

/** The impacts #17 forbids on any console page. */
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

/** axe-core's findings on the page as it is now, only those of impact "serious" or "critical" (as `rule: targets`). */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact && BLOCKING_IMPACTS.has(v.impact))
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * One console page checked the way #17 asks: no serious or critical axe-core violation, and screenshots at 1280 px
 * and 360 px wide (CI keeps test-output/screenshots as artefacts). Leaves the viewport as it found it.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  expect(await seriousA11yViolations(page)).toEqual([]);
  const viewport = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot(page, `${name}-1280`);
  await page.setViewportSize({ width: 360, height: 780 });
  await shot(page, `${name}-360`);
  await page.setViewportSize(viewport);
}
