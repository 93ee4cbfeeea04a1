import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RuleSet } from '../../src/evaluation/domain/rule-set';
import { indonesianDate } from '../../src/common/time/indonesian-date';
import { api, cast, registryOf, sheet, uniform, WORKED_EXAMPLE } from '../evaluation/evaluation-fixtures';
import type { MadeUser } from '../factories/factories';
import { indicator, planningWorld, skpdPlan } from '../planning/planning-fixtures';
import { finalPemdaEvaluation, PROGRESS, SHEET_68_40 } from '../progress/progress-fixtures';
import {
  convertToPdf,
  overlappingLines,
  pdfLayout,
  pdfPageCount,
  pdfPageSizes,
  type PdfPage,
  pdfText,
} from '../utils/pdf-layout';
import { createTestApp, type TestApp } from '../utils/test-app';
import { download, EV, finalEvaluation, pkWithRealisations, REPORTS } from './report-fixtures';

const run = promisify(execFile);
/** The PDFs and their first pages as PNG, CI's artefacts (test-output/ is not committed). */
const PREVIEWS = join(__dirname, '..', '..', 'test-output', 'documents');

const LONG_NAME = 'Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana';
const REGION_HEAD = {
  headTitle: 'Bupati Uji Cetak',
  headName: 'H. Ahmad Fauzi, S.H., M.Si.',
  seatCity: 'Kuala Pembuang',
};
const INSPEKTUR = {
  headTitle: 'Inspektur Daerah',
  headName: 'Ir. Bambang Sutrisno, M.M.',
  headNip: '196805121994031004',
  headRank: 'Pembina Utama Muda (IV/c)',
};
const ACTING_HEAD = {
  headTitle: 'Kepala Dinas Kesehatan',
  headName: 'dr. Siti Rahma, M.Kes.',
  headNip: '197001011990032001',
  headActing: 'PLT',
};

/** PATCHes the signer fields of a region or SKPD (path /regions/:id or /skpd/:id) with its current version. */
async function setHead(t: TestApp, admin: MadeUser, path: string, fields: object): Promise<void> {
  const current = (await api(t).get(`/api/v1${path}`).set(t.auth(admin)).expect(200)).body;
  await api(t)
    .patch(`/api/v1${path}`)
    .set(t.auth(admin))
    .send({ version: current.version, ...fields })
    .expect(200);
}

/** Words of a PDF's text, so a label wrapped over several lines of a cell is still found word by word. */
const wordsOf = (pages: PdfPage[]): Set<string> => new Set(pdfText(pages).split(/\s+/));
/** A 2-dp figure as LibreOffice prints it (the decimal separator follows the locale). */
const figure = (display: string): RegExp => new RegExp(`(^|\\s)${display.replace('.', '[.,]')}(\\s|$)`, 'm');

interface Doc {
  name: string;
  path: string;
  user: MadeUser;
  /** Expected A4 landscape pages: [min, max]. */
  pages: [number, number];
  /** Phrases whose every word is printed, and figures (2-dp display strings) printed as they are. */
  labels: string[];
  figures: string[];
  /** Lines of the signature block, each found as one PDF text line (or as part of one). */
  signature?: string[];
}

/**
 * Every workbook prints legibly through LibreOffice (one headless call for all files, a throwaway profile and HOME
 * so parallel runs never share a user installation): A4 landscape, the documented page counts, no two text lines of
 * a page overlapping (a row too short for its wrapped text, a clipped header or a cut name would), the labels and
 * figures the API gives, and the signature block of the documents a person signs.
 */
describe('Reports print: LibreOffice converts every workbook to a legible PDF', () => {
  let t: TestApp;
  let rs: RuleSet;
  let dir: string;
  const docs: Doc[] = [];
  const layouts = new Map<string, PdfPage[]>();
  const files = new Map<string, Buffer>();

  beforeAll(async () => {
    t = await createTestApp();
    rs = registryOf(t).find('permenpanrb-88-2021', 1)!;
    dir = mkdtempSync(join(tmpdir(), 'report-pdf-'));

    // Evaluation data: three SKPD (one with a long name), two years, recommendations, the Pemda's evaluation.
    const c = await cast(t);
    await setHead(t, c.admin, `/regions/${c.regionId}`, REGION_HEAD);
    const inspektorat = await t.make.skpd(c.regionId, { name: 'Inspektorat Daerah', kind: 'INSPEKTORAT' });
    await setHead(t, c.admin, `/skpd/${inspektorat.id}`, INSPEKTUR);
    const planners = [c.planner];
    const skpds = [c.skpdId];
    for (const name of [LONG_NAME, undefined]) {
      const s = await t.make.skpd(c.regionId, name ? { name } : {});
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
    const pemdaId = await finalPemdaEvaluation(t, c, 2025, SHEET_68_40(rs));
    // What the API says: each SKPD's 2025 total, the 2024 one, the Pemda's.
    const listed = async (year: number) =>
      (await api(t).get(`${EV}?year=${year}&pageSize=100`).set(t.auth(c.head)).expect(200)).body.items as {
        skpdId: string | null;
        kind: string;
        final: { totalDisplay: string };
      }[];
    const [thisYear, lastYear] = [await listed(2025), await listed(2024)];
    const evaluations = [
      ...skpds.map((id) => thisYear.find((e) => e.skpdId === id)!),
      lastYear.find((e) => e.skpdId === c.skpdId)!,
    ];
    const pemdaTotal = thisYear.find((e) => e.kind === 'PEMDA')!.final.totalDisplay;
    const totals = evaluations.map((e) => e.final.totalDisplay);

    // Capaian data: a PK with two indicators and four quarters, of an SKPD led by an acting head.
    const w = await planningWorld(t);
    await setHead(t, w.admin, `/regions/${w.regionId}`, { seatCity: 'Sampit' });
    const x = await skpdPlan(t, w);
    await setHead(t, w.admin, `/skpd/${x.skpdId}`, ACTING_HEAD);
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
    const capaian = (
      await api(t).get(`/api/v1/capaian?skpdId=${x.skpdId}&year=2025`).set(t.auth(w.admin)).expect(200)
    ).body.indicators.map((i: { capaian: { display: string } }) => i.capaian.display);
    const roadmap = (await api(t).get(`${PROGRESS}/evaluations/${pemdaId}/roadmap`).set(t.auth(c.head)).expect(200))
      .body;
    const root = await t.make.user({ role: 'SUPERADMIN' });
    const today = indonesianDate(new Date(), 'Asia/Jakarta');
    const regionSignature = [`Kuala Pembuang, ${today}`, 'Bupati Uji Cetak,', REGION_HEAD.headName];

    // Expected pages (A4 landscape, one page wide), as the README documents: recap 1 + sub-components 2 (about 20
    // rows a page); LKE ~100 criteria on 4 + recommendations 1; capaian, trend and roadmap 1; national recap 1 +
    // summary 1; progress workbook one page per sheet.
    docs.push(
      {
        name: 'recap',
        path: `${REPORTS}/region-recap?year=2025`,
        user: c.head,
        pages: [3, 4],
        labels: ['4. Evaluasi Akuntabilitas Kinerja Internal', 'Subkomponen', 'Uraian Subkomponen', LONG_NAME],
        figures: [...totals, pemdaTotal],
        signature: regionSignature,
      },
      {
        name: 'lke',
        path: `${REPORTS}/lke?skpdId=${c.skpdId}&year=2025`,
        user: c.head,
        pages: [4, 6],
        labels: ['Komponen / Subkomponen / Kriteria', 'Catatan Evaluator', 'Agar menyusun rencana aksi triwulanan'],
        figures: [totals[0]],
        signature: [
          `Kuala Pembuang, ${today}`,
          'Inspektur Daerah,',
          INSPEKTUR.headName,
          INSPEKTUR.headRank,
          `NIP. ${INSPEKTUR.headNip}`,
        ],
      },
      {
        name: 'capaian',
        path: `${REPORTS}/capaian?skpdId=${x.skpdId}&year=2025`,
        user: w.admin,
        pages: [1, 2],
        labels: ['Jumlah kunjungan pasien rawat jalan', 'Angka kesakitan', 'Capaian thd Target Akhir (%)'],
        figures: capaian,
        signature: [
          `Sampit, ${today}`,
          'Plt. Kepala Dinas Kesehatan,',
          ACTING_HEAD.headName,
          `NIP. ${ACTING_HEAD.headNip}`,
        ],
      },
      {
        name: 'trend',
        path: `${REPORTS}/trend`,
        user: c.head,
        pages: [1, 2],
        labels: ['Pemerintah Daerah / Perangkat Daerah', LONG_NAME],
        figures: [...totals, pemdaTotal],
      },
      {
        name: 'national',
        path: `${REPORTS}/national-recap?year=2025`,
        user: root,
        pages: [2, 3],
        labels: ['Pemerintah Daerah', 'Peringkat di Daerah', LONG_NAME],
        figures: totals.slice(0, 3),
      },
      {
        name: 'progress',
        path: `${PROGRESS}/workbook?year=2025&quarter=4`,
        user: c.head,
        pages: [4, 5],
        labels: ['Kekurangan ke Predikat Berikutnya', 'Bukti Dukung yang Diperlukan', 'Indeks Kinerja'],
        figures: [pemdaTotal, roadmap.totalAfter],
        signature: regionSignature,
      },
      {
        name: 'roadmap',
        path: `${PROGRESS}/evaluations/${pemdaId}/roadmap.xlsx`,
        user: c.head,
        pages: [1, 2],
        labels: ['Perangkat Daerah Penanggung Jawab', roadmap.steps[0].criterionText],
        figures: [roadmap.totalAfter],
      },
    );
    for (const d of docs) {
      const body = (await download(t, d.path, d.user).expect(200)).body as Buffer;
      writeFileSync(join(dir, `${d.name}.xlsx`), body);
    }

    await convertToPdf(
      dir,
      docs.map((d) => join(dir, `${d.name}.xlsx`)),
    );
    mkdirSync(PREVIEWS, { recursive: true });
    for (const d of docs) {
      const pdf = join(dir, `${d.name}.pdf`);
      files.set(d.name, readFileSync(pdf));
      copyFileSync(pdf, join(PREVIEWS, `${d.name}.pdf`));
      layouts.set(d.name, await pdfLayout(pdf));
      await run('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', pdf, join(PREVIEWS, d.name)]);
    }
  }, 240_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('prints every document on A4 landscape within its documented page count', () => {
    for (const d of docs) {
      const pdf = files.get(d.name)!;
      const pages = pdfPageCount(pdf);
      expect([d.name, [...new Set(pdfPageSizes(pdf))]]).toEqual([d.name, ['842x595']]);
      expect([d.name, pages >= d.pages[0] && pages <= d.pages[1], pages]).toEqual([d.name, true, pages]);
    }
  });

  it('prints no two text lines over each other on any page', () => {
    for (const d of docs) expect([d.name, overlappingLines(layouts.get(d.name)!)]).toEqual([d.name, []]);
  });

  it("prints every expected label and the API's figures", () => {
    for (const d of docs) {
      const pages = layouts.get(d.name)!;
      const words = wordsOf(pages);
      const missing = d.labels.flatMap((l) => l.split(/\s+/).filter((w) => !words.has(w)));
      expect([d.name, missing]).toEqual([d.name, []]);
      const text = pdfText(pages);
      expect([d.name, d.figures.filter((f) => !figure(f).test(text))]).toEqual([d.name, []]);
    }
  });

  it('prints the signature block (place, date, acting title, name, NIP) on the documents a person signs', () => {
    for (const d of docs.filter((x) => x.signature)) {
      const lines = layouts.get(d.name)!.flatMap((p) => p.lines.map((l) => l.text));
      const missing = d.signature!.filter((s) => !lines.some((l) => l.includes(s)));
      expect([d.name, missing]).toEqual([d.name, []]);
    }
  });
});
