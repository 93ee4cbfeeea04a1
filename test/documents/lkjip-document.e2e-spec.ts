import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { indicator, planningWorld, skpdPlan } from '../planning/planning-fixtures';
import { pkWithRealisations, REPORTS } from '../reporting/report-fixtures';
import { convertToPdf, overlappingLines, pdfLayout, pdfPages, pdfText } from '../utils/pdf-layout';
import { createTestApp, type TestApp } from '../utils/test-app';
import { binary, docxText, pdftotext, renderFirstPage } from './document-fixtures';

describe('LKjIP draft as DOCX (GET /reports/lkjip.docx)', () => {
  let t: TestApp;
  jest.setTimeout(120_000);
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('has chapters I–IV with the PK table, each indicator’s figures as the capaian API gives them and the realisation notes', async () => {
    const w = await planningWorld(t);
    const x = await skpdPlan(t, w);
    const visits = await indicator(t, x.planner, x.sasaranId, {
      name: 'Jumlah kunjungan',
      aggregation: 'CUMULATIVE_SUM',
      endTarget: '6000',
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
      ],
      { [visits.id]: ['180', null, '240.5', '310'] },
    );
    await request(t.http)
      .put('/api/v1/realisations')
      .set(t.auth(x.planner))
      .send({
        skpdId: x.skpdId,
        year: 2025,
        quarter: 2,
        items: [
          {
            indicatorId: visits.id,
            value: '260',
            problems: 'Dua puskesmas direnovasi.',
            followUpPlan: 'Layanan keliling pada TW III.',
          },
        ],
      })
      .expect(200);
    const capaian = (
      await request(t.http).get(`/api/v1/capaian?skpdId=${x.skpdId}&year=2025`).set(t.auth(x.planner)).expect(200)
    ).body;
    const ind = capaian.indicators[0];

    const res = await request(t.http)
      .get(`${REPORTS}/lkjip.docx?skpdId=${x.skpdId}&year=2025`)
      .set(t.auth(x.planner))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const text = docxText(res.body);
    const idn = (v: string) => v.replace('.', ',');
    for (const expected of [
      'LAPORAN KINERJA INSTANSI PEMERINTAH',
      '(LKjIP) TAHUN 2025',
      'BAB I PENDAHULUAN',
      'BAB II PERENCANAAN KINERJA',
      'B. Perjanjian Kinerja Tahun 2025',
      'BAB III AKUNTABILITAS KINERJA',
      'BAB IV PENUTUP',
      'Jumlah kunjungan',
      `capaian ${idn(ind.capaian.display)}% (${ind.category.label})`,
      'Kendala: TW 2: Dua puskesmas direnovasi.',
      'Rencana tindak lanjut: TW 2: Layanan keliling pada TW III.',
      'Terhadap target akhir periode',
      'Data anggaran belum tersedia',
      '[diisi oleh SKPD:',
    ])
      expect([expected, text.includes(expected)]).toEqual([expected, true]);

    const dir = mkdtempSync(join(tmpdir(), 'sakip-lkjip-'));
    writeFileSync(join(dir, 'lkjip.docx'), res.body);
    await convertToPdf(dir, [join(dir, 'lkjip.docx')]);
    const pdf = readFileSync(join(dir, 'lkjip.pdf'));
    expect(pdftotext(pdf)).toContain('BAB III AKUNTABILITAS KINERJA');
    renderFirstPage(pdf, 'lkjip-page1');
    // The capaian table (chapter III, A4 landscape) gets the sasaran's budget columns, as the efficiency API gives
    // them: this SKPD has no budget, so "–" and "tidak dapat dihitung"; no two lines printed over each other.
    const efficiency = (
      await request(t.http)
        .get(`/api/v1/budget/efficiency?skpdId=${x.skpdId}&year=2025`)
        .set(t.auth(x.planner))
        .expect(200)
    ).body;
    expect(efficiency.sasaran.map((s: { labelText: string; pagu: string }) => [s.labelText, s.pagu])).toEqual([
      ['tidak dapat dihitung', '0'],
    ]);
    const layout = await pdfLayout(join(dir, 'lkjip.pdf'));
    expect(overlappingLines(layout)).toEqual([]);
    const printed = pdfText(layout).replace(/\s+/g, ' ');
    // Headers whole (not broken mid-word by a narrow column), then the sasaran row's figures.
    for (const header of ['Realisasi', 'Capaian', 'Kategori', 'Satuan', 'Serapan', 'Efisiensi', 'Pagu (Rp)'])
      expect([header, printed.includes(` ${header} `)]).toEqual([header, true]);
    expect(printed).toContain('Sasaran S.');
    expect(printed).toContain('tidak dapat dihitung');
    expect(new Set((await pdfPages(join(dir, 'lkjip.pdf'))).sizes)).toEqual(new Set(['595x842', '842x595']));

    // Same access as the capaian table: another SKPD's planner 404; no PK that year 404 NO_CAPAIAN_DATA.
    const other = await skpdPlan(t, w);
    await request(t.http)
      .get(`${REPORTS}/lkjip.docx?skpdId=${x.skpdId}&year=2025`)
      .set(t.auth(other.planner))
      .expect(404);
    const none = await request(t.http)
      .get(`${REPORTS}/lkjip.docx?skpdId=${x.skpdId}&year=2027`)
      .set(t.auth(w.admin))
      .expect(404);
    expect(none.body.code).toBe('NO_CAPAIAN_DATA');
  });
});
