import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Decimal from 'decimal.js';
import ExcelJS from 'exceljs';
import request, { type Response } from 'supertest';
import { BudgetLine } from '../../src/budget/entities/budget-line.entity';
import { NomenclatureEntry } from '../../src/budget/entities/nomenclature-entry.entity';
import { Skpd } from '../../src/organization/entities/skpd.entity';
import {
  approvePk,
  indicator,
  node,
  planningWorld,
  type PlanningWorld,
  skpdPlan,
  type SkpdPlan,
} from '../planning/planning-fixtures';
import { createTestApp, type TestApp } from '../utils/test-app';
import { budgetWorkbook, DPA_HEADERS, importFile, previewFile, REALISATION_HEADERS } from './budget-fixtures';

const api = (path: string) => `/api/v1${path}`;
const binary = (res: Response, done: (err: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
const SAMPLE = readFileSync(join(__dirname, '../../templates/budget/nomenklatur-contoh.csv'));
const quarterly = (annual: string, q: string) => ({
  annualTarget: annual,
  q1Target: q,
  q2Target: q,
  q3Target: q,
  q4Target: q,
});

describe('Budget: nomenclature, DPA and realisation import, efficiency (issue #19)', () => {
  let t: TestApp;
  let w: PlanningWorld;
  let x: SkpdPlan;
  let skpdCode: string;
  let query: string;
  const nodes: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    w = await planningWorld(t);
    x = await skpdPlan(t, w);
    skpdCode = (await t.db.getRepository(Skpd).findOneByOrFail({ id: x.skpdId })).code;
    query = `?skpdId=${x.skpdId}&year=2025`;
    // Performance tree: the sasaran with three programs; capaian 80 (sasaran), 100, 40 and none.
    const program = (code: string) =>
      node(t, x.planner, {
        periodId: w.periodId,
        skpdId: x.skpdId,
        kind: 'PROGRAM',
        parentId: x.sasaranId,
        code,
        name: `Program ${code}`,
      });
    nodes.p1 = (await program('P.1')).id;
    nodes.p2 = (await program('P.2')).id;
    nodes.p3 = (await program('P.3')).id;
    const iS = await indicator(t, x.planner, x.sasaranId);
    const i1 = await indicator(t, x.planner, nodes.p1);
    const i2 = await indicator(t, x.planner, nodes.p2);
    await approvePk(t, w, x, 2025, [
      { indicatorId: iS.id, ...quarterly('100', '25') },
      { indicatorId: i1.id, ...quarterly('100', '25') },
      { indicatorId: i2.id, ...quarterly('100', '25') },
    ]);
    for (const q of [1, 2, 3, 4])
      await request(t.http)
        .put(api('/realisations'))
        .set(t.auth(x.planner))
        .send({
          skpdId: x.skpdId,
          year: 2025,
          quarter: q,
          items: [
            { indicatorId: iS.id, value: '20' },
            { indicatorId: i1.id, value: '25' },
            { indicatorId: i2.id, value: '10' },
          ],
        })
        .expect(200);
  });
  afterAll(() => t.close());

  const lines = () => t.db.getRepository(BudgetLine).find({ where: { skpdId: x.skpdId }, order: { code: 'ASC' } });

  it('imports the sample nomenclature (CSV) all or nothing, idempotently; planners may not', async () => {
    await previewFile(t, x.planner, '/budget/nomenclature', '', SAMPLE, 'n.csv').expect(403);
    const broken = Buffer.from('Kode;Nama\n1;Urusan\n1.2;Salah\n1.02.09.2.01;Tanpa induk\n');
    const bad = await previewFile(t, w.admin, '/budget/nomenclature', '', broken, 'n.csv').expect(422);
    expect(bad.body.code).toBe('NOMENCLATURE_INVALID');
    expect(
      bad.body.errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code]),
    ).toEqual([
      [3, 'A', 'CODE_FORMAT'],
      [4, 'A', 'PARENT_MISSING'],
    ]);
    const first = await importFile(t, w.admin, '/budget/nomenclature', '', SAMPLE, 'n.csv');
    expect(first).toMatchObject({ rows: 15, added: 15, unchanged: 0 });
    const again = await importFile(t, w.admin, '/budget/nomenclature', '', SAMPLE, 'n.csv');
    expect(again).toMatchObject({ rows: 15, added: 0, renamed: 0, unchanged: 15 });
    // A second region's list is its own.
    expect(await t.db.getRepository(NomenclatureEntry).countBy({ regionId: w.regionId })).toBe(15);
    const listed = await request(t.http)
      .get(api('/budget/nomenclature?level=PROGRAM'))
      .set(t.auth(x.planner))
      .expect(200);
    expect(listed.body.map((r: { code: string }) => r.code)).toEqual(['1.02.01', '1.02.02', '1.02.03']);
  });

  it('links program nodes to program codes only', async () => {
    const link = (nodeId: string, code: string | null) =>
      request(t.http).put(api('/budget/node-links')).set(t.auth(x.planner)).send({ nodeId, code });
    expect((await link(nodes.p1, '1.02.02.2.01').expect(422)).body.code).toBe('CODE_LEVEL_MISMATCH');
    await link(nodes.p1, '9.99.99').expect(404);
    await link(x.sasaranId, '1.02.02').expect(422);
    await link(nodes.p1, '1.02.02').expect(200);
    await link(nodes.p2, '1.02.03').expect(200);
    await link(nodes.p3, '1.02.01').expect(200);
    const other = await skpdPlan(t, w);
    await request(t.http)
      .put(api('/budget/node-links'))
      .set(t.auth(other.planner))
      .send({ nodeId: nodes.p1, code: '1.02.02' })
      .expect(404);
  });

  const GOOD_DPA = () => [
    [skpdCode, '1.02.02.2.01.0014', 'Pengadaan Alat Kesehatan', 100_000_000, 80_000_000],
    [skpdCode, '1.02.02.2.02.0001', 'Pelayanan Ibu Hamil', '20.000.000', null],
    [skpdCode, '1.02.03.2.02.0001', 'Pemenuhan SDM Kesehatan', 60_000_000, null],
    [skpdCode, '1.02.01.2.01.0001', 'Penyusunan Dokumen Perencanaan', 0, null],
  ];

  it('refuses a DPA with errors, located by sheet, row and column in Indonesian; nothing is written', async () => {
    const rows = GOOD_DPA();
    rows.push(['9.99.99', '1.02.01.2.01.0007', 'Baris SKPD lain', 5_000_000, null]); // row 8
    rows.push([skpdCode, '1.02.02.2.01.0099', 'Kode tak dikenal', 5_000_000, null]); // row 9
    rows.push([skpdCode, '1.02.01.2.01.0007', 'Pagu teks', 'lima juta', null]); // row 10
    rows.push([skpdCode, '1.02.02.2.01.0014', 'Ganda', 1, null]); // row 11
    const file = await budgetWorkbook('DPA', DPA_HEADERS, rows);
    const res = await previewFile(t, x.planner, '/budget/dpa', query, file).expect(422);
    expect(res.body.code).toBe('BUDGET_EXCEL_INVALID');
    expect(res.body.errors.map((e: Record<string, unknown>) => [e.sheet, e.row, e.column, e.code])).toEqual([
      ['DPA', 8, 'A', 'FOREIGN_SKPD'],
      ['DPA', 9, 'B', 'UNKNOWN_CODE'],
      ['DPA', 10, 'D', 'TEXT_IN_NUMBER_CELL'],
      ['DPA', 11, 'B', 'DUPLICATE_CODE'],
    ]);
    expect(res.body.errors[1].message).toContain('tidak ada dalam nomenklatur daerah');
    // Commit with a forged token also writes nothing.
    await request(t.http)
      .post(api(`/budget/dpa/commit${query}`))
      .set(t.auth(x.planner))
      .field('previewToken', '0.forged')
      .attach('file', file, 'dpa.xlsx')
      .expect(409);
    expect(await lines()).toEqual([]);
    // The commit checks again against the SKPD and nomenclature as they are then: a good file previewed before the
    // SKPD's code changed is refused at commit (its token still holds), nothing written.
    const good = await budgetWorkbook('DPA', DPA_HEADERS, GOOD_DPA());
    const previewed = await previewFile(t, x.planner, '/budget/dpa', query, good).expect(200);
    // (The code is not editable through the API; a direct write stands in for a data correction.)
    const recode = (code: string) => t.db.getRepository(Skpd).update({ id: x.skpdId }, { code });
    await recode(`${skpdCode}-B`);
    const recheck = await request(t.http)
      .post(api(`/budget/dpa/commit${query}`))
      .set(t.auth(x.planner))
      .field('previewToken', previewed.body.previewToken)
      .attach('file', good, 'dpa.xlsx')
      .expect(422);
    expect(new Set(recheck.body.errors.map((e: Record<string, unknown>) => e.code))).toEqual(new Set(['FOREIGN_SKPD']));
    await recode(skpdCode);
    expect(await lines()).toEqual([]);
    // Another SKPD's planner cannot import into this SKPD.
    const other = await skpdPlan(t, w);
    await previewFile(
      t,
      other.planner,
      '/budget/dpa',
      query,
      await budgetWorkbook('DPA', DPA_HEADERS, GOOD_DPA()),
    ).expect(404);
  });

  it('imports the fixed DPA and the realisation; re-importing changes nothing', async () => {
    const dpa = await budgetWorkbook('DPA', DPA_HEADERS, GOOD_DPA());
    expect(await importFile(t, x.planner, '/budget/dpa', query, dpa)).toMatchObject({ rows: 4, added: 4, updated: 0 });
    expect(await importFile(t, x.planner, '/budget/dpa', query, dpa)).toMatchObject({
      rows: 4,
      added: 0,
      updated: 0,
      unchanged: 4,
    });

    const real = (fourth: number | null): (string | number | null)[][] => [
      [skpdCode, '1.02.02.2.01.0014', 'x', 20_000_000, 20_000_000, 20_000_000, 10_000_000],
      [skpdCode, '1.02.02.2.02.0001', 'x', 5_000_000, null, 5_000_000, null],
      [skpdCode, '1.02.03.2.02.0001', 'x', 15_000_000, 15_000_000, 15_000_000, fourth],
    ];
    const withError = [...real(15_000_000), [skpdCode, '1.02.01.2.01.0007', 'belum ada pagu', 1, 1, 1, 1]];
    const bad = await previewFile(
      t,
      x.planner,
      '/budget/realisation',
      query,
      await budgetWorkbook('Realisasi', REALISATION_HEADERS, withError),
    ).expect(422);
    expect(bad.body.errors.map((e: Record<string, unknown>) => [e.row, e.column, e.code])).toEqual([
      [7, 'B', 'NOT_BUDGETED'],
    ]);
    expect((await lines()).every((l) => l.q1Realisation === null)).toBe(true);

    const file = await budgetWorkbook('Realisasi', REALISATION_HEADERS, real(15_000_000));
    expect(await importFile(t, x.planner, '/budget/realisation', query, file)).toMatchObject({ rows: 3, updated: 3 });
    expect(await importFile(t, x.planner, '/budget/realisation', query, file)).toMatchObject({
      updated: 0,
      unchanged: 3,
    });
    const stored = await lines();
    expect(
      stored.map((l) => [
        l.code,
        l.paguOriginal.toFixed(),
        l.paguRevised?.toFixed() ?? null,
        l.q4Realisation?.toFixed() ?? null,
      ]),
    ).toEqual([
      ['1.02.01.2.01.0001', '0', null, null],
      ['1.02.02.2.01.0014', '100000000', '80000000', '10000000'],
      ['1.02.02.2.02.0001', '20000000', null, null],
      ['1.02.03.2.02.0001', '60000000', null, '15000000'],
    ]);
  });

  it('rolls the budget up per program and SKPD with warnings', async () => {
    const res = await request(t.http)
      .get(api(`/budget${query}`))
      .set(t.auth(w.admin))
      .expect(200);
    expect(res.body.skpd).toMatchObject({
      paguOriginal: '180000000',
      pagu: '160000000',
      realisationTotal: '140000000',
    });
    expect(res.body.skpd.serapan.display).toBe('87.50');
    expect(
      res.body.programs.map((p: { code: string; pagu: string; realisationTotal: string }) => [
        p.code,
        p.pagu,
        p.realisationTotal,
      ]),
    ).toEqual([
      ['1.02.01', '0', '0'],
      ['1.02.02', '100000000', '80000000'],
      ['1.02.03', '60000000', '60000000'],
    ]);
    expect(res.body.warnings).toEqual([]);
  });

  it('efficiency via the API equals the table computed here', async () => {
    const res = await request(t.http)
      .get(api(`/budget/efficiency${query}`))
      .set(t.auth(x.planner))
      .expect(200);
    // Independent computation: capaian = ΣR/ΣT of the node's PK indicator; serapan = Σrealisasi/Σpagu in force.
    const expected = (capaian: string | null, pagu: number, spent: number, tolerance = 5) => {
      if (pagu === 0) return { label: 'TIDAK_DAPAT_DIHITUNG', reason: 'ZERO_PAGU' };
      if (capaian === null) return { label: 'TIDAK_DAPAT_DIHITUNG', reason: 'NO_CAPAIAN' };
      const serapan = new Decimal(spent).times(100).div(pagu);
      const efficient = new Decimal(capaian).minus(serapan).gte(-tolerance);
      return { label: efficient ? 'EFISIEN' : 'TIDAK_EFISIEN', reason: null, serapan: serapan.toFixed(2) };
    };
    const got = (r: { label: string; reason: string | null; serapan: { display: string } | null }) => ({
      label: r.label,
      reason: r.reason,
      ...(r.serapan && r.label !== 'TIDAK_DAPAT_DIHITUNG' ? { serapan: r.serapan.display } : {}),
    });
    expect(res.body.programs.map(got)).toEqual([
      expected('100', 80_000_000 + 20_000_000, 70_000_000 + 10_000_000), // P.1 → 1.02.02
      expected('40', 60_000_000, 60_000_000), // P.2 → 1.02.03
      expected(null, 0, 0), // P.3 → 1.02.01, zero pagu
    ]);
    expect(res.body.sasaran.map(got)).toEqual([expected('80', 160_000_000, 140_000_000)]);
    expect(res.body.programs[1]).toMatchObject({ labelText: 'tidak efisien', capaian: { display: '40.00' } });
    // The same table as a workbook (the planner's own SKPD; without skpdId: every budgeted SKPD it sees, only its own).
    for (const q of [query, '?year=2025']) {
      const file = await request(t.http)
        .get(api(`/budget/efficiency.xlsx${q}`))
        .set(t.auth(x.planner))
        .buffer(true)
        .parse(binary)
        .expect(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(file.body as unknown as ExcelJS.Buffer);
      const sheet = book.getWorksheet('Efisiensi')!;
      const rows = [...res.body.sasaran, ...res.body.programs] as {
        nodeCode: string;
        pagu: string;
        labelText: string;
      }[];
      expect(rows.map((_, i) => [5, 8, 12].map((c) => sheet.getCell(5 + i, c).value))).toEqual(
        rows.map((r) => [r.nodeCode, Number(r.pagu), r.labelText]),
      );
      expect(sheet.getCell(5 + rows.length, 2).value).toBeNull();
    }

    // The ratio rule (set by the admin) relabels the same figures.
    await request(t.http)
      .put(api('/budget/settings'))
      .set(t.auth(x.planner))
      .send({ efficiencyRule: 'RATIO', tolerance: '0' })
      .expect(403);
    await request(t.http)
      .put(api('/budget/settings'))
      .set(t.auth(w.admin))
      .send({ efficiencyRule: 'RATIO', tolerance: '20' })
      .expect(200);
    const ratio = await request(t.http)
      .get(api(`/budget/efficiency${query}`))
      .set(t.auth(x.planner))
      .expect(200);
    expect(ratio.body.sasaran[0].label).toBe('EFISIEN'); // 80 / 87.5 = 0.914 ≥ 0.8
    await request(t.http)
      .put(api('/budget/settings'))
      .set(t.auth(w.admin))
      .send({ efficiencyRule: 'DIFFERENCE', tolerance: '5', version: 1 })
      .expect(200);
  });

  it('the region recap lists the SKPD with its absorption and data-quality warnings', async () => {
    await request(t.http).get(api('/budget/recap?year=2025')).set(t.auth(x.planner)).expect(403);
    expect((await request(t.http).get(api('/budget/recap?year=2030')).set(t.auth(w.admin)).expect(404)).body.code).toBe(
      'NO_BUDGET_DATA',
    );
    // A second SKPD, imported by the admin: spent above its pagu, nothing in TW IV, its program linked to no node.
    const other = await t.make.skpd(w.regionId, { code: 'Z.99.1' });
    const q2 = `?skpdId=${other.id}&year=2025`;
    await importFile(
      t,
      w.admin,
      '/budget/dpa',
      q2,
      await budgetWorkbook('DPA', DPA_HEADERS, [[other.code, '1.02.03.2.02.0001', 'x', 1_000_000, null]]),
    );
    await importFile(
      t,
      w.admin,
      '/budget/realisation',
      q2,
      await budgetWorkbook('Realisasi', REALISATION_HEADERS, [
        [other.code, '1.02.03.2.02.0001', 'x', 600_000, 600_000, 1, null],
      ]),
    );
    const res = await request(t.http)
      .get(api('/budget/recap?year=2025'))
      .set(t.auth(w.admin))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('Rekap Serapan')!;
    expect([
      ws.getCell('B5').value,
      ws.getCell('D5').value,
      ws.getCell('E5').value,
      ws.getCell('J5').value,
      ws.getCell('K5').value,
    ]).toEqual([skpdCode, 180000000, 160000000, 140000000, 87.5]);
    expect(ws.getCell('E5').numFmt).toBe('#,##0');
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.getCell('L5').value).toBe(0);
    expect(ws.getCell('L6').value).toBe(3);
    const warnings = wb.getWorksheet('Peringatan Data')!;
    expect(
      [5, 6, 7].map((r) => [warnings.getCell(r, 2).value, warnings.getCell(r, 4).value, warnings.getCell(r, 5).value]),
    ).toEqual([
      [other.code, 'Realisasi melebihi pagu', '1.02.03.2.02.0001'],
      [other.code, 'Triwulan tanpa realisasi', 'TW 4'],
      [other.code, 'Anggaran tanpa indikator terkait', '1.02.03'],
    ]);
  });
});
