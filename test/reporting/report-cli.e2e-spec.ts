import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Decimal from 'decimal.js';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { BudgetLine } from '../../src/budget/entities/budget-line.entity';
import { BudgetNodeLink } from '../../src/budget/entities/budget-node-link.entity';
import { dataSourceOptions } from '../../src/database/typeorm-options';
import { Region } from '../../src/organization/entities/region.entity';
import { Skpd } from '../../src/organization/entities/skpd.entity';
import { PerformanceAgreement } from '../../src/planning/entities/performance-agreement.entity';
import { PlanNode } from '../../src/planning/entities/plan-node.entity';
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
        'usage: npm run report -- <region-recap|lke|capaian|trend|national-recap|pk-document|lhe|lkjip|budget-recap|efficiency>',
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
      // A budget: one sub-kegiatan (pagu 1.000.000; TW I–II spent 550.000) of a program linked under a sasaran.
      const node = (kind: 'SASARAN' | 'PROGRAM', code: string, parentId: string | null) =>
        ds.getRepository(PlanNode).save({
          regionId: region.id,
          periodId: period.id,
          skpdId: skpd.id,
          ownerKey: skpd.id,
          kind,
          code,
          name: `${kind === 'SASARAN' ? 'Sasaran' : 'Program'} Cetak`,
          parentId,
        });
      const sasaran = await node('SASARAN', 'S.1', null);
      const program = await node('PROGRAM', 'P.1', sasaran.id);
      await ds
        .getRepository(BudgetNodeLink)
        .save({ regionId: region.id, skpdId: skpd.id, nodeId: program.id, code: '1.02.02' });
      await ds.getRepository(BudgetLine).save({
        regionId: region.id,
        skpdId: skpd.id,
        year: 2025,
        code: '1.02.02.2.01.0001',
        paguOriginal: new Decimal(1000000),
        paguRevised: null,
        q1Realisation: new Decimal(250000),
        q2Realisation: new Decimal(300000),
        q3Realisation: null,
        q4Realisation: null,
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

      // The budget tables: the region's absorption recap and the SKPD's efficiency table.
      const report = (args: string[]) =>
        run(join(ROOT, 'node_modules/.bin/ts-node'), ['--transpile-only', join(ROOT, 'src/bin/report.ts'), ...args], {
          cwd: own,
          timeout: 90_000,
          env,
        });
      const recapOut = join(own, 'recap.xlsx');
      const efficiencyOut = join(own, 'efficiency.xlsx');
      await report(['budget-recap', '--region', '77.01', '--year', '2025', '--out', recapOut]);
      await report(['efficiency', '--region', '77.01', '--skpd', '1.02.01', '--year', '2025', '--out', efficiencyOut]);
      const sheet = async (path: string, name: string) => {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(path);
        return wb.getWorksheet(name)!;
      };
      const recap = (await sheet(recapOut, 'Rekap Serapan')).getRow(5).values as unknown[];
      expect(recap.slice(1, 12)).toEqual([
        1,
        '1.02.01',
        'Dinas Kesehatan',
        1000000,
        1000000,
        250000,
        300000,
        0,
        0,
        550000,
        55,
      ]);
      const efficiency = await sheet(efficiencyOut, 'Efisiensi');
      expect(String(efficiency.getCell(2, 1).value)).toContain('toleransi ±5 poin');
      expect([5, 6].map((r) => (efficiency.getRow(r).values as unknown[]).slice(1, 14))).toEqual([
        [
          1,
          '1.02.01',
          'Dinas Kesehatan',
          'Sasaran',
          'S.1',
          'Sasaran Cetak',
          undefined,
          1000000,
          550000,
          55,
          undefined,
          'tidak dapat dihitung',
          'capaian kinerja tidak dapat dihitung',
        ],
        [
          2,
          '1.02.01',
          'Dinas Kesehatan',
          'Program',
          'P.1',
          'Program Cetak',
          undefined,
          1000000,
          550000,
          55,
          undefined,
          'tidak dapat dihitung',
          'capaian kinerja tidak dapat dihitung',
        ],
      ]);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  }, 200_000);
});
