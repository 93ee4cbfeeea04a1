import ExcelJS from 'exceljs';
import { Fraction } from '../../src/evaluation/domain/fraction';
import type { RuleSet } from '../../src/evaluation/domain/rule-set';
import type { MadeUser } from '../factories/factories';
import { api, cast, type Cast, registryOf, sheet, uniform, WORKED_EXAMPLE } from '../evaluation/evaluation-fixtures';
import { createTestApp, type TestApp } from '../utils/test-app';
import { binary, EV, finalEvaluation as drive, REPORTS, text, XLSX } from './report-fixtures';

const RECAP = `${REPORTS}/region-recap`;

interface ApiTotal {
  total: string | null;
  totalExact: string | null;
  totalDisplay: string | null;
  predicate: string | null;
}
interface ApiEvaluation {
  id: string;
  skpdId: string | null;
  kind: string;
  status: string;
  final: ApiTotal;
  official: ApiTotal;
}

describe('Region predicate recap workbook (GET /reports/region-recap)', () => {
  let t: TestApp;
  let rs: RuleSet;
  beforeAll(async () => {
    t = await createTestApp();
    rs = registryOf(t).find('permenpanrb-88-2021', 1)!;
  });
  afterAll(() => t.close());

  const finalEvaluation = (c: Cast, skpdId: string, planner: MadeUser, year: number, answers: Map<string, string>) =>
    drive(t, c, skpdId, planner, year, answers);

  function download(user: MadeUser, year: number) {
    return api(t).get(`${RECAP}?year=${year}`).set(t.auth(user)).buffer(true).parse(binary);
  }

  it('equals the evaluations API: scores, predicates, labels, ranks, deltas, sub-components, summary; planner 403; no other region', async () => {
    const c = await cast(t);
    const skpdB = await t.make.skpd(c.regionId);
    const skpdC = await t.make.skpd(c.regionId);
    const plannerB = await t.make.user({ role: 'PLANNER', regionId: c.regionId, skpdId: skpdB.id });
    const plannerC = await t.make.user({ role: 'PLANNER', regionId: c.regionId, skpdId: skpdC.id });

    // 2024: only the first SKPD (for the delta and predicate movement).
    await finalEvaluation(c, c.skpdId, c.planner, 2024, uniform(rs, 'B'));
    // 2025: the worked example (72.19 BB) and two equal sheets (a shared rank).
    await finalEvaluation(c, c.skpdId, c.planner, 2025, sheet(rs, WORKED_EXAMPLE));
    await finalEvaluation(c, skpdB.id, plannerB, 2025, uniform(rs, 'A'));
    await finalEvaluation(c, skpdC.id, plannerC, 2025, uniform(rs, 'A'));
    // The Pemda's official result.
    const pemda = (await api(t).post(EV).set(t.auth(c.admin)).send({ pemda: true, year: 2025 }).expect(201)).body;
    const official = ['24.5', '21.25', '11.125', '17.5'];
    await api(t)
      .put(`${EV}/${pemda.id}/official-result`)
      .set(t.auth(c.admin))
      .send({
        version: pemda.version,
        components: rs.components.map((k, i) => ({ componentId: k.id, score: official[i] })),
      })
      .expect(200);

    // Another region's FINAL evaluation must never appear.
    const other = await cast(t);
    await finalEvaluation(other, other.skpdId, other.planner, 2025, uniform(rs, 'AA'));

    // Access: planner has no permission; no data for a year → 404.
    const denied = await api(t).get(`${RECAP}?year=2025`).set(t.auth(c.planner));
    expect([denied.status, denied.body.code]).toEqual([403, 'PERMISSION_DENIED']);
    const none = await api(t).get(`${RECAP}?year=2019`).set(t.auth(c.head));
    expect([none.status, none.body.code]).toEqual([404, 'NO_FINAL_EVALUATIONS']);
    await api(t).get(RECAP).set(t.auth(c.head)).expect(400);

    const region = (await api(t).get(`/api/v1/regions/${c.regionId}`).set(t.auth(c.head)).expect(200)).body;
    for (const user of [c.admin, c.evaluator]) await download(user, 2025).expect(200);
    const res = await download(c.head, 2025).expect(200);
    expect(res.headers['content-type']).toBe(XLSX);
    const slug = String(region.name).replace(/[^A-Za-z0-9]+/g, '-');
    expect(res.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="Rekap-Predikat-SAKIP-${slug}-2025\\.xlsx";`),
    );

    // What the API says for the same data.
    const listed = (await api(t).get(`${EV}?year=2025&pageSize=100`).set(t.auth(c.head)).expect(200)).body
      .items as ApiEvaluation[];
    const lastYear = (await api(t).get(`${EV}?year=2024&pageSize=100`).set(t.auth(c.head)).expect(200)).body
      .items as ApiEvaluation[];
    const skpdEvals = listed.filter((e) => e.kind === 'SKPD' && e.status === 'FINAL');
    expect(skpdEvals).toHaveLength(3);
    const skpdList = (await api(t).get('/api/v1/skpd?pageSize=100').set(t.auth(c.head)).expect(200)).body.items as {
      id: string;
      code: string;
      name: string;
    }[];
    const codeOf = new Map(skpdList.map((s) => [s.id, s.code]));
    const bands = (await api(t).get(`${EV}/${skpdEvals[0].id}/rule-set`).set(t.auth(c.head)).expect(200)).body
      .bands as { predicate: string; label: string }[];
    const labelOf = new Map(bands.map((b) => [b.predicate, b.label]));
    const exactOf = (e: ApiEvaluation) => Fraction.parseRatio(e.final.totalExact!);
    const expectedRank = (e: ApiEvaluation) => 1 + skpdEvals.filter((o) => exactOf(o).cmp(exactOf(e)) > 0).length;

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    expect(wb.title).toContain('Rekapitulasi Nilai dan Predikat SAKIP Perangkat Daerah');
    expect(wb.creator).toBe('SAKIP Service');
    expect(wb.created).toBeInstanceOf(Date);
    const ws = wb.getWorksheet('Rekap Predikat')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      printTitlesRow: '1:4',
    });
    const header = (ws.getRow(4).values as ExcelJS.CellValue[]).map(text);
    const col = (name: string) => {
      const i = header.indexOf(name);
      expect(i).toBeGreaterThan(0);
      return i;
    };
    const componentCols = rs.components.map((k) => col(`${k.id}. ${k.name}`));
    const rows = new Map<string, ExcelJS.Row>();
    for (let r = 5; r <= ws.rowCount; r++) {
      const code = text(ws.getRow(r).getCell(col('Kode')).value);
      if (code) rows.set(code, ws.getRow(r));
    }
    expect([...rows.keys()].sort()).toEqual(skpdEvals.map((e) => codeOf.get(e.skpdId!)!).sort());
    // Ranks by total descending, the two equal sheets share one.
    expect(skpdEvals.map(expectedRank).sort()).toEqual([1, 1, 3]);

    for (const e of skpdEvals) {
      const row = rows.get(codeOf.get(e.skpdId!)!)!;
      const score = (await api(t).get(`${EV}/${e.id}/score`).set(t.auth(c.head)).expect(200)).body.stages.final;
      expect(row.getCell(col('Peringkat')).value).toBe(expectedRank(e));
      expect(row.getCell(col('Nilai Akhir')).value).toBe(Number(e.final.totalDisplay));
      expect(row.getCell(col('Nilai Akhir')).numFmt).toBe('0.00');
      expect(row.getCell(col('Predikat')).value).toBe(e.final.predicate);
      expect(row.getCell(col('Keterangan Predikat')).value).toBe(labelOf.get(e.final.predicate!));
      expect((row.getCell(col('Predikat')).fill as ExcelJS.FillPattern).pattern).toBe('solid');
      rs.components.forEach((k, i) => {
        const apiComponent = score.components.find((x: { id: string }) => x.id === k.id);
        expect(row.getCell(componentCols[i]).value).toBe(Number(apiComponent.scoreDisplay));
        expect(row.getCell(componentCols[i]).numFmt).toBe('0.00');
      });
      const before = lastYear.find((p) => p.skpdId === e.skpdId && p.status === 'FINAL');
      if (before) {
        const delta = exactOf(e)
          .plus(Fraction.parseRatio(before.final.totalExact!).times(Fraction.of(-1)))
          .toFixedHalfUp(2);
        expect(row.getCell(col('Selisih Nilai')).value).toBe(Number(delta));
        expect(row.getCell(col('Nilai 2024')).value).toBe(Number(before.final.totalDisplay));
        expect(row.getCell(col('Predikat 2024')).value).toBe(before.final.predicate);
        // The rule set lists its bands best first.
        const [now, then] = [e.final.predicate, before.final.predicate].map((p) =>
          bands.findIndex((b) => b.predicate === p),
        );
        expect(row.getCell(col('Perubahan Predikat')).value).toBe(
          now === then ? 'Tetap' : now < then ? 'Naik' : 'Turun',
        );
      } else {
        expect(row.getCell(col('Selisih Nilai')).value).toBeNull();
        expect(row.getCell(col('Perubahan Predikat')).value).toBe('Baru');
      }
    }
    // The worked example: 72.19 BB this year against 70.00 B last year.
    const worked = rows.get(codeOf.get(c.skpdId)!)!;
    expect([
      worked.getCell(col('Nilai Akhir')).value,
      worked.getCell(col('Predikat')).value,
      worked.getCell(col('Perubahan Predikat')).value,
    ]).toEqual([72.19, 'BB', 'Naik']);

    // Summary block: distribution, average of the exact totals, the Pemda's official result.
    const summary = new Map<string, ExcelJS.CellValue>();
    for (let r = 5; r <= ws.rowCount; r++) {
      const label = text(ws.getRow(r).getCell(3).value);
      if (label && !rows.has(text(ws.getRow(r).getCell(2).value))) summary.set(label, ws.getRow(r).getCell(4).value);
    }
    expect(summary.get('Jumlah Perangkat Daerah dinilai')).toBe(3);
    for (const b of bands)
      expect(summary.get(`Predikat ${b.predicate} – ${b.label}`)).toBe(
        skpdEvals.filter((e) => e.final.predicate === b.predicate).length,
      );
    const mean = Fraction.sum(skpdEvals.map(exactOf)).div(Fraction.of(skpdEvals.length));
    expect(summary.get('Rata-rata nilai Perangkat Daerah')).toBe(Number(mean.toFixedHalfUp(2)));
    const pemdaApi = listed.find((e) => e.kind === 'PEMDA')!;
    expect(summary.get('Nilai Pemda (Hasil resmi KemenPAN-RB)')).toBe(Number(pemdaApi.official.totalDisplay));
    expect(summary.get('Predikat Pemda')).toBe(
      `${pemdaApi.official.predicate} (${labelOf.get(pemdaApi.official.predicate!)})`,
    );

    // Second sheet: every sub-component of every SKPD equals the API's score breakdown.
    const ws2 = wb.getWorksheet('Rincian Subkomponen')!;
    expect(ws2.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    const subCount = rs.components.reduce((n, k) => n + k.subComponents.length, 0);
    let seen = 0;
    for (const e of skpdEvals) {
      const score = (await api(t).get(`${EV}/${e.id}/score`).set(t.auth(c.head)).expect(200)).body.stages.final;
      for (let r = 5; r <= ws2.rowCount; r++) {
        const row = ws2.getRow(r);
        if (text(row.getCell(2).value) !== codeOf.get(e.skpdId!)) continue;
        const sub = score.subComponents.find((s: { id: string }) => s.id === text(row.getCell(5).value));
        expect(row.getCell(1).value).toBe(expectedRank(e));
        expect(row.getCell(8).value).toBe(Number(Fraction.parseRatio(sub.scoreExact).toFixedHalfUp(2)));
        expect(row.getCell(8).numFmt).toBe('0.00');
        seen++;
      }
    }
    expect(seen).toBe(3 * subCount);

    // The other region's staff see only their own SKPD.
    const otherRes = await download(other.head, 2025).expect(200);
    const owb = new ExcelJS.Workbook();
    await owb.xlsx.load(otherRes.body as ArrayBuffer);
    const ows = owb.getWorksheet('Rekap Predikat')!;
    const codes: string[] = [];
    for (let r = 5; r <= ows.rowCount; r++) {
      const v = text(ows.getRow(r).getCell(2).value);
      if (v) codes.push(v);
    }
    const otherCode = (await api(t).get(`/api/v1/skpd/${other.skpdId}`).set(t.auth(other.head)).expect(200)).body
      .code as string;
    expect(codes).toEqual([otherCode]);
    expect(codes.some((k) => rows.has(k))).toBe(false);
  });
});
