import ExcelJS from 'exceljs';
import type { Response } from 'superagent';
import { answerColumn, LKE_SHEET, noteColumn } from '../../src/evaluation/domain/lke-excel';
import type { RuleSet } from '../../src/evaluation/domain/rule-set';
import { api, asBody, versionOf, cast, type Cast, registryOf, uniform } from './evaluation-fixtures';
import { createTestApp, type TestApp } from '../utils/test-app';

const EV = '/api/v1/evaluations';

const binary = (res: Response, done: (err: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('Offline LKE worksheet (GET/POST /evaluations/:id/lke-excel)', () => {
  let t: TestApp;
  let rs: RuleSet;
  beforeAll(async () => {
    t = await createTestApp();
    rs = registryOf(t).find('permenpanrb-88-2021', 1)!;
  });
  afterAll(() => t.close());

  /** An SKPD evaluation moved to EVALUATION (the self-assessment answered 'B' everywhere). */
  async function inEvaluation(c: Cast): Promise<string> {
    const opened = (await api(t).post(EV).set(t.auth(c.admin)).send({ skpdId: c.skpdId, year: 2025 }).expect(201)).body;
    await api(t)
      .put(`${EV}/${opened.id}/self-assessment`)
      .set(t.auth(c.planner))
      .send({ ...asBody(uniform(rs, 'B')), version: await versionOf(t, opened.id) })
      .expect(200);
    const ev = (await api(t).get(`${EV}/${opened.id}`).set(t.auth(c.planner)).expect(200)).body;
    await api(t).post(`${EV}/${opened.id}/submit`).set(t.auth(c.planner)).send({ version: ev.version }).expect(200);
    return opened.id as string;
  }

  async function download(user: { token: string }, id: string): Promise<ExcelJS.Workbook> {
    const res = await api(t).get(`${EV}/${id}/lke-excel`).set(t.auth(user)).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="LKE-.*-2025-rev1\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    return wb;
  }

  const rowOf = (ws: ExcelJS.Worksheet, criterionId: string): ExcelJS.Row => {
    let found: ExcelJS.Row | undefined;
    ws.eachRow((row) => {
      if (row.getCell(1).value === criterionId) found = row;
    });
    return found!;
  };

  const bytes = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());
  const preview = (user: { token: string }, id: string, file: Buffer) =>
    api(t).post(`${EV}/${id}/lke-excel/preview`).set(t.auth(user)).attach('file', file, 'lke.xlsx');
  const commit = (user: { token: string }, id: string, file: Buffer, token?: string) => {
    const req = api(t).post(`${EV}/${id}/lke-excel/commit`).set(t.auth(user));
    if (token) req.field('previewToken', token);
    return req.attach('file', file, 'lke.xlsx');
  };
  const answersOf = async (user: { token: string }, id: string) =>
    new Map<string, { evaluatorAnswer: string | null; evaluatorNote: string | null; selfAnswer: string | null }>(
      (await api(t).get(`${EV}/${id}/answers`).set(t.auth(user)).expect(200)).body.map((r: { criterionId: string }) => [
        r.criterionId,
        r,
      ]),
    );

  it('round-trips the evaluator stage: template with open columns and answer lists, preview, commit, equal to the API', async () => {
    const c = await cast(t);
    const id = await inEvaluation(c);
    const wb = await download(c.evaluator, id);
    const ws = wb.getWorksheet(LKE_SHEET)!;
    const aCol = answerColumn('evaluator');
    const first = rowOf(ws, '1.a.1');
    expect(first.getCell(answerColumn('self')).value).toBe('B');
    expect(first.getCell(answerColumn('self')).protection?.locked).not.toBe(false);
    expect(first.getCell(aCol).protection?.locked).toBe(false);
    expect(first.getCell(aCol).dataValidation).toEqual(
      expect.objectContaining({ type: 'list', formulae: ['"AA,A,BB,B,CC,C,D,E"'] }),
    );

    // The evaluator answers every criterion 'BB' and notes one, offline.
    for (const k of rs.components.flatMap((x) => x.subComponents).flatMap((s) => s.criteria))
      rowOf(ws, k.id).getCell(aCol).value = 'bb';
    rowOf(ws, '1.a.1').getCell(noteColumn('evaluator')).value = 'Dokumen Renstra lengkap';
    const file = await bytes(wb);

    const before = await answersOf(c.evaluator, id);
    const p = (await preview(c.evaluator, id, file).expect(200)).body;
    expect(p.stage).toBe('evaluator');
    expect(p.changes).toHaveLength(80);
    expect(p.changes[0]).toEqual({
      criterionId: '1.a.1',
      row: first.number,
      answer: { from: null, to: 'BB' },
      note: { from: null, to: 'Dokumen Renstra lengkap' },
    });
    expect(p.after).toEqual({ status: 'COMPLETE', total: '80.00', predicate: 'BB', missing: [] });
    expect(await answersOf(c.evaluator, id)).toEqual(before); // a preview writes nothing

    await commit(c.evaluator, id, file).expect(409); // no token
    const done = (await commit(c.evaluator, id, file, p.previewToken).expect(200)).body;
    expect(done.changed).toBe(80);
    const after = await answersOf(c.evaluator, id);
    expect([...after.values()].every((r) => r.evaluatorAnswer === 'BB' && r.selfAnswer === 'B')).toBe(true);
    expect(after.get('1.a.1')!.evaluatorNote).toBe('Dokumen Renstra lengkap');
    const score = (await api(t).get(`${EV}/${id}/score`).set(t.auth(c.evaluator)).expect(200)).body;
    expect(score.stages.evaluator.totalDisplay).toBe(p.after.total);
    // The same token again: the evaluation moved on → stale.
    await commit(c.evaluator, id, file, p.previewToken).expect(409);
  });

  it('lists every problem by sheet, row and column in Indonesian and writes nothing', async () => {
    const c = await cast(t);
    const id = await inEvaluation(c);
    const wb = await download(c.evaluator, id);
    const ws = wb.getWorksheet(LKE_SHEET)!;
    const aCol = answerColumn('evaluator');
    rowOf(ws, '1.a.1').getCell(aCol).value = 'Z';
    rowOf(ws, '1.a.2').getCell(aCol).value = 90;
    rowOf(ws, '1.a.3').getCell(aCol).value = { formula: 'CONCAT("A","A")', result: 'AA' } as ExcelJS.CellFormulaValue;
    rowOf(ws, '1.a.4').getCell(1).value = '9.z.9';
    const before = await answersOf(c.evaluator, id);
    const res = await preview(c.evaluator, id, await bytes(wb)).expect(422);
    expect(res.body).toEqual(
      expect.objectContaining({ statusCode: 422, code: 'LKE_EXCEL_INVALID', correlationId: expect.any(String) }),
    );
    const where = res.body.errors.map(
      (e: { row: number; column: string; code: string }) => `${e.column}${e.row}:${e.code}`,
    );
    expect(where).toEqual([
      `F${rowOf(ws, '1.a.1').number}:ANSWER_NOT_ON_SCALE`,
      `F${rowOf(ws, '1.a.2').number}:NOT_AN_ANSWER_CODE`,
      `F${rowOf(ws, '1.a.3').number}:FORMULA_IN_CELL`,
      `A${rowOf(ws, '9.z.9').number}:UNKNOWN_CRITERION`,
    ]);
    expect(res.body.errors[0]).toEqual(
      expect.objectContaining({ sheet: 'LKE', message: expect.stringContaining('tidak ada pada skala') }),
    );
    await commit(c.evaluator, id, await bytes(wb), 'x'.repeat(20)).expect(422);
    expect(await answersOf(c.evaluator, id)).toEqual(before);
  });

  it('refuses files that are not its worksheet, and keeps to the caller’s tenant and stage', async () => {
    const c = await cast(t);
    const id = await inEvaluation(c);
    await preview(c.evaluator, id, Buffer.from('%PDF-1.4\n%%EOF\n')).expect(400);
    const other = new ExcelJS.Workbook();
    other.addWorksheet('Lembar1').addRow(['1.a.1', 'A']);
    const wrong = await preview(c.evaluator, id, await bytes(other)).expect(422);
    expect(wrong.body.errors[0].code).toBe('NOT_A_TEMPLATE');
    // A sheet of another evaluation.
    const c2 = await cast(t);
    const id2 = await inEvaluation(c2);
    const foreign = await download(c2.evaluator, id2);
    await preview(c.evaluator, id, await bytes(foreign)).expect(422);
    await preview(c.evaluator, id2, await bytes(foreign)).expect(404); // another region's evaluation
    await api(t).get(`${EV}/${id2}/lke-excel`).set(t.auth(c.head)).expect(404);
    // The planner's stage is over (EVALUATION): their sheet is read-only and an upload is refused.
    const planners = await download(c.planner, id);
    expect(rowOf(planners.getWorksheet(LKE_SHEET)!, '1.a.1').getCell(answerColumn('self')).protection?.locked).not.toBe(
      false,
    );
    await preview(c.planner, id, await bytes(planners)).expect(409);
    await preview(c.head, id, await bytes(planners)).expect(403);
  });
});
