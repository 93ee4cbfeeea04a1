import ExcelJS from 'exceljs';
import type { Response } from 'superagent';
import { answerColumn, LKE_SHEET, noteColumn } from '../../src/evaluation/domain/lke-excel';
import type { RuleSet } from '../../src/evaluation/domain/rule-set';
import { api, asBody, cast, type Cast, registryOf, uniform, versionOf } from './evaluation-fixtures';
import { createTestCluster, type TestApp, type TestCluster } from '../utils/test-app';

const EV = '/api/v1/evaluations';
/** Replicas on one MariaDB database; one instance on SQLite. */
const INSTANCES = process.env.TEST_DB === 'mysql' ? 3 : 1;
const CODES = ['AA', 'A', 'BB', 'B', 'CC', 'C', 'D', 'E'];

const binary = (res: Response, done: (err: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('LKE answers: optimistic concurrency across instances (issue 16 items 14, 15)', () => {
  let cluster: TestCluster;
  let t: TestApp;
  let rs: RuleSet;
  beforeAll(async () => {
    cluster = await createTestCluster(INSTANCES);
    t = cluster.apps[0];
    rs = registryOf(t).find('permenpanrb-88-2021', 1)!;
  });
  afterAll(() => cluster.close());

  const instance = (i: number) => cluster.apps[i % cluster.apps.length];

  async function inEvaluation(c: Cast): Promise<string> {
    const opened = (await api(t).post(EV).set(t.auth(c.admin)).send({ skpdId: c.skpdId, year: 2025 }).expect(201)).body;
    await api(t)
      .post(`${EV}/${opened.id}/submit`)
      .set(t.auth(c.planner))
      .send({ version: opened.version })
      .expect(200);
    return opened.id as string;
  }

  const evaluatorAnswers = async (id: string, user: { token: string }) =>
    new Map<string, { evaluatorAnswer: string | null; evaluatorNote: string | null }>(
      (await api(t).get(`${EV}/${id}/answers`).set(t.auth(user)).expect(200)).body.map((r: { criterionId: string }) => [
        r.criterionId,
        r,
      ]),
    );

  it('of concurrent writers holding the same version exactly one succeeds; the others get 409 and write nothing', async () => {
    const c = await cast(t);
    const id = await inEvaluation(c);
    const version = await versionOf(t, id);
    const results = await Promise.all(
      CODES.map((code, i) =>
        api(instance(i))
          .put(`${EV}/${id}/answers`)
          .set(t.auth(c.evaluator))
          .send({ ...asBody(uniform(rs, code), `penulis ${code}`), version }),
      ),
    );
    const winners = results.flatMap((r, i) => (r.status === 200 ? [CODES[i]] : []));
    expect(winners).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 200))
      expect([r.status, r.body.code]).toEqual([409, 'STALE_VERSION']);
    const stored = await evaluatorAnswers(id, c.evaluator);
    expect(stored.size).toBe(80);
    for (const row of stored.values())
      expect(row).toMatchObject({ evaluatorAnswer: winners[0], evaluatorNote: `penulis ${winners[0]}` });
    expect(await versionOf(t, id)).toBe(version + 1);
  });

  it('moves the version on every answer write, also when the total stays, and refuses a stale one', async () => {
    const c = await cast(t);
    const id = await inEvaluation(c);
    const v1 = await versionOf(t, id);
    const first = await api(t)
      .put(`${EV}/${id}/answers`)
      .set(t.auth(c.evaluator))
      .send({ ...asBody(uniform(rs, 'BB')), version: v1 })
      .expect(200);
    expect(first.body.evaluation.version).toBe(v1 + 1);
    // A note only: the total is unchanged, the version still moves.
    const noted = await api(instance(1))
      .put(`${EV}/${id}/answers`)
      .set(t.auth(c.evaluator))
      .send({ version: v1 + 1, answers: [{ criterionId: '1.a.1', note: 'dokumen lengkap' }] })
      .expect(200);
    expect(noted.body.evaluation.version).toBe(v1 + 2);
    const stale = await api(instance(2))
      .put(`${EV}/${id}/answers`)
      .set(t.auth(c.evaluator))
      .send({ version: v1 + 1, answers: [{ criterionId: '1.a.1', answer: 'E', note: 'terlambat' }] })
      .expect(409);
    expect(stale.body).toMatchObject({ statusCode: 409, code: 'STALE_VERSION', correlationId: expect.any(String) });
    expect((await evaluatorAnswers(id, c.evaluator)).get('1.a.1')).toMatchObject({
      evaluatorAnswer: 'BB',
      evaluatorNote: 'dokumen lengkap',
    });
    const missing = await api(t)
      .put(`${EV}/${id}/answers`)
      .set(t.auth(c.evaluator))
      .send(asBody(new Map([['1.a.1', 'A']])))
      .expect(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toContain('version');
  });

  it('download → preview → an API answer write → commit of the previewed file: 409 PREVIEW_STALE, nothing written', async () => {
    const c = await cast(t);
    const id = await inEvaluation(c);
    await api(t)
      .put(`${EV}/${id}/answers`)
      .set(t.auth(c.evaluator))
      .send({ ...asBody(uniform(rs, 'BB')), version: await versionOf(t, id) })
      .expect(200);

    const downloaded = await api(instance(0))
      .get(`${EV}/${id}/lke-excel`)
      .set(t.auth(c.evaluator))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(downloaded.body as ArrayBuffer);
    const ws = wb.getWorksheet(LKE_SHEET)!;
    ws.eachRow((row) => {
      if (row.getCell(1).value === '1.a.1') row.getCell(noteColumn('evaluator')).value = 'catatan dari Excel';
      if (row.getCell(1).value === '1.a.2') row.getCell(answerColumn('evaluator')).value = 'BB';
    });
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const preview = await api(instance(1))
      .post(`${EV}/${id}/lke-excel/preview`)
      .set(t.auth(c.evaluator))
      .attach('file', file, 'lke.xlsx')
      .expect(200);

    // Meanwhile, through the API: a note and two answers that leave the total unchanged.
    await api(instance(2))
      .put(`${EV}/${id}/answers`)
      .set(t.auth(c.evaluator))
      .send({
        version: await versionOf(t, id),
        answers: [
          { criterionId: '1.a.1', answer: 'A', note: 'catatan dari API' },
          { criterionId: '1.a.2', answer: 'B' },
        ],
      })
      .expect(200);
    const before = await evaluatorAnswers(id, c.evaluator);

    const commit = await api(instance(0))
      .post(`${EV}/${id}/lke-excel/commit`)
      .set(t.auth(c.evaluator))
      .field('previewToken', preview.body.previewToken)
      .attach('file', file, 'lke.xlsx');
    expect([commit.status, commit.body.code]).toEqual([409, 'PREVIEW_STALE']);
    expect(await evaluatorAnswers(id, c.evaluator)).toEqual(before);
    expect(before.get('1.a.1')).toMatchObject({ evaluatorAnswer: 'A', evaluatorNote: 'catatan dari API' });
    expect(before.get('1.a.2')!.evaluatorAnswer).toBe('B');
  });
});
