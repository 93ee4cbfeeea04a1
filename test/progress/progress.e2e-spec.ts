import ExcelJS from 'exceljs';
import type { RuleSet } from '../../src/evaluation/domain/rule-set';
import { api, asBody, versionOf, cast, type Cast, registryOf } from '../evaluation/evaluation-fixtures';
import { createTestApp, type TestApp } from '../utils/test-app';
import {
  answersOf,
  binary,
  EV,
  finalPemdaEvaluation,
  finalSkpdEvaluation,
  PROGRESS,
  SHEET_68_40,
  SHEET_88_50,
} from './progress-fixtures';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const text = (v: ExcelJS.CellValue): string => (v === null || v === undefined ? '' : String(v));

/** The keys of the peer part of a comparison: the published aggregate and the region's name and kind, nothing more. */
const PEER_KEYS = [
  'basis',
  'kind',
  'name',
  'predicate',
  'publishedAt',
  'regionId',
  'ruleSet',
  'source',
  'total',
  'year',
];
const ROW_KEYS = ['componentId', 'difference', 'id', 'name', 'own', 'peer', 'peerHigher', 'weight'];

describe('progress to the next predicate (/progress)', () => {
  let t: TestApp;
  let rs: RuleSet;
  beforeAll(async () => {
    t = await createTestApp();
    rs = registryOf(t).find('permenpanrb-88-2021', 1)!;
  });
  afterAll(() => t.close());

  /** A B-region (68.40 in 2025) and an A-region (88.50 in 2025), each built through the API. */
  async function twoRegions(): Promise<{ b: Cast; a: Cast; bPemda: string; aPemda: string }> {
    const b = await cast(t);
    const a = await cast(t);
    const bPemda = await finalPemdaEvaluation(t, b, 2025, SHEET_68_40(rs));
    const aPemda = await finalPemdaEvaluation(t, a, 2025, SHEET_88_50(rs));
    return { b, a, bPemda, aPemda };
  }

  it('studi tiru: a B-region sees an A-region only once it publishes, and only its published aggregate', async () => {
    const { b, a, aPemda } = await twoRegions();
    const aSkpd = await t.make.skpd(a.regionId);
    const compare = (year = 2025) => api(t).get(`${PROGRESS}/benchmark/${a.regionId}?year=${year}`).set(t.auth(b.head));

    // Before publishing: 404 like any foreign row, not listed among the peers, no publication without a result.
    expect((await compare()).status).toBe(404);
    expect((await compare()).body.code).toBe('NOT_FOUND');
    expect(
      (await api(t).get(`${PROGRESS}/peers`).set(t.auth(b.head)).expect(200)).body.map(
        (p: { regionId: string }) => p.regionId,
      ),
    ).not.toContain(a.regionId);
    const none = await api(t)
      .put(`${PROGRESS}/publications`)
      .set(t.auth(a.admin))
      .send({ year: 2024, published: true });
    expect([none.status, none.body.code]).toEqual([404, 'NO_RESULT']);
    // Only the region admin publishes.
    await api(t).put(`${PROGRESS}/publications`).set(t.auth(a.head)).send({ year: 2025, published: true }).expect(403);

    const published = (
      await api(t)
        .put(`${PROGRESS}/publications`)
        .set(t.auth(a.admin))
        .send({ year: 2025, published: true })
        .expect(200)
    ).body;
    expect(published).toMatchObject({ year: 2025, published: true, basis: 'PEMDA', total: '88.50', predicate: 'A' });
    expect(published.gap.next).toMatchObject({ predicate: 'AA', points: '1.50' });

    const peers = (await api(t).get(`${PROGRESS}/peers?year=2025`).set(t.auth(b.head)).expect(200)).body as Record<
      string,
      unknown
    >[];
    const listed = peers.find((p) => p.regionId === a.regionId)!;
    expect(Object.keys(listed).sort()).toEqual([
      'basis',
      'kind',
      'name',
      'predicate',
      'regionId',
      'ruleSet',
      'source',
      'total',
      'year',
    ]);
    expect(listed).toMatchObject({ year: 2025, total: '88.50', predicate: 'A' });

    const res = (await compare().expect(200)).body;
    expect(Object.keys(res.peer).sort()).toEqual(PEER_KEYS);
    expect(res.peer).toMatchObject({
      regionId: a.regionId,
      year: 2025,
      total: '88.50',
      predicate: 'A',
      basis: 'PEMDA',
    });
    expect(res.own).toMatchObject({ total: '68.40', predicate: 'B', basis: 'PEMDA' });
    expect(res.own.gap.next).toMatchObject({ predicate: 'BB', points: '1.60' });
    expect(res.total).toMatchObject({ own: '68.40', peer: '88.50', difference: '20.10', peerHigher: true });
    expect(res.components).toHaveLength(4);
    expect(res.subComponents).toHaveLength(12);
    for (const row of [...res.components, ...res.subComponents]) expect(Object.keys(row).sort()).toEqual(ROW_KEYS);
    // 1.a: B-region 70 % × 6 = 4.20, peer 65 % × 6 = 3.90 → the peer is not higher there; 4.c: 7.75 vs 11.25.
    expect(res.subComponents.find((s: { id: string }) => s.id === '1.a')).toMatchObject({
      own: '4.20',
      peer: '3.90',
      difference: '-0.30',
      peerHigher: false,
    });
    expect(res.subComponents.find((s: { id: string }) => s.id === '4.c')).toMatchObject({
      own: '7.75',
      peer: '11.25',
      difference: '3.50',
      peerHigher: true,
    });
    expect(res.peerHigher.map((r: { id: string }) => r.id)).not.toContain('1.a');
    expect(res.peerHigher[0]).toMatchObject({ id: '2', difference: '6.60' }); // component 2: 20.40 vs 27.00
    const diffs = res.peerHigher.map((r: { difference: string }) => Number(r.difference));
    expect(diffs).toEqual([...diffs].sort((x, y) => y - x));

    // Nothing beyond the aggregate: no evaluation, SKPD or user of the peer appears, its rows stay 404.
    const body = JSON.stringify(res);
    for (const secret of [aPemda, aSkpd.id, a.skpdId, a.admin.id, a.admin.username, a.evaluator.username])
      expect(body).not.toContain(secret);
    await api(t).get(`${EV}/${aPemda}`).set(t.auth(b.head)).expect(404);
    await api(t).get(`${EV}/${aPemda}/score`).set(t.auth(b.head)).expect(404);
    await api(t).get(`${PROGRESS}/evaluations/${aPemda}/roadmap`).set(t.auth(b.head)).expect(404);
    // Without a year: the peer's latest published year. Another year of the peer is not published: 404.
    expect((await api(t).get(`${PROGRESS}/benchmark/${a.regionId}`).set(t.auth(b.head)).expect(200)).body.year).toBe(
      2025,
    );
    expect((await compare(2024)).status).toBe(404);
    // Planners have no progress permission.
    expect((await api(t).get(`${PROGRESS}/benchmark/${a.regionId}?year=2025`).set(t.auth(b.planner))).body.code).toBe(
      'PERMISSION_DENIED',
    );

    // Withdrawn: 404 again.
    await api(t)
      .put(`${PROGRESS}/publications`)
      .set(t.auth(a.admin))
      .send({ year: 2025, published: false })
      .expect(200);
    expect((await compare()).status).toBe(404);
  });

  it('history per region and SKPD with imported years, the target and the gap beside every predicate', async () => {
    const c = await cast(t);
    const skpdPlanner = c.planner;
    await finalPemdaEvaluation(t, c, 2025, SHEET_68_40(rs));
    await finalSkpdEvaluation(t, c, c.skpdId, skpdPlanner, 2025, answersOf(rs, 'BB'));
    const put = (path: string, body: object, user = c.admin) =>
      api(t).put(`${PROGRESS}/${path}`).set(t.auth(user)).send(body);

    await put('target', { predicate: 'A', year: 2027 }).expect(200);
    expect((await put('target', { predicate: 'ZZ', year: 2027 })).body.code).toBe('UNKNOWN_PREDICATE');
    await put('target', { predicate: 'A', year: 2027 }, c.head).expect(403);

    // Historical official results of years before the system (12/2015 bands for 2020, 88/2021 for 2023).
    const h2020 = (
      await put('history', {
        year: 2020,
        total: '58.5',
        ruleSetCode: 'permenpanrb-12-2015',
        source: 'LHE KemenPAN-RB 2020',
      }).expect(200)
    ).body;
    expect(h2020).toMatchObject({
      year: 2020,
      source: 'IMPORTED',
      total: '58.50',
      predicate: 'CC',
      ruleSet: { code: 'permenpanrb-12-2015', version: 1 },
    });
    await put('history', { year: 2023, total: '62.35', predicate: 'B' }).expect(200);
    await put('history', { year: 2023, total: '62.40', predicate: 'B', source: 'koreksi' }).expect(200); // a correction replaces it
    await put('history', { year: 2023, skpdId: c.skpdId, total: '71', source: 'LHE Inspektorat 2023' }).expect(200);
    expect((await put('history', { year: 2025, total: '60' })).body.code).toBe('YEAR_HAS_EVALUATION');
    const foreign = await cast(t);
    expect((await put('history', { year: 2022, skpdId: foreign.skpdId, total: '60' })).status).toBe(404);
    expect((await put('history', { year: 2022, total: '100.5' })).body.code).toBe('INVALID_TOTAL');

    const history = (await api(t).get(`${PROGRESS}/history`).set(t.auth(c.head)).expect(200)).body;
    expect(history.target).toEqual({ predicate: 'A', year: 2027 });
    expect(
      history.region.entries.map((e: { year: number; source: string; total: string; predicate: string }) => [
        e.year,
        e.source,
        e.total,
        e.predicate,
      ]),
    ).toEqual([
      [2020, 'IMPORTED', '58.50', 'CC'],
      [2023, 'IMPORTED', '62.40', 'B'],
      [2025, 'OWN_SHEET', '68.40', 'B'],
    ]);
    expect(history.region.current.gap).toEqual({
      next: { predicate: 'BB', above: '70', points: '1.60', pointsExact: '1.600000' },
      target: { predicate: 'A', byYear: 2027, above: '80', reached: false, points: '11.60', pointsExact: '11.600000' },
    });
    const skpd = history.skpd.find((s: { skpdId: string }) => s.skpdId === c.skpdId);
    expect(skpd.entries.map((e: { year: number; predicate: string }) => [e.year, e.predicate])).toEqual([
      [2023, 'BB'],
      [2025, 'BB'],
    ]);
    expect(skpd.current.gap.next).toMatchObject({ predicate: 'A', points: '0.00' }); // 80.00 is BB; A needs > 80
    // Region isolation: the foreign region sees none of it.
    const other = (await api(t).get(`${PROGRESS}/history`).set(t.auth(foreign.head)).expect(200)).body;
    expect(other).toEqual({ target: null, region: { entries: [], current: null }, skpd: [] });
  });

  it('roadmap: the fewest steps to the next band with responsible SKPD and evidence; Excel sheet; drafts too', async () => {
    const c = await cast(t);
    const inspektorat = await t.make.skpd(c.regionId, { name: 'Inspektorat Daerah', kind: 'INSPEKTORAT' });
    const pemda = await finalPemdaEvaluation(t, c, 2025, SHEET_68_40(rs));
    await api(t).put(`${PROGRESS}/target`).set(t.auth(c.admin)).send({ predicate: 'BB', year: 2026 }).expect(200);

    const r = (await api(t).get(`${PROGRESS}/evaluations/${pemda}/roadmap`).set(t.auth(c.evaluator)).expect(200)).body;
    expect(r).toMatchObject({
      total: '68.40',
      predicate: 'B',
      nextPredicate: 'BB',
      pointsMissing: '1.60',
      reachable: true,
      stepCount: 7,
      totalAfter: '70.15',
      predicateAfter: 'BB',
      answersUsed: 'final',
    });
    expect(r.gap.target).toMatchObject({ predicate: 'BB', byYear: 2026, points: '1.60', reached: false });
    const criteria = new Map(
      rs.components.flatMap((k) => k.subComponents.flatMap((s) => s.criteria)).map((k) => [k.id, k]),
    );
    for (const s of r.steps) {
      expect(s).toMatchObject({
        subComponentId: '4.c',
        gain: '0.25',
        responsible: { skpdId: inspektorat.id, name: 'Inspektorat Daerah' },
      });
      expect(s.evidence).toEqual(criteria.get(s.criterionId)!.evidence);
      expect(s.criterionText).toBe(criteria.get(s.criterionId)!.text);
      expect(s.to).not.toBe(s.from);
    }
    expect(r.steps.map((s: { totalAfterStep: string }) => s.totalAfterStep).pop()).toBe('70.15');

    const file = await api(t)
      .get(`${PROGRESS}/evaluations/${pemda}/roadmap.xlsx`)
      .set(t.auth(c.head))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(file.headers['content-type']).toBe(XLSX);
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="Peta-Jalan-Predikat-.+-2025\.xlsx";/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as ArrayBuffer);
    const ws = wb.getWorksheet('Peta Jalan Peningkatan Predikat')!;
    const header = (ws.getRow(4).values as ExcelJS.CellValue[]).map(text);
    expect(header.slice(1)).toEqual([
      'No',
      'Komponen',
      'Subkomponen',
      'Kode Kriteria',
      'Uraian Kriteria',
      'Jawaban Saat Ini',
      'Jawaban Sasaran',
      'Tambahan Nilai',
      'Nilai Setelah Langkah',
      'Perangkat Daerah Penanggung Jawab',
      'Bukti Dukung yang Diperlukan',
    ]);
    expect(text(ws.getCell('A3').value)).toContain('predikat berikutnya BB');
    const first = ws.getRow(5);
    expect([
      first.getCell(1).value,
      first.getCell(4).value,
      first.getCell(6).value,
      first.getCell(7).value,
      first.getCell(8).value,
      first.getCell(10).value,
    ]).toEqual([1, r.steps[0].criterionId, r.steps[0].from, r.steps[0].to, 0.25, 'Inspektorat Daerah']);
    expect(first.getCell(8).numFmt).toBe('0.00');
    expect(text(first.getCell(11).value)).toContain(r.steps[0].evidence[0]);
    expect(ws.getRow(5 + r.stepCount - 1).getCell(9).value).toBe(70.15);

    // A draft SKPD evaluation (evaluator answers so far, self-assessment elsewhere): simulated on the latest answers.
    const opened = (await api(t).post(EV).set(t.auth(c.admin)).send({ skpdId: c.skpdId, year: 2025 }).expect(201)).body;
    await api(t)
      .put(`${EV}/${opened.id}/self-assessment`)
      .set(t.auth(c.planner))
      .send({ ...asBody(answersOf(rs, 'A')), version: await versionOf(t, opened.id) })
      .expect(200);
    const draft = (await api(t).get(`${PROGRESS}/evaluations/${opened.id}/roadmap`).set(t.auth(c.head)).expect(200))
      .body;
    expect(draft).toMatchObject({
      status: 'SELF_ASSESSMENT',
      answersUsed: 'latest',
      total: '90.00',
      predicate: 'A',
      nextPredicate: 'AA',
      stepCount: 1,
    });
    expect(draft.steps[0].responsible.skpdId).toBe(c.skpdId); // an SKPD evaluation: the SKPD itself

    // An evaluation already at AA: empty plan.
    const top = await cast(t);
    const aa = await finalPemdaEvaluation(t, top, 2025, answersOf(rs, 'AA'));
    const empty = (await api(t).get(`${PROGRESS}/evaluations/${aa}/roadmap`).set(t.auth(top.head)).expect(200)).body;
    expect(empty).toMatchObject({ predicate: 'AA', nextPredicate: null, pointsMissing: null, stepCount: 0, steps: [] });
  });

  it('quarterly SKPD index: capaian and evaluation progress, ranked, with trend; progress workbook with every sheet', async () => {
    const { b, a } = await twoRegions();
    const second = await t.make.skpd(b.regionId);
    await finalSkpdEvaluation(t, b, b.skpdId, b.planner, 2025, answersOf(rs, 'BB'));
    const idx = (await api(t).get(`${PROGRESS}/skpd-index?year=2025&quarter=2`).set(t.auth(b.head)).expect(200)).body;
    expect(idx).toMatchObject({
      year: 2025,
      quarter: 2,
      previousQuarter: { year: 2025, quarter: 1 },
      weights: { capaian: '70', evaluationProgress: '30' },
    });
    expect(idx.items.map((i: { skpdId: string }) => i.skpdId)).toEqual([b.skpdId, second.id]);
    // No PK in this region: capaian not computable (0); the FINAL evaluation counts 100 % progress × 30 %.
    expect(idx.items[0]).toMatchObject({
      rank: 1,
      capaian: null,
      evaluationProgress: '100.00',
      index: '30.00',
      previousIndex: '30.00',
      delta: '0.00',
      trend: 'TETAP',
    });
    expect(idx.items[1]).toMatchObject({ rank: 2, evaluationProgress: '0.00', index: '0.00' });
    await api(t).get(`${PROGRESS}/skpd-index?year=2025&quarter=5`).set(t.auth(b.head)).expect(400);

    // The workbook with a peer needs the peer's publication.
    const workbook = (peer?: string) =>
      api(t)
        .get(`${PROGRESS}/workbook?year=2025&quarter=2${peer ? `&peerRegionId=${peer}` : ''}`)
        .set(t.auth(b.head))
        .buffer(true)
        .parse(binary);
    expect((await workbook(a.regionId)).status).toBe(404);
    await api(t).put(`${PROGRESS}/publications`).set(t.auth(a.admin)).send({ year: 2025, published: true }).expect(200);
    await api(t).put(`${PROGRESS}/target`).set(t.auth(b.admin)).send({ predicate: 'A', year: 2027 }).expect(200);
    const res = await workbook(a.regionId).expect(200);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="Kemajuan-Predikat-SAKIP-.+-2025\.xlsx";/,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Riwayat dan Target',
      'Peta Jalan Peningkatan Predikat',
      'Perbandingan Studi Tiru',
      'Indeks Kinerja Triwulanan',
      'Pembinaan Provinsi',
    ]);
    const hist = wb.getWorksheet('Riwayat dan Target')!;
    expect(text(hist.getCell('A3').value)).toBe('Target daerah: predikat A pada tahun 2027.');
    expect([
      hist.getCell('A5').value,
      hist.getCell('C5').value,
      hist.getCell('D5').value,
      hist.getCell('F5').value,
      hist.getCell('H5').value,
    ]).toEqual([2025, 68.4, 'B', 1.6, 11.6]);
    expect(
      wb
        .getWorksheet('Peta Jalan Peningkatan Predikat')!
        .getRow(5 + 6)
        .getCell(9).value,
    ).toBe(70.15);
    const peer = wb.getWorksheet('Perbandingan Studi Tiru')!;
    expect([
      peer.getCell('B5').value,
      peer.getCell('D5').value,
      peer.getCell('E5').value,
      peer.getCell('F5').value,
    ]).toEqual(['Nilai Akhir', 68.4, 88.5, 20.1]);
    const index = wb.getWorksheet('Indeks Kinerja Triwulanan')!;
    expect([index.getCell('A5').value, index.getCell('C5').value, index.getCell('F5').value]).toEqual([
      1,
      (await t.db.query('SELECT name FROM skpd WHERE id = ?', [b.skpdId]))[0].name,
      30,
    ]);
  });
});
