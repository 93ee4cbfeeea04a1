import type { RuleSet } from '../../src/evaluation/domain/rule-set';
import { api, asBody, cast, registryOf, uniform, versionOf } from '../evaluation/evaluation-fixtures';
import { createTestApp, type TestApp } from '../utils/test-app';

const EV = '/api/v1/evaluations';

/** Issue 16 item 10: the roadmap's plan can be finalised (no ERROR consistency violation left). */
describe('Roadmap respects the ERROR consistency rules', () => {
  let t: TestApp;
  let rs: RuleSet;
  beforeAll(async () => {
    t = await createTestApp();
    rs = registryOf(t).find('permenpanrb-88-2021', 1)!;
  });
  afterAll(() => t.close());

  it('clears KL-03 and says so; following the plan, QA finalises at the promised predicate', async () => {
    const c = await cast(t);
    const opened = (await api(t).post(EV).set(t.auth(c.admin)).send({ skpdId: c.skpdId, year: 2025 }).expect(201)).body;
    const id = opened.id as string;
    await api(t).post(`${EV}/${id}/submit`).set(t.auth(c.planner)).send({ version: opened.version }).expect(200);
    // All B, 1.c.4 at A above 1.a.5 at B: KL-03 (ERROR) blocks finalisation today.
    const answers = new Map([...uniform(rs, 'B'), ['1.c.4', 'A']]);
    await api(t)
      .put(`${EV}/${id}/answers`)
      .set(t.auth(c.evaluator))
      .send({ ...asBody(answers), version: await versionOf(t, id) })
      .expect(200);

    const roadmap = (await api(t).get(`/api/v1/progress/evaluations/${id}/roadmap`).set(t.auth(c.head)).expect(200))
      .body;
    expect(roadmap.violationsCleared.map((v: { ruleId: string }) => v.ruleId)).toEqual(['KL-03']);
    expect(roadmap.violationsAfter.filter((v: { severity: string }) => v.severity === 'ERROR')).toEqual([]);

    // The evaluator follows the plan; QA finalises without changes.
    const target = new Map<string, string>();
    for (const s of roadmap.steps as { criterionId: string; to: string }[]) target.set(s.criterionId, s.to);
    await api(t)
      .put(`${EV}/${id}/answers`)
      .set(t.auth(c.evaluator))
      .send({ ...asBody(target), version: await versionOf(t, id) })
      .expect(200);
    await api(t)
      .post(`${EV}/${id}/advance`)
      .set(t.auth(c.evaluator))
      .send({ version: await versionOf(t, id) })
      .expect(200);
    const final = await api(t)
      .post(`${EV}/${id}/advance`)
      .set(t.auth(c.qa))
      .send({ version: await versionOf(t, id) });
    expect([final.status, final.body.final?.predicate]).toEqual([200, roadmap.predicateAfter]);
    expect(final.body.final.totalDisplay).toBe(roadmap.totalAfter);
  });
});
