import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/typeorm-options';

const run = promisify(execFile);

/** The caller's environment on an empty embedded SQLite file, without the demo seed and without any DB_URL. */
function embeddedEnv(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, SQLITE_PATH: join(dir, 'sakip.sqlite'), SEED_DEMO: 'false' };
  delete env.DB_URL;
  return env;
}
const ROOT = join(__dirname, '../..');

/** `npm run report` boots the app on its own database: on an empty one it refuses clearly and writes no file. */
describe('report CLI (src/bin/report.ts)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'report-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cli = (args: string[]) =>
    run(join(ROOT, 'node_modules/.bin/ts-node'), ['--transpile-only', join(ROOT, 'src/bin/report.ts'), ...args], {
      cwd: dir,
      timeout: 90_000,
      env: embeddedEnv(dir),
    }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );

  it('prints the usage for an unknown kind; refuses a missing database; with no data it says so and writes no file', async () => {
    expect(await cli(['bogus'])).toEqual({
      code: 1,
      stderr: expect.stringContaining('usage: npm run report -- <region-recap|lke|capaian|trend|national-recap>'),
    });
    const out = join(dir, 'nasional.xlsx');
    // No database file where the server would keep it: refused, and none is created.
    expect(await cli(['national-recap', '--year', '2025', '--out', out])).toEqual({
      code: 1,
      stderr: expect.stringContaining(`no database at ${join(dir, 'sakip.sqlite')}`),
    });
    expect(existsSync(join(dir, 'sakip.sqlite'))).toBe(false);
    // An empty, migrated database (what a fresh server leaves with SEED_DEMO=false).
    const ds = new DataSource(dataSourceOptions({ SQLITE_PATH: join(dir, 'sakip.sqlite') }));
    await ds.initialize();
    await ds.runMigrations();
    await ds.destroy();
    expect(await cli(['national-recap', '--year', '2025', '--out', out])).toEqual({
      code: 1,
      stderr: expect.stringContaining('No SKPD has a FINAL evaluation for 2025'),
    });
    expect(existsSync(out)).toBe(false);
  }, 200_000);
});
