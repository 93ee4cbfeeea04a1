import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RuleSet } from '../../src/evaluation/domain/rule-set';
import { api, cast, registryOf, sheet, uniform, WORKED_EXAMPLE } from '../evaluation/evaluation-fixtures';
import { indicator, planningWorld, skpdPlan } from '../planning/planning-fixtures';
import { createTestApp, type TestApp } from '../utils/test-app';
import { download, EV, finalEvaluation, officialPemda, pkWithRealisations, REPORTS } from './report-fixtures';

const run = promisify(execFile);
const SOFFICE = process.env.SOFFICE ?? 'soffice';

/** Pages of a PDF: its page objects ("/Type /Page", not the "/Type /Pages" tree nodes). */
export const pdfPageCount = (pdf: Buffer): number =>
  (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;

/** Page sizes in points ("842x595" is A4 landscape), from each page's MediaBox. */
export const pdfPageSizes = (pdf: Buffer): string[] =>
  [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map(
    (m) => `${Math.round(Number(m[1]))}x${Math.round(Number(m[2]))}`,
  );

/**
 * Every report converts to PDF with LibreOffice (headless, one call for all files, a throwaway profile and HOME so
 * parallel runs never share a user installation) and prints on a sensible number of A4 pages.
 */
describe('Reports print: LibreOffice converts every workbook to PDF', () => {
  let t: TestApp;
  let rs: RuleSet;
  let dir: string;
  beforeAll(async () => {
    t = await createTestApp();
    rs = registryOf(t).find('permenpanrb-88-2021', 1)!;
    dir = mkdtempSync(join(tmpdir(), 'report-pdf-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('converts the recap, LKE, capaian table, trend and national recap with the expected page counts', async () => {
    // Expected pages (A4 landscape, one page wide): recap 1 + sub-components 1; LKE ~100 lines on 1–4 pages + 1 of
    // recommendations; capaian and trend 1 each; national recap 1 + summary 1. Ranges leave room for font metrics.
    // Evaluation data: three SKPD, two years, recommendations, the Pemda's official result.
    const c = await cast(t);
    const planners = [c.planner];
    const skpds = [c.skpdId];
    for (let i = 0; i < 2; i++) {
      const s = await t.make.skpd(c.regionId);
      skpds.push(s.id);
      planners.push(await t.make.user({ role: 'PLANNER', regionId: c.regionId, skpdId: s.id }));
    }
    await finalEvaluation(t, c, c.skpdId, c.planner, 2024, uniform(rs, 'B'));
    const lkeId = await finalEvaluation(t, c, c.skpdId, c.planner, 2025, sheet(rs, WORKED_EXAMPLE), {
      self: uniform(rs, 'A'),
      selfNote: 'Dokumen telah ditetapkan dan dipublikasikan di laman resmi perangkat daerah',
      evaluatorNote: 'Bukti dukung sesuai, namun belum seluruh unit kerja menyusun rencana aksi',
    });
    for (const [i, code] of ['A', 'CC'].entries())
      await finalEvaluation(t, c, skpds[i + 1], planners[i + 1], 2025, uniform(rs, code));
    await api(t)
      .post(`${EV}/${lkeId}/recommendations`)
      .set(t.auth(c.evaluator))
      .send({ text: 'Agar menyusun rencana aksi triwulanan untuk setiap sasaran.', refId: '1.c.4' })
      .expect(201);
    await officialPemda(
      t,
      c,
      2025,
      rs.components.map((k) => k.id),
      ['24.5', '21.25', '11.125', '17.5'],
    );

    // Capaian data: a PK with two indicators and four quarters.
    const w = await planningWorld(t);
    const x = await skpdPlan(t, w);
    const visits = await indicator(t, x.planner, x.sasaranId, {
      name: 'Jumlah kunjungan pasien rawat jalan',
      endTarget: '6000',
    });
    const rate = await indicator(t, x.planner, x.sasaranId, {
      name: 'Angka kesakitan',
      satuan: '%',
      polarity: 'LOWER_IS_BETTER',
      aggregation: 'LAST_VALUE',
      endTarget: '8',
    });
    await pkWithRealisations(
      t,
      w.admin,
      x.planner,
      x.skpdId,
      2025,
      [
        {
          indicatorId: visits.id,
          annualTarget: '1000',
          q1Target: '200',
          q2Target: '250',
          q3Target: '250',
          q4Target: '300',
        },
        { indicatorId: rate.id, annualTarget: '10', q1Target: '12', q2Target: '11.5', q3Target: '11', q4Target: '10' },
      ],
      { [visits.id]: ['180', '260', '240.5', '310'], [rate.id]: ['12.5', '11', '10.75', '9.5'] },
    );
    const root = await t.make.user({ role: 'SUPERADMIN' });

    const reports: [string, string, [number, number]][] = [
      ['recap', `${REPORTS}/region-recap?year=2025`, [2, 3]],
      ['lke', `${REPORTS}/lke?skpdId=${c.skpdId}&year=2025`, [2, 6]],
      ['capaian', `${REPORTS}/capaian?skpdId=${x.skpdId}&year=2025`, [1, 2]],
      ['trend', `${REPORTS}/trend`, [1, 2]],
      ['national', `${REPORTS}/national-recap?year=2025`, [2, 3]],
    ];
    const users: Record<string, typeof c.head> = {
      recap: c.head,
      lke: c.head,
      capaian: w.admin,
      trend: c.head,
      national: root,
    };
    for (const [name, path] of reports)
      writeFileSync(join(dir, `${name}.xlsx`), (await download(t, path, users[name]).expect(200)).body as Buffer);

    const home = join(dir, 'home');
    await run(
      SOFFICE,
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        ...reports.map(([n]) => join(dir, `${n}.xlsx`)),
      ],
      { timeout: 150_000, env: { ...process.env, HOME: home } },
    );
    const pages = Object.fromEntries(
      reports.map(([name]) => [name, pdfPageCount(readFileSync(join(dir, `${name}.pdf`)))]),
    );
    for (const [name] of reports) {
      const sizes = pdfPageSizes(readFileSync(join(dir, `${name}.pdf`)));
      expect([name, [...new Set(sizes)]]).toEqual([name, ['842x595']]);
    }
    for (const [name, , [min, max]] of reports) {
      expect([name, pages[name] >= min && pages[name] <= max, pages[name]]).toEqual([name, true, pages[name]]);
    }
  }, 240_000);
});
