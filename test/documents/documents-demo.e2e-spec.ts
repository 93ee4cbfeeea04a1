import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Decimal from 'decimal.js';
import request from 'supertest';
import { DEMO_PK_YEAR } from '../../src/demo/demo-plan';
import { DEMO_PASSWORD } from '../../src/demo/demo-data';
import { formatIndonesian } from '../../src/planning/domain/indonesian-number';
import { convertToPdf, overlappingLines, pdfLayout, type PdfPage, pdfPages, pdfText } from '../utils/pdf-layout';
import { createTestApp, type TestApp } from '../utils/test-app';
import { binary, makeP12, pdfsig } from './document-fixtures';

const run = promisify(execFile);
/** The documents as PDF and their first pages as PNG: CI's artefacts (test-output/ is not committed). */
const PREVIEWS = join(__dirname, '..', '..', 'test-output', 'documents');
const P12_PASSPHRASE = 'uji-demo-2026';
const api = (path: string) => `/api/v1${path}`;
const A4_PORTRAIT = '595x842';
const A4_LANDSCAPE = '842x595';

type Auth = Record<string, string>;

/** A PDF (or DOCX converted by LibreOffice) from the demo, what it must print and on how many A4 portrait pages. */
interface Printed {
  name: string;
  pdf: Buffer;
  pages: [number, number];
  /** Phrases whose every word is printed (a wrapped cell is still found word by word). */
  labels: string[];
  /** Figures exactly as printed (Indonesian format), each found as a whole word. */
  figures: string[];
  /** Page sizes other than A4 portrait the document also uses (the LKjIP's chapter III is landscape). */
  alsoSizes?: string[];
}

/** A word without the punctuation that follows it in running text ("PERTAMA," ends a signature heading). */
const bare = (w: string) => w.replace(/[,.:;]+$/, '');
const wordsOf = (pages: PdfPage[]): Set<string> => new Set(pdfText(pages).split(/\s+/).map(bare));
const indonesian = (v: string, dp?: number) => formatIndonesian(new Decimal(v), dp);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The documents a region signs, generated from the demo seed: the PK of a demo SKPD signed as both parties and
 * verified through the public page, then immutable until a revision; the Pemda's PK signed by the regional head; the
 * LHE signed by the Inspektur; and every document (PK, Pemda PK, LHE as PDF and as DOCX, the SKPD and Pemda LKjIP
 * DOCX, the last three through LibreOffice) checked with `pdftotext -bbox-layout`: no two lines of a page overlap,
 * every expected label and the API's figures printed, the documented A4 portrait page counts.
 */
describe('documents from the demo: signing, verification, print layout', () => {
  let t: TestApp;
  let dir: string;
  const as: Record<string, Auth> = {};
  const printed: Printed[] = [];
  const layouts = new Map<string, PdfPage[]>();
  const pageInfo = new Map<string, { count: number; sizes: string[] }>();

  const get = (path: string, auth: Auth) => request(t.http).get(api(path)).set(auth);
  const post = (path: string, auth: Auth, body: object = {}) => request(t.http).post(api(path)).set(auth).send(body);
  const file = async (path: string, auth: Auth) =>
    (await request(t.http).get(api(path)).set(auth).buffer(true).parse(binary).expect(200)).body as Buffer;

  beforeAll(async () => {
    t = await createTestApp({
      SEED_DEMO: 'true',
      SIGNING_PROVIDER: 'local-p12',
      SIGNING_P12_PATH: makeP12(P12_PASSPHRASE, 'Pemerintah Kabupaten Maju (DEMO CA)'),
      SIGNING_P12_PASSPHRASE: P12_PASSPHRASE,
      PUBLIC_URL: 'https://sakip.maju.example.go.id',
    });
    for (const who of ['admin', 'bupati', 'inspektur', 'dinkes']) {
      const login = await request(t.http)
        .post(api('/auth/login'))
        .send({ username: `demo.maju.${who}`, password: DEMO_PASSWORD })
        .expect(200);
      as[who] = { Authorization: `Bearer ${login.body.accessToken}` };
    }
    dir = mkdtempSync(join(tmpdir(), 'documents-demo-'));
    // Seeding two demo regions takes minutes on a busy MariaDB.
  }, 600_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  it('signs a demo SKPD’s PK as both parties, verifies the download on the public page, and keeps it immutable until a revision', async () => {
    const skpdId = (await get('/auth/me', as.dinkes).expect(200)).body.skpdId as string;
    const list = await get(`/pk?skpdId=${skpdId}&year=${DEMO_PK_YEAR}`, as.dinkes).expect(200);
    const pkId = list.body.items[0].id as string;
    const pk = (await get(`/pk/${pkId}`, as.dinkes).expect(200)).body;
    expect(pk.status).toBe('LOCKED');

    const first = await post(`/pk/${pkId}/sign`, as.dinkes).expect(200);
    expect(first.body).toEqual(expect.objectContaining({ signed: true, complete: false, nextParty: 'SECOND' }));
    const second = await post(`/pk/${pkId}/sign`, as.bupati, { party: 'SECOND' }).expect(200);
    expect(second.body).toEqual(expect.objectContaining({ complete: true, nextParty: null, code: first.body.code }));

    const signed = await file(`/pk/${pkId}/signed.pdf`, as.dinkes);
    const sigs = pdfsig(signed);
    expect(sigs.map((s) => s.valid)).toEqual([true, true]);
    expect(sigs[1].wholeDocument).toBe(true);
    const code = first.body.code as string;
    const page = await request(t.http).post(`/verifikasi/${code}`).attach('file', signed, 'pk.pdf').expect(200);
    expect(page.text).toContain('COCOK');
    expect(page.text).toContain(second.body.sha256);
    for (const s of second.body.signatures as { name: string }[]) expect(page.text).toContain(s.name);
    const tampered = Buffer.from(signed);
    tampered[Math.floor(tampered.length / 2)] ^= 0x01;
    expect(pdfsig(tampered).some((s) => s.valid && s.wholeDocument)).toBe(false);
    expect((await request(t.http).post(`/verifikasi/${code}`).attach('file', tampered, 'pk.pdf')).text).toContain(
      'TIDAK SAH',
    );

    // A target change is refused (409 LOCKED) until a revision is started; the revision takes it and starts unsigned.
    const items = pk.indicators.map((i: Record<string, string>) => ({
      indicatorId: i.indicatorId,
      annualTarget: i.annualTarget,
      q1Target: i.q1Target,
      q2Target: i.q2Target,
      q3Target: i.q3Target,
      q4Target: i.q4Target,
    }));
    // One more on the annual target, kept consistent with the quarters (an average moves with all four, a sum or a
    // last value with TW IV).
    const plusOne = (v: string) => new Decimal(v).plus(1).toFixed();
    const average = pk.indicators[0].aggregation === 'AVERAGE';
    items[0] = {
      ...items[0],
      annualTarget: plusOne(items[0].annualTarget),
      q4Target: plusOne(items[0].q4Target),
      ...(average
        ? {
            q1Target: plusOne(items[0].q1Target),
            q2Target: plusOne(items[0].q2Target),
            q3Target: plusOne(items[0].q3Target),
          }
        : {}),
    };
    const refused = await request(t.http)
      .put(api(`/pk/${pkId}/indicators`))
      .set(as.dinkes)
      .send({ version: pk.version, items })
      .expect(409);
    expect(refused.body.code).toBe('LOCKED');
    const revision = await post(`/pk/${pkId}/revisions`, as.dinkes, { reason: 'Perubahan APBD (DEMO)' }).expect(201);
    const changed = await request(t.http)
      .put(api(`/pk/${revision.body.id}/indicators`))
      .set(as.dinkes)
      .send({ version: revision.body.version, items });
    expect([changed.status, changed.body.code]).toEqual([200, undefined]);
    expect((await get(`/pk/${revision.body.id}/document`, as.dinkes).expect(200)).body).toEqual(
      expect.objectContaining({ signed: false, signatures: [] }),
    );
    expect(await file(`/pk/${pkId}/signed.pdf`, as.dinkes)).toEqual(signed);

    // The demo SKPD has a budget: the PK prints its programs with the pagu the budget API reports.
    const budget = (await get(`/budget?skpdId=${skpdId}&year=${DEMO_PK_YEAR}`, as.dinkes).expect(200)).body as {
      programs: { pagu: string }[];
    };
    expect(budget.programs.length).toBeGreaterThan(0);
    printed.push({
      name: 'pk-skpd',
      pdf: signed,
      pages: [4, 5],
      labels: [
        'PERJANJIAN KINERJA TAHUN 2025',
        'PIHAK PERTAMA',
        'PIHAK KEDUA',
        'RENCANA AKSI',
        'PROGRAM DAN ANGGARAN',
        ...pk.indicators.map((i: { indicatorName: string }) => i.indicatorName),
        ...(second.body.signatures as { name: string; title: string }[]).flatMap((s) => [s.name, s.title]),
      ],
      figures: [
        ...pk.indicators.map((i: { annualTarget: string }) => indonesian(i.annualTarget)),
        ...budget.programs.map((p) => indonesian(p.pagu, 0)),
      ],
    });
  });

  it('signs the Pemda’s own PK as the regional head alone; the SKPD planner may not', async () => {
    const draft = await file(`/pk-pemda/document.pdf?year=${DEMO_PK_YEAR}`, as.bupati);
    expect(pdfsig(draft)).toEqual([]);
    const before = await get(`/pk-pemda/document?year=${DEMO_PK_YEAR}`, as.admin).expect(200);
    expect(before.body).toEqual(expect.objectContaining({ signed: false, nextParty: 'SECOND' }));
    const planner = await post(`/pk-pemda/sign?year=${DEMO_PK_YEAR}`, as.dinkes).expect(403);
    expect(planner.body.code).toBe('FORBIDDEN');
    const noIku = await post(`/pk-pemda/sign?year=2019`, as.bupati).expect(409);
    expect(noIku.body.code).toBe('PK_NOT_AGREED');
    const signedStatus = await post(`/pk-pemda/sign?year=${DEMO_PK_YEAR}`, as.bupati).expect(200);
    expect(signedStatus.body).toEqual(expect.objectContaining({ complete: true, nextParty: null }));
    expect(signedStatus.body.signatures.map((s: { party: string }) => s.party)).toEqual(['SECOND']);
    const signed = await file(`/pk-pemda/signed.pdf?year=${DEMO_PK_YEAR}`, as.dinkes);
    const sigs = pdfsig(signed);
    expect(sigs).toEqual([expect.objectContaining({ valid: true, wholeDocument: true })]);
    const verified = await get(`/documents/verify/${signedStatus.body.code}`, {}).expect(200);
    expect(verified.body).toEqual(expect.objectContaining({ kind: 'PK_PEMDA', complete: true }));

    const pemda = (await get(`/capaian/pemda?year=${DEMO_PK_YEAR}`, as.admin).expect(200)).body;
    printed.push({
      name: 'pk-pemda',
      pdf: signed,
      pages: [2, 3],
      labels: [
        'PERJANJIAN KINERJA TAHUN 2025',
        ...pemda.iku.map((i: { name: string }) => i.name),
        signedStatus.body.signatures[0].name,
      ],
      figures: pemda.iku.map((i: { pemdaTarget: string }) => indonesian(i.pemdaTarget)),
    });
  });

  it('signs the LHE of a demo SKPD as the Inspektur (PDF) and serves it as DOCX', async () => {
    const skpdId = (await get('/auth/me', as.dinkes).expect(200)).body.skpdId as string;
    const evaluations = await get(`/evaluations?year=2025&pageSize=100`, as.admin).expect(200);
    const ev = (evaluations.body.items as { id: string; skpdId: string; final: { totalDisplay: string } }[]).find(
      (e) => e.skpdId === skpdId,
    )!;
    const draft = await file(`/evaluations/${ev.id}/lhe.pdf`, as.dinkes);
    expect(pdfsig(draft)).toEqual([]);
    const planner = await post(`/evaluations/${ev.id}/lhe/sign`, as.dinkes).expect(403);
    expect(planner.body.code).toBe('FORBIDDEN');
    const status = await post(`/evaluations/${ev.id}/lhe/sign`, as.inspektur).expect(200);
    expect(status.body).toEqual(expect.objectContaining({ complete: true, nextParty: null }));
    expect(status.body.signatures.map((s: { party: string }) => s.party)).toEqual(['INSPECTOR']);
    const again = await post(`/evaluations/${ev.id}/lhe/sign`, as.admin).expect(409);
    expect(again.body.code).toBe('DOCUMENT_COMPLETE');
    const signed = await file(`/evaluations/${ev.id}/lhe-signed.pdf`, as.dinkes);
    expect(await file(`/evaluations/${ev.id}/lhe.pdf`, as.admin)).toEqual(signed);
    expect(pdfsig(signed)).toEqual([expect.objectContaining({ valid: true, wholeDocument: true })]);
    const code = status.body.code as string;
    const ok = await request(t.http).post(`/verifikasi/${code}`).attach('file', signed, 'lhe.pdf').expect(200);
    expect(ok.text).toContain('COCOK');
    const tampered = Buffer.from(signed);
    tampered[Math.floor(tampered.length / 3)] ^= 0x01;
    expect(pdfsig(tampered).some((s) => s.valid && s.wholeDocument)).toBe(false);
    const bad = await request(t.http).post(`/verifikasi/${code}`).attach('file', tampered, 'lhe.pdf').expect(200);
    expect(bad.text).toContain('TIDAK SAH');

    const labels = [
      'LAPORAN HASIL EVALUASI',
      'Hasil Penilaian',
      'Catatan Hasil Evaluasi',
      'Rekomendasi',
      'Tindak Lanjut Rekomendasi Tahun Lalu',
      '1. Perencanaan Kinerja',
      status.body.signatures[0].name,
    ];
    const figure = ev.final.totalDisplay;
    printed.push({ name: 'lhe-signed', pdf: signed, pages: [3, 5], labels, figures: [figure] });
    writeFileSync(join(dir, 'lhe.docx'), await file(`/evaluations/${ev.id}/lhe.docx`, as.dinkes));
    printed.push({ name: 'lhe', pdf: Buffer.alloc(0), pages: [3, 5], labels, figures: [figure] });
  });

  it('serves the LKjIP drafts of a demo SKPD and of the Pemda as DOCX with the capaian API’s figures', async () => {
    const skpdId = (await get('/auth/me', as.dinkes).expect(200)).body.skpdId as string;
    const capaian = (await get(`/capaian?skpdId=${skpdId}&year=${DEMO_PK_YEAR}`, as.dinkes).expect(200)).body;
    // The capaian table's sasaran rows carry the efficiency API's pagu, realisasi, serapan and label.
    const efficiency = (await get(`/budget/efficiency?skpdId=${skpdId}&year=${DEMO_PK_YEAR}`, as.dinkes).expect(200))
      .body as {
      sasaran: { pagu: string; realisation: string; serapan: { display: string } | null; labelText: string }[];
    };
    const budgeted = efficiency.sasaran.filter((s) => s.serapan);
    expect(budgeted.length).toBeGreaterThan(0);
    writeFileSync(
      join(dir, 'lkjip.docx'),
      await file(`/reports/lkjip.docx?skpdId=${skpdId}&year=${DEMO_PK_YEAR}`, as.dinkes),
    );
    const chapters = ['PENDAHULUAN', 'PERENCANAAN KINERJA', 'AKUNTABILITAS KINERJA', 'PENUTUP'];
    printed.push({
      name: 'lkjip',
      pdf: Buffer.alloc(0),
      pages: [4, 7],
      alsoSizes: [A4_LANDSCAPE],
      labels: [
        ...chapters,
        ...capaian.indicators.map((i: { name: string }) => i.name),
        'Efisiensi',
        ...efficiency.sasaran.map((s) => s.labelText),
      ],
      figures: [
        ...capaian.indicators
          .filter((i: { capaian: { display: string } | null }) => i.capaian)
          .map((i: { capaian: { display: string } }) => `${indonesian(i.capaian.display, 2)}%`),
        ...budgeted.flatMap((s) => [
          indonesian(s.pagu, 0),
          indonesian(s.realisation, 0),
          `${indonesian(s.serapan!.display, 2)}%`,
        ]),
      ],
    });

    await get(`/reports/lkjip-pemda.docx?year=${DEMO_PK_YEAR}`, as.dinkes).expect(403);
    const pemda = (await get(`/capaian/pemda?year=${DEMO_PK_YEAR}`, as.admin).expect(200)).body;
    writeFileSync(
      join(dir, 'lkjip-pemda.docx'),
      await file(`/reports/lkjip-pemda.docx?year=${DEMO_PK_YEAR}`, as.bupati),
    );
    printed.push({
      name: 'lkjip-pemda',
      pdf: Buffer.alloc(0),
      pages: [5, 8],
      labels: [...chapters, ...pemda.iku.map((i: { name: string }) => i.name)],
      figures: pemda.iku
        .filter((i: { mean: { display: string } | null }) => i.mean)
        .map((i: { mean: { display: string } }) => `${indonesian(i.mean.display, 2)}%`),
    });
    expect(pemda.iku.length).toBeGreaterThan(0);
  });

  describe('print layout of every document', () => {
    beforeAll(async () => {
      // DOCX through LibreOffice (one headless call, a throwaway profile and HOME), PDFs as generated.
      const docx = printed.filter((p) => p.pdf.length === 0);
      await convertToPdf(
        dir,
        docx.map((p) => join(dir, `${p.name}.docx`)),
      );
      for (const p of docx) p.pdf = readFileSync(join(dir, `${p.name}.pdf`));
      mkdirSync(PREVIEWS, { recursive: true });
      for (const p of printed) {
        const path = join(dir, `${p.name}-final.pdf`);
        writeFileSync(path, p.pdf);
        copyFileSync(path, join(PREVIEWS, `${p.name}.pdf`));
        layouts.set(p.name, await pdfLayout(path));
        pageInfo.set(p.name, await pdfPages(path));
        await run('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', path, join(PREVIEWS, p.name)]);
      }
    }, 200_000);

    it('has every document of the demo', () => {
      expect(printed.map((p) => p.name).sort()).toEqual(
        ['lhe', 'lhe-signed', 'lkjip', 'lkjip-pemda', 'pk-pemda', 'pk-skpd'].sort(),
      );
    });

    it('prints each on A4 portrait (the LKjIP capaian chapter landscape) within its documented page count, first page rendered to PNG', () => {
      for (const p of printed) {
        const { count: pages, sizes } = pageInfo.get(p.name)!;
        expect([p.name, [...new Set(sizes)].sort()]).toEqual([p.name, [A4_PORTRAIT, ...(p.alsoSizes ?? [])].sort()]);
        expect([p.name, pages >= p.pages[0] && pages <= p.pages[1], pages]).toEqual([p.name, true, pages]);
        expect(
          readFileSync(join(PREVIEWS, `${p.name}.png`))
            .subarray(1, 4)
            .toString(),
        ).toBe('PNG');
      }
    });

    it('prints no two text lines over each other on any page', () => {
      for (const p of printed) expect([p.name, overlappingLines(layouts.get(p.name)!)]).toEqual([p.name, []]);
    });

    it("prints every expected label and the API's figures", () => {
      for (const p of printed) {
        const pages = layouts.get(p.name)!;
        const words = wordsOf(pages);
        const missing = p.labels.flatMap((l) => l.split(/\s+/).filter((w) => w && !words.has(bare(w))));
        expect([p.name, missing]).toEqual([p.name, []]);
        const text = pdfText(pages);
        const absent = p.figures.filter((f) => !new RegExp(`(^|[\\s(])${escape(f)}([\\s.,;)]|$)`, 'm').test(text));
        expect([p.name, absent]).toEqual([p.name, []]);
      }
    });
  });
});
