import type { Browser, Page } from 'playwright-core';
import { checkPage, loginAs } from '../browser';

/** A console login, created through the console itself during the walk (except the first admin). */
export interface Account {
  username: string;
  password: string;
}

/**
 * What one full SAKIP year played in the browser carries from step to step (#17). The test's set-up makes the
 * fresh region and its first REGION_ADMIN; every other field is filled by the steps, through the console only.
 * Each role's steps live in `<role>-steps.ts` beside this file and take a `Walk`.
 */
export interface Walk {
  base: string;
  browser: Browser;
  year: number;
  admin: Account;
  planner?: Account;
  evaluator?: Account;
  qa?: Account;
  head?: Account;
  /** The SKPD the walk creates. */
  skpdCode?: string;
  skpdName?: string;
  /** Every console page the walk visited, in order. */
  checked: string[];
  /**
   * Run axe-core and take the 1280/360 px screenshots on every visited page: the full-year walk does; the per-role
   * specs play the same steps without, as those checks are what takes a browser test's time.
   */
  checkPages?: boolean;
}

/** A fresh browser context logged in as `account`, on `path`. */
export const openAs = (walk: Walk, account: Account, path = '/konsol'): Promise<Page> =>
  loginAs(walk.browser, walk.base, account.username, account.password, path);

/** Records the page; with `checkPages`, checks it as #17 asks (axe serious/critical, screenshots 1280 and 360 px). */
export async function visit(walk: Walk, page: Page, name: string): Promise<void> {
  const index = String(walk.checked.length + 1).padStart(2, '0');
  if (walk.checkPages) await checkPage(page, `walk-${index}-${name}`);
  walk.checked.push(name);
}
