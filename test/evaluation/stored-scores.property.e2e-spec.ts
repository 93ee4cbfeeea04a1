import fc from 'fast-check';
import type { RuleSet } from '../../src/evaluation/domain/rule-set';
import { criteriaOf } from '../../src/evaluation/domain/rule-set';
import { EvaluationStageScore } from '../../src/evaluation/entities/evaluation-stage-score.entity';
import { Evaluation } from '../../src/evaluation/entities/evaluation.entity';
import { compareStored } from '../../src/evaluation/score-verification';
import { createTestApp, type TestApp } from '../utils/test-app';
import { api, cast, type Cast, registryOf, versionOf } from './evaluation-fixtures';

const BASE = '/api/v1/evaluations';
type Stage = 'self' | 'evaluator' | 'qa';
type Row = {
  criterionId: string;
  selfAnswer: string | null;
  evaluatorAnswer: string | null;
  qaAnswer: string | null;
  finalAnswer: string | null;
};

/**
 * Property: whatever batches of answers reach the API, in whatever order and split over the stages, the stored
 * stage scores (TOTAL, every component and sub-component) equal the engine's recomputation from the answers the
 * test itself sent (its own model, not the database's answers).
 */
describe('stored stage scores under random answer batches', () => {
  let t: TestApp;
  let c: Cast;
  let rs: RuleSet;
  let ids: string[];
  let codes: string[];
  beforeAll(async () => {
    t = await createTestApp();
    c = await cast(t);
  });
  afterAll(() => t.close());

  const ROUTE: Record<Stage, string> = { self: 'self-assessment', evaluator: 'answers', qa: 'answers' };
  const who = (stage: Stage) => (stage === 'self' ? c.planner : stage === 'qa' ? c.qa : c.evaluator);
  const FIELD = { self: 'selfAnswer', evaluator: 'evaluatorAnswer', qa: 'qaAnswer' } as const;

  async function check(id: string, model: Map<string, Row>) {
    const ev = await t.db.getRepository(Evaluation).findOneByOrFail({ id });
    const stored = await t.db.getRepository(EvaluationStageScore).findBy({ evaluationId: id });
    expect(compareStored(ev, rs, [...model.values()], stored)).toEqual([]);
  }

  it('always equal the engine on the answers sent', async () => {
    rs = registryOf(t).find('permenpanrb-88-2021', 1)!;
    ids = criteriaOf(rs).map((k) => k.id);
    codes = rs.answerScales.find((s) => s.id === rs.defaultAnswerScale)!.options.map((o) => o.code);
    let year = 2030;
    const batch = () =>
      fc.uniqueArray(
        fc.record({ k: fc.nat({ max: ids.length - 1 }), code: fc.option(fc.nat({ max: 20 }), { freq: 6 }) }),
        {
          minLength: 1,
          maxLength: 40,
          selector: (a) => a.k,
        },
      );
    await fc.assert(
      fc.asyncProperty(
        fc.array(batch(), { maxLength: 3 }),
        fc.array(batch(), { maxLength: 3 }),
        fc.array(batch(), { maxLength: 3 }),
        async (selfBatches, evaluatorBatches, qaBatches) => {
          const opened = await api(t)
            .post(BASE)
            .set(t.auth(c.admin))
            .send({ skpdId: c.skpdId, year: year++ })
            .expect(201);
          const id: string = opened.body.id;
          const model = new Map<string, Row>();
          await check(id, model);
          const plan: [Stage, typeof selfBatches][] = [
            ['self', selfBatches],
            ['evaluator', evaluatorBatches],
            ['qa', qaBatches],
          ];
          for (const [stage, batches] of plan) {
            if (stage !== 'self') {
              const version = await versionOf(t, id);
              await api(t).post(`${BASE}/${id}/advance`).set(t.auth(c.evaluator)).send({ version }).expect(200);
            }
            for (const b of batches) {
              const answers = b.map(({ k, code }) => ({
                criterionId: ids[k],
                answer: code === null ? null : codes[code % codes.length],
              }));
              await api(t)
                .put(`${BASE}/${id}/${ROUTE[stage]}`)
                .set(t.auth(who(stage)))
                .send({ answers, version: await versionOf(t, id) })
                .expect(200);
              for (const a of answers) {
                const row = model.get(a.criterionId) ?? {
                  criterionId: a.criterionId,
                  selfAnswer: null,
                  evaluatorAnswer: null,
                  qaAnswer: null,
                  finalAnswer: null,
                };
                row[FIELD[stage]] = a.answer;
                model.set(a.criterionId, row);
              }
              await check(id, model);
            }
          }
        },
      ),
      { numRuns: 12 },
    );
  }, 600_000);
});
