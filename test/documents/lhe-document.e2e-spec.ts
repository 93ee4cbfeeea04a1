import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RuleSet } from '../../src/evaluation/domain/rule-set';
import { Skpd } from '../../src/organization/entities/skpd.entity';
import { api, cast, registryOf, sheet, WORKED_EXAMPLE } from '../evaluation/evaluation-fixtures';
import { EV, finalEvaluation } from '../reporting/report-fixtures';
import { createTestApp, type TestApp } from '../utils/test-app';
import { binary, docxText, pdftotext, renderFirstPage } from './document-fixtures';

describe('LHE as DOCX (GET /evaluations/:id/lhe.docx)', () => {
  let t: TestApp;
  let rs: RuleSet;
  jest.setTimeout(120_000);
  beforeAll(async () => {
    t = await createTestApp();
    rs = registryOf(t).find('permenpanrb-88-2021', 1)!;
  });
  afterAll(() => t.close());

  it('has the cover, scores by component with the predicate, findings, recommendations and last year’s follow-up; editable in LibreOffice', async () => {
    const c = await cast(t);
    await t.db.getRepository(Skpd).update({ id: c.skpdId }, { name: 'Dinas Kesehatan Kabupaten Uji' });
    const inspektorat = await t.make.skpd(c.regionId, {
      kind: 'INSPEKTORAT',
      name: 'Inspektorat Daerah',
      headTitle: 'Inspektur Daerah',
      headName: 'Drs. Bambang Wibowo, M.Si.',
      headNip: '196802021990031004',
      headActing: 'PLT',
    });
    expect(inspektorat.id).toBeDefined();
    const lastYear = await finalEvaluation(t, c, c.skpdId, c.planner, 2024, sheet(rs, WORKED_EXAMPLE));
    await api(t)
      .post(`${EV}/${lastYear}/recommendations`)
      .set(t.auth(c.evaluator))
      .send({ text: 'Agar menetapkan IKU seluruh eselon.', refId: '1.a.2' })
      .expect(201);
    const id = await finalEvaluation(t, c, c.skpdId, c.planner, 2025, sheet(rs, WORKED_EXAMPLE), {
      evaluatorNote: 'Bukti dukung belum lengkap',
    });
    await api(t)
      .post(`${EV}/${id}/recommendations`)
      .set(t.auth(c.evaluator))
      .send({ text: 'Agar menyusun rencana aksi triwulanan.', refId: '1.c.4' })
      .expect(201);
    const score = (await api(t).get(`${EV}/${id}/score`).set(t.auth(c.planner)).expect(200)).body;

    const res = await api(t).get(`${EV}/${id}/lhe.docx`).set(t.auth(c.planner)).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-disposition']).toContain('LHE-SAKIP-Dinas-Kesehatan-Kabupaten-Uji-2025.docx');
    const text = docxText(res.body);
    for (const expected of [
      'LAPORAN HASIL EVALUASI',
      'DINAS KESEHATAN KABUPATEN UJI',
      'TAHUN 2025',
      rs.components[0].name,
      rs.components[0].subComponents[0].name,
      `Nilai akhir: ${score.stages.final.totalDisplay}`,
      `Predikat: ${score.stages.final.predicate}`,
      'Bukti dukung belum lengkap',
      '1.c.4: Agar menyusun rencana aksi triwulanan.',
      '1.a.2: Agar menetapkan IKU seluruh eselon.',
      'Belum ditindaklanjuti',
      'Plt. Inspektur Daerah',
      'Drs. Bambang Wibowo, M.Si.',
      'NIP. 196802021990031004',
    ])
      expect([expected, text.includes(expected)]).toEqual([expected, true]);

    // LibreOffice opens it (what an SKPD edits it with) and prints it to PDF.
    const dir = mkdtempSync(join(tmpdir(), 'sakip-lhe-'));
    writeFileSync(join(dir, 'lhe.docx'), res.body);
    execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'lhe.docx')], {
      timeout: 90_000,
      env: { ...process.env, HOME: dir },
    });
    const pdf = readFileSync(join(dir, 'lhe.pdf'));
    expect(pdftotext(pdf)).toContain('LAPORAN HASIL EVALUASI');
    renderFirstPage(pdf, 'lhe-page1');

    // Same access as the evaluation: another SKPD's planner gets 404; a non-final evaluation 409.
    const outsider = await t.make.user({ role: 'PLANNER', regionId: c.regionId });
    await api(t).get(`${EV}/${id}/lhe.docx`).set(t.auth(outsider)).expect(404);
    const open = (await api(t).post(EV).set(t.auth(c.admin)).send({ skpdId: inspektorat.id, year: 2025 }).expect(201))
      .body;
    const refused = await api(t).get(`${EV}/${open.id}/lhe.docx`).set(t.auth(c.admin)).expect(409);
    expect(refused.body.code).toBe('EVALUATION_NOT_FINAL');
  });
});
