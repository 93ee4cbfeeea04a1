import ExcelJS from 'exceljs';
import type { Response } from 'superagent';
import type { MadeUser } from '../factories/factories';
import { api, asBody, versionOf, type Cast } from '../evaluation/evaluation-fixtures';
import type { TestApp } from '../utils/test-app';

export const EV = '/api/v1/evaluations';
export const REPORTS = '/api/v1/reports';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Collects a binary response body into a Buffer. */
export const binary = (res: Response, done: (err: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** GET a report as a Buffer (JSON error bodies are still parsed by the test from the buffer). */
export const download = (t: TestApp, path: string, user: MadeUser) =>
  api(t).get(path).set(t.auth(user)).buffer(true).parse(binary);

export async function workbookOf(body: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

export const text = (v: ExcelJS.CellValue): string => (v === null || v === undefined ? '' : String(v));

/** Header name → column number (1-based) of a header row. */
export function columnsOf(ws: ExcelJS.Worksheet, headerRow: number): (name: string) => number {
  const header = (ws.getRow(headerRow).values as ExcelJS.CellValue[]).map(text);
  return (name: string) => {
    const i = header.indexOf(name);
    if (i < 1) throw new Error(`no column "${name}" in ${JSON.stringify(header)}`);
    return i;
  };
}

export interface StageOptions {
  self?: Map<string, string>;
  selfNote?: string;
  evaluatorNote?: string;
  qa?: Map<string, string>;
  qaNote?: string;
}

/** Opens an SKPD evaluation and drives it to FINAL: optional self-assessment, evaluator answers, optional QA answers. */
export async function finalEvaluation(
  t: TestApp,
  c: Cast,
  skpdId: string,
  planner: MadeUser,
  year: number,
  answers: Map<string, string>,
  o: StageOptions = {},
): Promise<string> {
  const opened = (await api(t).post(EV).set(t.auth(c.admin)).send({ skpdId, year }).expect(201)).body;
  let version = opened.version as number;
  if (o.self)
    version = (
      await api(t)
        .put(`${EV}/${opened.id}/self-assessment`)
        .set(t.auth(planner))
        .send({ ...asBody(o.self, o.selfNote), version: await versionOf(t, opened.id) })
        .expect(200)
    ).body.evaluation.version;
  await api(t).post(`${EV}/${opened.id}/submit`).set(t.auth(planner)).send({ version }).expect(200);
  const scored = (
    await api(t)
      .put(`${EV}/${opened.id}/answers`)
      .set(t.auth(c.evaluator))
      .send({ ...asBody(answers, o.evaluatorNote), version: await versionOf(t, opened.id) })
      .expect(200)
  ).body.evaluation;
  let qa = (
    await api(t)
      .post(`${EV}/${opened.id}/advance`)
      .set(t.auth(c.evaluator))
      .send({ version: scored.version })
      .expect(200)
  ).body;
  if (o.qa)
    qa = (
      await api(t)
        .put(`${EV}/${opened.id}/answers`)
        .set(t.auth(c.qa))
        .send({ ...asBody(o.qa, o.qaNote), version: await versionOf(t, opened.id) })
        .expect(200)
    ).body.evaluation;
  const final = (
    await api(t).post(`${EV}/${opened.id}/advance`).set(t.auth(c.qa)).send({ version: qa.version }).expect(200)
  ).body;
  if (final.status !== 'FINAL') throw new Error(`evaluation not FINAL: ${final.status}`);
  return opened.id as string;
}

/** Records the Pemda's official KemenPAN-RB component scores for a year. */
export async function officialPemda(
  t: TestApp,
  c: Cast,
  year: number,
  componentIds: string[],
  scores: string[],
): Promise<void> {
  const pemda = (await api(t).post(EV).set(t.auth(c.admin)).send({ pemda: true, year }).expect(201)).body;
  await api(t)
    .put(`${EV}/${pemda.id}/official-result`)
    .set(t.auth(c.admin))
    .send({
      version: pemda.version,
      components: componentIds.map((componentId, i) => ({ componentId, score: scores[i] })),
    })
    .expect(200);
}

export interface PkItem {
  indicatorId: string;
  annualTarget: string;
  q1Target: string;
  q2Target: string;
  q3Target: string;
  q4Target: string;
}

/** Creates, submits and approves the PK of a year, then enters the realisations of each quarter. */
export async function pkWithRealisations(
  t: TestApp,
  admin: MadeUser,
  planner: MadeUser,
  skpdId: string,
  year: number,
  items: PkItem[],
  values: Record<string, (string | null)[]>,
): Promise<void> {
  const pk = await api(t).post('/api/v1/pk').set(t.auth(planner)).send({ skpdId, year }).expect(201);
  await api(t)
    .put(`/api/v1/pk/${pk.body.id}/indicators`)
    .set(t.auth(planner))
    .send({ version: pk.body.version, items })
    .expect(200);
  await api(t).post(`/api/v1/pk/${pk.body.id}/submit`).set(t.auth(planner)).expect(200);
  await api(t).post(`/api/v1/pk/${pk.body.id}/approve`).set(t.auth(admin)).expect(200);
  for (const q of [1, 2, 3, 4]) {
    const entries = Object.entries(values).filter(([, v]) => v[q - 1] !== null);
    if (entries.length === 0) continue;
    await api(t)
      .put('/api/v1/realisations')
      .set(t.auth(planner))
      .send({ skpdId, year, quarter: q, items: entries.map(([indicatorId, v]) => ({ indicatorId, value: v[q - 1] })) })
      .expect(200);
  }
}
