import type { RuleSet } from '../../src/evaluation/domain/rule-set';
import { scoreEvaluation, serializeScore } from '../../src/evaluation/domain/scoring';
import { createTestApp, type TestApp } from '../utils/test-app';
import { api, asBody, versionOf, cast, registryOf, sheet, uniform, WORKED_EXAMPLE } from './evaluation-fixtures';

const BASE = '/api/v1/evaluations';

describe('LKE evaluation workflow (self-assessment → evaluation → QA → final → reopen)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** The snapshot the API stored, parsed: expectations are computed with the domain engine on exactly this. */
  const snapshot = async (user: { token: string }, id: string): Promise<RuleSet> =>
    (await api(t).get(`${BASE}/${id}/rule-set`).set(t.auth(user)).expect(200)).body as RuleSet;

  it('runs a full evaluation with stage rules, exact totals equal to the engine, and a reopen into a new revision', async () => {
    const c = await cast(t);
    const opened = await api(t).post(BASE).set(t.auth(c.admin)).send({ skpdId: c.skpdId, year: 2025 }).expect(201);
    expect(opened.body).toMatchObject({
      status: 'SELF_ASSESSMENT',
      ruleSetCode: 'permenpanrb-88-2021',
      ruleSetVersion: 1,
      revision: 1,
      kind: 'SKPD',
    });
    const id: string = opened.body.id;
    const rs = await snapshot(c.evaluator, id);
    await api(t).post(BASE).set(t.auth(c.evaluator)).send({ skpdId: c.skpdId, year: 2025 }).expect(409);

    // The evaluator may not touch planning data; the planner may not touch evaluator routes or fields.
    const skpdWrite = await api(t)
      .post('/api/v1/skpd')
      .set(t.auth(c.evaluator))
      .send({ code: '9.99.01', name: 'Dinas Baru', shortName: 'DB', kind: 'DINAS' });
    expect([skpdWrite.status, skpdWrite.body.code]).toEqual([403, 'PERMISSION_DENIED']);
    const plannerOnEvaluatorRoute = await api(t)
      .put(`${BASE}/${id}/answers`)
      .set(t.auth(c.planner))
      .send({ ...asBody(new Map([['1.a.1', 'AA']])), version: await versionOf(t, id) });
    expect([plannerOnEvaluatorRoute.status, plannerOnEvaluatorRoute.body.code]).toEqual([403, 'PERMISSION_DENIED']);
    await api(t)
      .put(`${BASE}/${id}/self-assessment`)
      .set(t.auth(c.planner))
      .send({
        version: await versionOf(t, id),
        answers: [{ criterionId: '1.a.1', answer: 'AA', evaluatorAnswer: 'E' }],
      })
      .expect(400);
    await api(t).post(`${BASE}/${id}/advance`).set(t.auth(c.planner)).send({ version: 1 }).expect(403);
    // Evaluator answers do not open before EVALUATION.
    const early = await api(t)
      .put(`${BASE}/${id}/answers`)
      .set(t.auth(c.evaluator))
      .send({ ...asBody(new Map([['1.a.1', 'AA']])), version: await versionOf(t, id) });
    expect([early.status, early.body.code]).toEqual([409, 'WRONG_STAGE']);

    // Invalid codes and unknown criteria: 422 naming each field, nothing stored.
    const bad = await api(t)
      .put(`${BASE}/${id}/self-assessment`)
      .set(t.auth(c.planner))
      .send({
        ...asBody(
          new Map([
            ['1.a.1', 'ZZ'],
            ['9.z.9', 'A'],
            ['1.a.2', 'A'],
          ]),
        ),
        version: await versionOf(t, id),
      })
      .expect(422);
    expect(bad.body.code).toBe('INVALID_ANSWER');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['1.a.1', '9.z.9']);

    // Self-assessment: everything A, with a note; the stage total is stored and equals the engine's.
    const self = uniform(rs, 'A');
    const saved = await api(t)
      .put(`${BASE}/${id}/self-assessment`)
      .set(t.auth(c.planner))
      .send({ ...asBody(self, 'sudah ada'), version: await versionOf(t, id) })
      .expect(200);
    expect(saved.body).toMatchObject({ stage: 'self', status: 'COMPLETE', missing: [] });
    expect(saved.body.evaluation.self).toMatchObject({ totalDisplay: '90.00', predicate: 'A' });
    const submitted = await api(t)
      .post(`${BASE}/${id}/submit`)
      .set(t.auth(c.planner))
      .send({ version: saved.body.evaluation.version })
      .expect(200);
    expect(submitted.body.status).toBe('EVALUATION');
    const late = await api(t)
      .put(`${BASE}/${id}/self-assessment`)
      .set(t.auth(c.planner))
      .send({ ...asBody(new Map([['1.a.1', 'AA']])), version: await versionOf(t, id) });
    expect([late.status, late.body.code]).toEqual([409, 'WRONG_STAGE']);

    // Evaluator scores the worked example of the domain reference in two batches.
    const evaluatorAnswers = sheet(rs, WORKED_EXAMPLE);
    const entries = [...evaluatorAnswers];
    await api(t)
      .put(`${BASE}/${id}/answers`)
      .set(t.auth(c.evaluator))
      .send({ ...asBody(new Map(entries.slice(0, 40))), version: await versionOf(t, id) })
      .expect(200);
    const partial = await api(t).get(`${BASE}/${id}/score`).set(t.auth(c.evaluator)).expect(200);
    expect(partial.body.stages.evaluator.status).toBe('INCOMPLETE');
    expect(partial.body.stages.evaluator.missing).toEqual(entries.slice(40).map(([k]) => k));
    const full = await api(t)
      .put(`${BASE}/${id}/answers`)
      .set(t.auth(c.evaluator))
      .send({ ...asBody(new Map(entries.slice(40)), 'catatan evaluator'), version: await versionOf(t, id) })
      .expect(200);
    const expectedEvaluator = scoreEvaluation(rs, evaluatorAnswers);
    expect(full.body.evaluation.evaluator).toEqual({
      total: expectedEvaluator.totalExact!.toFixedHalfUp(4),
      totalExact: expectedEvaluator.totalExact!.toString(),
      totalDisplay: '72.19',
      predicate: 'BB',
    });
    expect(expectedEvaluator.totalExact!.toString()).toBe('1333993/18480');

    // QA review: a plain evaluator can neither answer nor finalise; the QA evaluator adjusts two criteria.
    let ev = (
      await api(t)
        .post(`${BASE}/${id}/advance`)
        .set(t.auth(c.evaluator))
        .send({ version: full.body.evaluation.version })
        .expect(200)
    ).body;
    expect(ev.status).toBe('QA_REVIEW');
    const notQa = await api(t)
      .put(`${BASE}/${id}/answers`)
      .set(t.auth(c.evaluator))
      .send({ ...asBody(new Map([['1.a.1', 'B']])), version: await versionOf(t, id) });
    expect([notQa.status, notQa.body.code]).toEqual([403, 'FORBIDDEN']);
    await api(t).post(`${BASE}/${id}/advance`).set(t.auth(c.evaluator)).send({ version: ev.version }).expect(403);
    const qaAnswers = new Map([
      ['1.b.2', 'A'],
      ['4.c.2', 'B'],
    ]);
    ev = (
      await api(t)
        .put(`${BASE}/${id}/answers`)
        .set(t.auth(c.qa))
        .send({ ...asBody(qaAnswers, 'dikoreksi QA'), version: await versionOf(t, id) })
        .expect(200)
    ).body.evaluation;
    await api(t)
      .post(`${BASE}/${id}/advance`)
      .set(t.auth(c.qa))
      .send({ version: ev.version - 1 })
      .expect(409);
    const final = await api(t)
      .post(`${BASE}/${id}/advance`)
      .set(t.auth(c.qa))
      .send({ version: ev.version })
      .expect(200);
    expect(final.body.status).toBe('FINAL');

    // Final = QA answer where given, else evaluator's; the API's totals equal the engine on the same answers.
    const finalAnswers = new Map([...evaluatorAnswers, ...qaAnswers]);
    const expectedFinal = scoreEvaluation(rs, finalAnswers);
    const score = (await api(t).get(`${BASE}/${id}/score`).set(t.auth(c.head)).expect(200)).body;
    expect(score.stages.final).toEqual(JSON.parse(JSON.stringify(serializeScore(expectedFinal))));
    expect(score.stages.evaluator).toEqual(JSON.parse(JSON.stringify(serializeScore(expectedEvaluator))));
    expect(score.stages.self).toEqual(JSON.parse(JSON.stringify(serializeScore(scoreEvaluation(rs, self)))));
    expect(score.stages.qa.status).toBe('INCOMPLETE');
    expect(final.body.final).toEqual({
      total: expectedFinal.totalExact!.toFixedHalfUp(4),
      totalExact: expectedFinal.totalExact!.toString(),
      totalDisplay: expectedFinal.totalDisplay,
      predicate: expectedFinal.predicate,
    });
    const answers = (await api(t).get(`${BASE}/${id}/answers`).set(t.auth(c.planner)).expect(200)).body;
    expect(answers).toHaveLength(80);
    expect(answers.find((a: { criterionId: string }) => a.criterionId === '1.b.2')).toMatchObject({
      selfAnswer: 'A',
      selfNote: 'sudah ada',
      evaluatorAnswer: 'BB',
      qaAnswer: 'A',
      qaNote: 'dikoreksi QA',
      finalAnswer: 'A',
    });
    const listed = (await api(t).get(`${BASE}?year=2025`).set(t.auth(c.head)).expect(200)).body;
    expect(listed.items).toEqual([
      expect.objectContaining({
        id,
        status: 'FINAL',
        final: final.body.final,
        self: expect.objectContaining({ predicate: 'A' }),
      }),
    ]);

    // FINAL is immutable.
    for (const [path, user] of [
      ['answers', c.qa],
      ['self-assessment', c.planner],
    ] as const) {
      const res = await api(t)
        .put(`${BASE}/${id}/${path}`)
        .set(t.auth(user))
        .send({ ...asBody(new Map([['1.a.1', 'E']])), version: await versionOf(t, id) });
      expect([path, res.status, res.body.code]).toEqual([path, 409, 'LOCKED']);
    }
    await api(t).post(`${BASE}/${id}/advance`).set(t.auth(c.qa)).send({ version: final.body.version }).expect(409);

    // Only a region admin reopens, and only with a reason.
    await api(t)
      .post(`${BASE}/${id}/reopen`)
      .set(t.auth(c.evaluator))
      .send({ version: final.body.version, reason: 'Keberatan SKPD diterima' })
      .expect(403);
    await api(t).post(`${BASE}/${id}/reopen`).set(t.auth(c.admin)).send({ version: final.body.version }).expect(400);
    const reopened = await api(t)
      .post(`${BASE}/${id}/reopen`)
      .set(t.auth(c.admin))
      .send({ version: final.body.version, reason: 'Keberatan SKPD atas komponen 4 diterima' })
      .expect(201);
    expect(reopened.body).toMatchObject({
      status: 'EVALUATION',
      revision: 2,
      previousId: id,
      reopenReason: 'Keberatan SKPD atas komponen 4 diterima',
      final: { total: null, predicate: null },
    });
    expect(reopened.body.evaluator).toEqual(full.body.evaluation.evaluator);

    // The old revision stays readable, superseded, with its final result; it takes no writes.
    const old = (await api(t).get(`${BASE}/${id}`).set(t.auth(c.planner)).expect(200)).body;
    expect(old).toMatchObject({ status: 'FINAL', revision: 1, final: final.body.final });
    expect(old.supersededAt).not.toBeNull();
    const oldWrite = await api(t)
      .post(`${BASE}/${id}/reopen`)
      .set(t.auth(c.admin))
      .send({ version: old.version, reason: 'sekali lagi dibuka' });
    expect([oldWrite.status, oldWrite.body.code]).toEqual([409, 'LOCKED']);
    const versions = (await api(t).get(`${BASE}/${reopened.body.id}/versions`).set(t.auth(c.head)).expect(200)).body;
    expect(versions.map((v: { revision: number; status: string }) => [v.revision, v.status])).toEqual([
      [1, 'FINAL'],
      [2, 'EVALUATION'],
    ]);
    const copied = (await api(t).get(`${BASE}/${reopened.body.id}/answers`).set(t.auth(c.evaluator)).expect(200)).body;
    expect(copied.find((a: { criterionId: string }) => a.criterionId === '1.b.2')).toMatchObject({
      selfAnswer: 'A',
      evaluatorAnswer: 'BB',
      qaAnswer: null, // the QA stage starts empty (issue 16 item 11)
      finalAnswer: null,
    });
    // The list shows the current revision only (unless asked for superseded ones).
    expect(
      (await api(t).get(`${BASE}?year=2025`).set(t.auth(c.head)).expect(200)).body.items.map(
        (e: { id: string }) => e.id,
      ),
    ).toEqual([reopened.body.id]);
    expect(
      (await api(t).get(`${BASE}?year=2025&includeSuperseded=true`).set(t.auth(c.head)).expect(200)).body.total,
    ).toBe(2);

    // The new revision goes through evaluation and QA again.
    const adjust = await api(t)
      .put(`${BASE}/${reopened.body.id}/answers`)
      .set(t.auth(c.evaluator))
      .send({ ...asBody(new Map([['4.c.1', 'BB']])), version: await versionOf(t, reopened.body.id) })
      .expect(200);
    const qaStage = await api(t)
      .post(`${BASE}/${reopened.body.id}/advance`)
      .set(t.auth(c.evaluator))
      .send({ version: adjust.body.evaluation.version })
      .expect(200);
    const final2 = await api(t)
      .post(`${BASE}/${reopened.body.id}/advance`)
      .set(t.auth(c.qa))
      .send({ version: qaStage.body.version })
      .expect(200);
    const expected2 = scoreEvaluation(rs, new Map([...evaluatorAnswers, ['4.c.1', 'BB']]));
    expect(final2.body.final).toMatchObject({
      totalExact: expected2.totalExact!.toString(),
      predicate: expected2.predicate,
    });
    // A FINAL revision's breakdown is served again unchanged (it is kept in memory: FINAL rows never change), and the
    // new revision's follows its own answers.
    const oldScore = (await api(t).get(`${BASE}/${id}/score`).set(t.auth(c.head)).expect(200)).body;
    expect(oldScore.stages.final.totalExact).toBe(final.body.final.totalExact);
    const newScore = (await api(t).get(`${BASE}/${reopened.body.id}/score`).set(t.auth(c.head)).expect(200)).body;
    expect(newScore.stages.final.totalExact).toBe(expected2.totalExact!.toString());
    expect(newScore.stages.final.totalExact).not.toBe(oldScore.stages.final.totalExact);

    // Audited.
    const audit = (await api(t).get(`/api/v1/audit-log?entityId=${id}&pageSize=100`).set(t.auth(c.admin)).expect(200))
      .body.items;
    expect(audit.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining([
        'OPEN',
        'ANSWER_SELF',
        'ANSWER_EVALUATOR',
        'ANSWER_QA',
        'ADVANCE',
        'FINALIZE',
        'SUPERSEDE',
      ]),
    );
  });

  it('reports INCOMPLETE with the missing criteria and refuses to finalise an incomplete sheet', async () => {
    const c = await cast(t);
    const id = (await api(t).post(BASE).set(t.auth(c.evaluator)).send({ skpdId: c.skpdId, year: 2025 }).expect(201))
      .body.id;
    const rs = await snapshot(c.evaluator, id);
    await api(t).post(`${BASE}/${id}/advance`).set(t.auth(c.evaluator)).send({ version: 1 }).expect(200);
    const answers = uniform(rs, 'BB');
    answers.delete('2.c.10');
    answers.delete('3.b.4');
    const saved = await api(t)
      .put(`${BASE}/${id}/answers`)
      .set(t.auth(c.evaluator))
      .send({ ...asBody(answers), version: await versionOf(t, id) })
      .expect(200);
    expect(saved.body).toMatchObject({ status: 'INCOMPLETE', missing: ['2.c.10', '3.b.4'] });
    expect(saved.body.evaluation.evaluator).toEqual({
      total: null,
      totalExact: null,
      totalDisplay: null,
      predicate: null,
    });
    const score = (await api(t).get(`${BASE}/${id}/score`).set(t.auth(c.evaluator)).expect(200)).body;
    expect(score.stages.evaluator).toMatchObject({
      status: 'INCOMPLETE',
      missing: ['2.c.10', '3.b.4'],
      total: null,
      predicate: null,
    });
    const ev = (
      await api(t)
        .post(`${BASE}/${id}/advance`)
        .set(t.auth(c.evaluator))
        .send({ version: saved.body.evaluation.version })
        .expect(200)
    ).body;
    const refused = await api(t)
      .post(`${BASE}/${id}/advance`)
      .set(t.auth(c.qa))
      .send({ version: ev.version })
      .expect(422);
    expect(refused.body.code).toBe('EVALUATION_INCOMPLETE');
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['2.c.10', '3.b.4']);
    // QA fills the gaps; a cleared answer (null) counts as missing again.
    const qa = await api(t)
      .put(`${BASE}/${id}/answers`)
      .set(t.auth(c.qa))
      .send({
        ...asBody(
          new Map([
            ['2.c.10', 'B'],
            ['3.b.4', 'B'],
          ]),
        ),
        version: await versionOf(t, id),
      })
      .expect(200);
    const done = await api(t)
      .post(`${BASE}/${id}/advance`)
      .set(t.auth(c.qa))
      .send({ version: qa.body.evaluation.version })
      .expect(200);
    expect(done.body.final.predicate).toBe(
      scoreEvaluation(rs, new Map([...answers, ['2.c.10', 'B'], ['3.b.4', 'B']])).predicate,
    );
  });

  it('blocks FINAL on an ERROR consistency violation and shows WARNING ones without blocking', async () => {
    const c = await cast(t);
    const id = (await api(t).post(BASE).set(t.auth(c.admin)).send({ skpdId: c.skpdId, year: 2024 }).expect(201)).body
      .id;
    const rs = await snapshot(c.admin, id);
    const v1 = (await api(t).post(`${BASE}/${id}/advance`).set(t.auth(c.evaluator)).send({ version: 1 }).expect(200))
      .body.version;
    const answers = uniform(rs, 'B');
    answers.set('1.a.5', 'C').set('1.c.4', 'A'); // KL-03 (ERROR): 1.c.4 may not score above 1.a.5
    answers.set('1.b.1', 'BB'); // KL-01 (WARNING): 1.b.1 above 1.a.3
    const saved = await api(t)
      .put(`${BASE}/${id}/answers`)
      .set(t.auth(c.evaluator))
      .send({ ...asBody(answers), version: await versionOf(t, id) })
      .expect(200);
    expect(saved.body.violations.map((v: { ruleId: string; severity: string }) => [v.ruleId, v.severity])).toEqual([
      ['KL-01', 'WARNING'],
      ['KL-03', 'ERROR'],
    ]);
    expect(v1).toBeLessThan(saved.body.evaluation.version);
    const qaStage = (
      await api(t)
        .post(`${BASE}/${id}/advance`)
        .set(t.auth(c.evaluator))
        .send({ version: saved.body.evaluation.version })
        .expect(200)
    ).body;
    const blocked = await api(t)
      .post(`${BASE}/${id}/advance`)
      .set(t.auth(c.qa))
      .send({ version: qaStage.version })
      .expect(422);
    expect(blocked.body.code).toBe('CONSISTENCY_VIOLATION');
    expect(blocked.body.errors).toEqual([
      expect.objectContaining({ field: '1.c.4', ruleId: 'KL-03', referenceId: '1.a.5' }),
    ]);
    expect((await api(t).get(`${BASE}/${id}`).set(t.auth(c.qa)).expect(200)).body.status).toBe('QA_REVIEW');
    const fixed = await api(t)
      .put(`${BASE}/${id}/answers`)
      .set(t.auth(c.qa))
      .send({ ...asBody(new Map([['1.c.4', 'C']])), version: await versionOf(t, id) })
      .expect(200);
    expect(fixed.body.violations.map((v: { ruleId: string }) => v.ruleId)).toEqual(['KL-01']);
    const final = await api(t)
      .post(`${BASE}/${id}/advance`)
      .set(t.auth(c.qa))
      .send({ version: fixed.body.evaluation.version })
      .expect(200);
    const expected = scoreEvaluation(rs, new Map([...answers, ['1.c.4', 'C']]));
    expect(final.body.final).toMatchObject({
      totalExact: expected.totalExact!.toString(),
      predicate: expected.predicate,
    });
    const score = (await api(t).get(`${BASE}/${id}/score`).set(t.auth(c.admin)).expect(200)).body;
    expect(score.stages.final.violations).toEqual([expect.objectContaining({ ruleId: 'KL-01', severity: 'WARNING' })]);
  });

  it('answers 404 to another region and to a planner of another SKPD, and changes nothing', async () => {
    const c = await cast(t);
    const id = (await api(t).post(BASE).set(t.auth(c.admin)).send({ skpdId: c.skpdId, year: 2025 }).expect(201)).body
      .id;
    const other = await cast(t);
    const otherPlanner = await t.make.user({ role: 'PLANNER', regionId: c.regionId });
    const calls: [string, 'get' | 'put' | 'post', string, object | undefined][] = [
      ['evaluator', 'get', '', undefined],
      ['evaluator', 'get', '/score', undefined],
      ['evaluator', 'get', '/answers', undefined],
      ['evaluator', 'post', '/advance', { version: 1 }],
      ['evaluator', 'post', '/recommendations', { text: 'Agar memperbaiki dokumen.' }],
      ['planner', 'put', '/self-assessment', { ...asBody(new Map([['1.a.1', 'A']])), version: 1 }],
      ['planner', 'post', '/submit', { version: 1 }],
      ['admin', 'post', '/reopen', { version: 1, reason: 'alasan yang cukup panjang' }],
    ];
    for (const [who, method, path, body] of calls) {
      const user = who === 'planner' ? other.planner : who === 'admin' ? other.admin : other.evaluator;
      const res = await api(t)[method](`${BASE}/${id}${path}`).set(t.auth(user)).send(body);
      expect([who, path, res.status]).toEqual([who, path, 404]);
    }
    for (const [method, path, body] of [
      ['get', '', undefined],
      ['put', '/self-assessment', { ...asBody(new Map([['1.a.1', 'A']])), version: 1 }],
    ] as const) {
      const res = await api(t)[method](`${BASE}/${id}${path}`).set(t.auth(otherPlanner)).send(body);
      expect([path, res.status]).toEqual([path, 404]);
    }
    await api(t).post(BASE).set(t.auth(other.admin)).send({ skpdId: c.skpdId, year: 2026 }).expect(404);
    expect((await api(t).get(`${BASE}?year=2025`).set(t.auth(other.head)).expect(200)).body.total).toBe(0);
    expect((await api(t).get(`${BASE}?year=2025`).set(t.auth(otherPlanner)).expect(200)).body.total).toBe(0);
    const ev = (await api(t).get(`${BASE}/${id}`).set(t.auth(c.head)).expect(200)).body;
    expect(ev).toMatchObject({ status: 'SELF_ASSESSMENT', version: 1, self: { total: null } });
  });

  it('keeps the rule-set snapshot an evaluation was opened with when the registry changes later', async () => {
    const c = await cast(t);
    const id = (await api(t).post(BASE).set(t.auth(c.admin)).send({ skpdId: c.skpdId, year: 2025 }).expect(201)).body
      .id;
    const before = await snapshot(c.admin, id);
    const registry = registryOf(t);
    const original = { list: registry.list, find: registry.find, get: registry.get, latest: registry.latest };
    // An "edited template": different weights inside component 1 and another criterion text.
    const edited = structuredClone(before) as unknown as {
      components: { subComponents: { weight: string; criteria: { text: string }[] }[] }[];
    };
    edited.components[0].subComponents[0].weight = '9';
    edited.components[0].subComponents[1].weight = '6';
    edited.components[0].subComponents[0].criteria[0].text = 'Teks kriteria yang diubah';
    const editedRs = edited as unknown as RuleSet;
    Object.assign(registry, {
      list: () => [editedRs],
      find: () => editedRs,
      get: () => editedRs,
      latest: () => editedRs,
    });
    try {
      const later = (await api(t).post(BASE).set(t.auth(c.admin)).send({ pemda: true, year: 2025 }).expect(201)).body
        .id;
      expect((await snapshot(c.admin, later)).components[0].subComponents[0].weight).toBe('9'); // the edit is live
      expect(await snapshot(c.admin, id)).toEqual(before);
      const answers = uniform(before, 'B');
      answers.set('1.a.1', 'AA');
      let ev = (await api(t).post(`${BASE}/${id}/advance`).set(t.auth(c.evaluator)).send({ version: 1 }).expect(200))
        .body;
      ev = (
        await api(t)
          .put(`${BASE}/${id}/answers`)
          .set(t.auth(c.evaluator))
          .send({ ...asBody(answers), version: await versionOf(t, id) })
          .expect(200)
      ).body.evaluation;
      expect(ev.evaluator.totalExact).toBe(scoreEvaluation(before, answers).totalExact!.toString());
      expect(ev.evaluator.totalExact).not.toBe(scoreEvaluation(editedRs, answers).totalExact!.toString());
    } finally {
      Object.assign(registry, original);
    }
  });
});
