import request from 'supertest';
import { LKE_RULE_SETS, type RuleSetRegistry } from '../../src/evaluation/lke-rule-sets';
import type { RuleSet } from '../../src/evaluation/domain/rule-set';
import { Evaluation } from '../../src/evaluation/entities/evaluation.entity';
import { criteriaOf } from '../../src/evaluation/domain/rule-set';
import type { MadeUser } from '../factories/factories';
import type { TestApp } from '../utils/test-app';

/** Domain reference §6.5: the worked example's answers per sub-component (88/2021, CRITERION_MEAN) → 72.19, BB. */
export const WORKED_EXAMPLE: Record<string, string> = {
  '1.a': 'AA AA A A BB B',
  '1.b': 'A BB BB B BB B BB A B BB B',
  '1.c': 'BB B B BB B CC B B',
  '2.a': 'A BB BB',
  '2.b': 'BB B B BB B CC BB',
  '2.c': 'B CC CC B B CC B CC B B',
  '3.a': 'AA A A BB BB BB',
  '3.b': 'BB B BB B CC CC BB B B',
  '3.c': 'B CC B CC CC B CC',
  '4.a': 'A A BB',
  '4.b': 'B B BB CC B',
  '4.c': 'CC C CC B CC',
};

/** Criterion id → answer for the whole 88/2021 worksheet, from per-sub-component answer lists. */
export function sheet(ruleSet: RuleSet, bySub: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of ruleSet.components)
    for (const s of c.subComponents) {
      const codes = bySub[s.id].split(' ');
      if (codes.length !== s.criteria.length)
        throw new Error(`${s.id}: ${codes.length} answers for ${s.criteria.length} criteria`);
      s.criteria.forEach((k, i) => out.set(k.id, codes[i]));
    }
  return out;
}

/** Every criterion answered with the same code. */
export const uniform = (ruleSet: RuleSet, code: string): Map<string, string> =>
  new Map(criteriaOf(ruleSet).map((k) => [k.id, code]));

export const asBody = (answers: Map<string, string | null>, note?: string) => ({
  answers: [...answers].map(([criterionId, answer]) => ({ criterionId, answer, ...(note ? { note } : {}) })),
});

/** The evaluation's current version as stored (what a client that just read it sends with an answer write). */
export async function versionOf(t: TestApp, id: string): Promise<number> {
  return (await t.db.getRepository(Evaluation).findOneBy({ id }))?.version ?? 1;
}

export const registryOf = (t: TestApp): RuleSetRegistry => t.app.get<RuleSetRegistry>(LKE_RULE_SETS);

export interface Cast {
  regionId: string;
  skpdId: string;
  admin: MadeUser;
  planner: MadeUser;
  evaluator: MadeUser;
  qa: MadeUser;
  head: MadeUser;
}

/** A region with an SKPD, its planner, an admin, an evaluator, a QA evaluator and a head. */
export async function cast(t: TestApp): Promise<Cast> {
  const region = await t.make.region();
  const skpd = await t.make.skpd(region.id);
  const regionId = region.id;
  return {
    regionId,
    skpdId: skpd.id,
    admin: await t.make.user({ role: 'REGION_ADMIN', regionId }),
    planner: await t.make.user({ role: 'PLANNER', regionId, skpdId: skpd.id }),
    evaluator: await t.make.user({ role: 'EVALUATOR', regionId }),
    qa: await t.make.user({ role: 'EVALUATOR', regionId, isQa: true }),
    head: await t.make.user({ role: 'HEAD', regionId }),
  };
}

export const api = (t: TestApp) => request(t.http);
