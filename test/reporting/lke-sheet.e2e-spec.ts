import ExcelJS from 'exceljs';
import { Fraction } from '../../src/evaluation/domain/fraction';
import type { RuleSet } from '../../src/evaluation/domain/rule-set';
import { api, cast, registryOf, sheet, uniform, WORKED_EXAMPLE } from '../evaluation/evaluation-fixtures';
import { createTestApp, type TestApp } from '../utils/test-app';
import { columnsOf, download, EV, finalEvaluation, REPORTS, text, workbookOf, XLSX } from './report-fixtures';

const STAGE_COLUMNS = [
  ['self', 'Penilaian Mandiri'],
  ['evaluator', 'Evaluator'],
  ['qa', 'Penjaminan Kualitas'],
  ['final', 'Nilai Akhir'],
] as const;

describe('LKE worksheet download (GET /reports/lke)', () => {
  let t: TestApp;
  let rs: RuleSet;
  beforeAll(async () => {
    t = await createTestApp();
    rs = registryOf(t).find('permenpanrb-88-2021', 1)!;
  });
  afterAll(() => t.close());

  it('equals the answers and score API for every criterion, subtotal and stage; recommendations with follow-up; access', async () => {
    const c = await cast(t);
    const qaAnswers = new Map([
      ['1.a.1', 'A'],
      ['2.b.3', 'BB'],
    ]);
    const id = await finalEvaluation(t, c, c.skpdId, c.planner, 2025, sheet(rs, WORKED_EXAMPLE), {
      self: uniform(rs, 'A'),
      selfNote: 'Dokumen tersedia',
      evaluatorNote: 'Sesuai bukti dukung',
      qa: qaAnswers,
      qaNote: 'Dikoreksi penjamin mutu',
    });
    const rec1 = (
      await api(t)
        .post(`${EV}/${id}/recommendations`)
        .set(t.auth(c.evaluator))
        .send({ text: 'Agar menyusun rencana aksi triwulanan.', refId: '1.c.4' })
        .expect(201)
    ).body;
    await api(t)
      .post(`${EV}/${id}/recommendations`)
      .set(t.auth(c.evaluator))
      .send({ text: 'Agar memperbaiki reviu laporan kinerja.' })
      .expect(201);
    await api(t)
      .put(`${EV}/${id}/recommendations/${rec1.id}/follow-up`)
      .set(t.auth(c.planner))
      .send({ version: rec1.version, followUp: 'Rencana aksi telah ditetapkan.', status: 'IN_PROGRESS' })
      .expect(200);

    // Access: the planner's own SKPD yes; another SKPD of the region, another region: 404; no evaluation that year: 404.
    const otherSkpd = await t.make.skpd(c.regionId);
    const other = await cast(t);
    const path = (skpdId: string, year = 2025) => `${REPORTS}/lke?skpdId=${skpdId}&year=${year}`;
    for (const user of [c.admin, c.evaluator, c.head, c.planner]) await download(t, path(c.skpdId), user).expect(200);
    const foreign = await api(t).get(path(otherSkpd.id)).set(t.auth(c.planner));
    expect([foreign.status, foreign.body.code]).toEqual([404, 'NOT_FOUND']);
    await api(t).get(path(c.skpdId)).set(t.auth(other.head)).expect(404);
    const none = await api(t).get(path(c.skpdId, 2020)).set(t.auth(c.head));
    expect([none.status, none.body.code]).toEqual([404, 'NO_EVALUATION']);
    await api(t).get(`${REPORTS}/lke?year=2025`).set(t.auth(c.head)).expect(400);

    const res = await download(t, path(c.skpdId), c.planner).expect(200);
    const skpd = (await api(t).get(`/api/v1/skpd/${c.skpdId}`).set(t.auth(c.head)).expect(200)).body;
    expect(res.headers['content-type']).toBe(XLSX);
    const slug = String(skpd.name)
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    expect(res.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="LKE-SAKIP-${slug}-2025\\.xlsx";`),
    );

    const answers = (await api(t).get(`${EV}/${id}/answers`).set(t.auth(c.head)).expect(200)).body as Record<
      string,
      string | null
    >[];
    const score = (await api(t).get(`${EV}/${id}/score`).set(t.auth(c.head)).expect(200)).body.stages;
    const evaluation = (await api(t).get(`${EV}/${id}`).set(t.auth(c.head)).expect(200)).body;

    const wb = await workbookOf(res.body as Buffer);
    expect(wb.title).toContain('Lembar Kerja Evaluasi');
    expect(wb.creator).toBe('SAKIP Service');
    const ws = wb.getWorksheet('LKE')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToWidth: 1,
      printTitlesRow: '1:4',
    });
    const col = columnsOf(ws, 4);
    const byId = new Map<string, ExcelJS.Row>();
    let totalRow: ExcelJS.Row | undefined;
    let predicateRow: ExcelJS.Row | undefined;
    for (let r = 5; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const code = text(row.getCell(col('Kode')).value);
      if (code) byId.set(code, row);
      const label = text(row.getCell(2).value);
      if (label === 'NILAI TOTAL') totalRow = row;
      if (label === 'PREDIKAT') predicateRow = row;
    }
    const two = (exact: string | null) => (exact === null ? null : Number(Fraction.parseRatio(exact).toFixedHalfUp(2)));

    // Every criterion: each stage's answer and value, and each note.
    expect(answers).toHaveLength(80);
    for (const a of answers) {
      const row = byId.get(a.criterionId!)!;
      expect(row).toBeDefined();
      for (const [stage, label] of STAGE_COLUMNS) {
        const apiCriterion = score[stage].criteria.find((k: { id: string }) => k.id === a.criterionId);
        expect([a.criterionId, stage, row.getCell(col(`${label} — Jawaban`)).value]).toEqual([
          a.criterionId,
          stage,
          a[`${stage}Answer`],
        ]);
        expect(row.getCell(col(`${label} — Nilai`)).value).toBe(
          apiCriterion.value === null ? null : Number(apiCriterion.value),
        );
      }
      expect(row.getCell(col('Catatan Penilaian Mandiri')).value).toBe(a.selfNote);
      expect(row.getCell(col('Catatan Evaluator')).value).toBe(a.evaluatorNote);
      expect(row.getCell(col('Catatan Penjaminan Kualitas')).value).toBe(a.qaNote);
    }
    expect(byId.get('1.a.1')!.getCell(col('Nilai Akhir — Jawaban')).value).toBe('A');
    expect(byId.get('1.a.1')!.getCell(col('Catatan Penjaminan Kualitas')).value).toBe('Dikoreksi penjamin mutu');

    // Sub-component and component subtotals, total and predicate per stage.
    for (const [stage, label] of STAGE_COLUMNS) {
      for (const sub of score[stage].subComponents) {
        const cell = byId.get(sub.id)!.getCell(col(`${label} — Nilai`));
        expect([sub.id, stage, cell.value]).toEqual([sub.id, stage, two(sub.scoreExact)]);
        expect(cell.numFmt).toBe('0.00');
      }
      for (const k of score[stage].components)
        expect([k.id, stage, byId.get(k.id)!.getCell(col(`${label} — Nilai`)).value]).toEqual([
          k.id,
          stage,
          k.scoreDisplay === null ? null : Number(k.scoreDisplay),
        ]);
      expect(totalRow!.getCell(col(`${label} — Nilai`)).value).toBe(
        score[stage].totalDisplay === null ? null : Number(score[stage].totalDisplay),
      );
      expect(predicateRow!.getCell(col(`${label} — Nilai`)).value).toBe(score[stage].predicate);
    }
    // The final stage equals the stored FINAL result of the evaluation.
    expect(totalRow!.getCell(col('Nilai Akhir — Nilai')).value).toBe(Number(evaluation.final.totalDisplay));
    expect(predicateRow!.getCell(col('Nilai Akhir — Nilai')).value).toBe(evaluation.final.predicate);
    expect(score.qa.status).toBe('INCOMPLETE'); // QA answered two criteria only: no QA total.
    expect(totalRow!.getCell(col('Penjaminan Kualitas — Nilai')).value).toBeNull();

    // Recommendations and their follow-up.
    const recs = (await api(t).get(`${EV}/${id}/recommendations`).set(t.auth(c.head)).expect(200)).body as {
      refId: string | null;
      text: string;
      followUp: string | null;
    }[];
    const ws2 = wb.getWorksheet('Rekomendasi')!;
    const rcol = columnsOf(ws2, 4);
    const lines = [5, 6].map((r) => ws2.getRow(r));
    expect(
      lines.map((r) => [
        r.getCell(rcol('Referensi')).value,
        r.getCell(rcol('Rekomendasi')).value,
        r.getCell(rcol('Tindak Lanjut')).value,
        r.getCell(rcol('Status')).value,
      ]),
    ).toEqual([
      ['1.c.4', 'Agar menyusun rencana aksi triwulanan.', 'Rencana aksi telah ditetapkan.', 'Dalam proses'],
      ['Umum', 'Agar memperbaiki reviu laporan kinerja.', '-', 'Belum ditindaklanjuti'],
    ]);
    expect(recs).toHaveLength(2);
  });
});
