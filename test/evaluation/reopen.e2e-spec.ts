import type { RuleSet } from '../../src/evaluation/domain/rule-set';
import { api, asBody, cast, type Cast, registryOf, uniform, versionOf } from './evaluation-fixtures';
import { createTestApp, type TestApp } from '../utils/test-app';

const EV = '/api/v1/evaluations';

describe('Reopen: the new revision counts the re-evaluation (issue 16 item 11)', () => {
  let t: TestApp;
  let rs: RuleSet;
  beforeAll(async () => {
    t = await createTestApp();
    rs = registryOf(t).find('permenpanrb-88-2021', 1)!;
  });
  afterAll(() => t.close());

  const putAnswers = async (id: string, user: { token: string }, code: string) =>
    api(t)
      .put(`${EV}/${id}/answers`)
      .set(t.auth(user))
      .send({ ...asBody(uniform(rs, code)), version: await versionOf(t, id) })
      .expect(200);
  const advance = async (id: string, user: { token: string }) =>
    (
      await api(t)
        .post(`${EV}/${id}/advance`)
        .set(t.auth(user))
        .send({ version: await versionOf(t, id) })
        .expect(200)
    ).body;

  /** Revision 1: evaluator B everywhere, QA corrects every criterion to A → FINAL 90.00 (A). */
  async function finalWithQaCorrections(c: Cast): Promise<string> {
    const opened = (await api(t).post(EV).set(t.auth(c.admin)).send({ skpdId: c.skpdId, year: 2025 }).expect(201)).body;
    await api(t).post(`${EV}/${opened.id}/submit`).set(t.auth(c.planner)).send({ version: opened.version }).expect(200);
    await putAnswers(opened.id, c.evaluator, 'B');
    await advance(opened.id, c.evaluator);
    await putAnswers(opened.id, c.qa, 'A');
    const final = await advance(opened.id, c.qa);
    expect(final.final).toMatchObject({ totalDisplay: '90.00', predicate: 'A' });
    return opened.id as string;
  }

  it('reopen → the evaluator re-scores every criterion → QA finalises without changes → the evaluator’s new score', async () => {
    const c = await cast(t);
    const id = await finalWithQaCorrections(c);
    const reopened = (
      await api(t)
        .post(`${EV}/${id}/reopen`)
        .set(t.auth(c.admin))
        .send({ version: await versionOf(t, id), reason: 'Keberatan SKPD atas seluruh komponen diterima' })
        .expect(201)
    ).body;
    expect(reopened.qa).toMatchObject({ total: null, predicate: null });
    // The answer names the SKPD as every other read of the evaluation does.
    const read = (await api(t).get(`${EV}/${reopened.id}`).set(t.auth(c.admin)).expect(200)).body;
    expect(reopened.skpdName).toBe(read.skpdName);
    expect(reopened.skpdName).toEqual(expect.any(String));
    const copied = (await api(t).get(`${EV}/${reopened.id}/answers`).set(t.auth(c.evaluator)).expect(200)).body;
    expect(copied.every((a: { qaAnswer: string | null; qaNote: string | null }) => !a.qaAnswer && !a.qaNote)).toBe(true);

    await putAnswers(reopened.id, c.evaluator, 'BB');
    await advance(reopened.id, c.evaluator);
    const final2 = await advance(reopened.id, c.qa);
    expect(final2).toMatchObject({ revision: 2, status: 'FINAL', final: { totalDisplay: '80.00', predicate: 'BB' } });

    // The old revision keeps its QA answers and its result.
    const old = (await api(t).get(`${EV}/${id}/answers`).set(t.auth(c.evaluator)).expect(200)).body;
    expect(old.every((a: { qaAnswer: string | null }) => a.qaAnswer === 'A')).toBe(true);
    expect((await api(t).get(`${EV}/${id}`).set(t.auth(c.head)).expect(200)).body.final).toMatchObject({
      totalDisplay: '90.00',
      predicate: 'A',
    });
  });
});
