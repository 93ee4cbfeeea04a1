import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/typeorm-options';
import { Region } from '../../src/organization/entities/region.entity';
import { Skpd } from '../../src/organization/entities/skpd.entity';
import { PerformanceAgreement } from '../../src/planning/entities/performance-agreement.entity';
import { PlanningPeriod } from '../../src/planning/entities/planning-period.entity';

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
      stderr: expect.stringContaining(
        'usage: npm run report -- <region-recap|lke|capaian|trend|national-recap|pk-document|lhe|lkjip>',
      ),
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

  it('writes an SKPD’s PK as a PDF (the draft, watermarked, while unsigned); lkjip refuses without an approved PK', async () => {
    const own = mkdtempSync(join(tmpdir(), 'report-cli-pk-'));
    try {
      const ds = new DataSource(dataSourceOptions({ SQLITE_PATH: join(own, 'sakip.sqlite') }));
      await ds.initialize();
      await ds.runMigrations();
      const region = await ds.getRepository(Region).save({
        code: '77.01',
        name: 'Kabupaten Cetak',
        kind: 'KABUPATEN',
        seatCity: 'Kotacetak',
        headTitle: 'Bupati Cetak',
        headName: 'Budi Santoso',
      });
      const skpd = await ds
        .getRepository(Skpd)
        .save({ regionId: region.id, code: '1.02.01', name: 'Dinas Kesehatan', shortName: 'Dinkes', kind: 'DINAS' });
      const period = await ds
        .getRepository(PlanningPeriod)
        .save({ regionId: region.id, name: 'RPJMD 2025–2029', startYear: 2025, endYear: 2029 });
      await ds.getRepository(PerformanceAgreement).save({
        regionId: region.id,
        skpdId: skpd.id,
        periodId: period.id,
        year: 2025,
        revision: 0,
        status: 'DRAFT',
      });
      await ds.destroy();
      const out = join(own, 'pk.pdf');
      const env = { ...embeddedEnv(own) };
      const result = await run(
        join(ROOT, 'node_modules/.bin/ts-node'),
        [
          '--transpile-only',
          join(ROOT, 'src/bin/report.ts'),
          'pk-document',
          '--region',
          '77.01',
          '--skpd',
          '1.02.01',
          '--year',
          '2025',
          '--out',
          out,
        ],
        { cwd: own, timeout: 90_000, env },
      );
      expect(result.stdout).toContain(`report: ${out}`);
      const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
      expect(text).toContain('PERJANJIAN KINERJA TAHUN 2025');
      expect(text).toContain('Budi Santoso');
      expect(text).toContain('DRAF');
      // lkjip reaches the document service: a DRAFT PK gives no capaian, said in one line, and no file.
      const lkjip = join(own, 'lkjip.docx');
      const refused = await run(
        join(ROOT, 'node_modules/.bin/ts-node'),
        [
          '--transpile-only',
          join(ROOT, 'src/bin/report.ts'),
          'lkjip',
          '--region',
          '77.01',
          '--skpd',
          '1.02.01',
          '--year',
          '2025',
          '--out',
          lkjip,
        ],
        { cwd: own, timeout: 90_000, env },
      ).then(
        () => ({ code: 0, stderr: '' }),
        (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
      );
      expect(refused).toEqual({
        code: 1,
        stderr: expect.stringContaining('has no approved Perjanjian Kinerja with indicators for 2025'),
      });
      expect(existsSync(lkjip)).toBe(false);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  }, 200_000);
});
