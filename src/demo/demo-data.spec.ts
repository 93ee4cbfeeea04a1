import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Exact } from '../common/decimal/exact';
import { seededRandom } from '../common/random/seeded-random';
import { validateRuleSet } from '../evaluation/domain/rule-set';
import { scoreEvaluation } from '../evaluation/domain/scoring';
import { checkQuarterTargets } from '../planning/domain/target-rules';
import { demoQuarterTargets, demoRealisation } from './demo-content.service';
import { DEMO_SKPD } from './demo-data';
import { demoAnswers, reviseAnswers } from './demo-lke';
import { DEMO_PEMDA, DEMO_SKPD_PLANS } from './demo-plan';

const ruleSet = validateRuleSet(
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'templates', 'lke', 'permenpanrb-88-2021.v1.json'), 'utf8')),
);

describe('demo LKE sheets', () => {
  it.each([40, 62, 68, 86, 95])(
    'at level %i: complete, no consistency violation, total near the level, deterministic',
    (level) => {
      const sheet = demoAnswers(ruleSet, level, seededRandom(level));
      const score = scoreEvaluation(ruleSet, sheet);
      expect(score.status).toBe('COMPLETE');
      expect(score.violations).toEqual([]);
      expect(Math.abs(score.total!.toNumber() - level)).toBeLessThan(6);
      expect(demoAnswers(ruleSet, level, seededRandom(level))).toEqual(sheet);
    },
  );

  it('revisions stay one scale step away and keep the sheet consistent', () => {
    const random = seededRandom(7);
    const base = demoAnswers(ruleSet, 65, random);
    const revised = reviseAnswers(ruleSet, base, random, { share: 0.5, upwardBias: 0.4 });
    expect(scoreEvaluation(ruleSet, revised).violations).toEqual([]);
    expect([...revised].filter(([id, a]) => a !== base.get(id)).length).toBeGreaterThan(10);
  });
});

describe('demo plans', () => {
  const all = [...DEMO_PEMDA.flatMap((s) => s.iku), ...DEMO_SKPD_PLANS.flatMap((p) => p.indicators)];

  it('give every SKPD a plan, with unique indicator codes', () => {
    expect(DEMO_SKPD_PLANS.map((p) => p.skpdCode).sort()).toEqual(DEMO_SKPD.map(([code]) => code).sort());
    expect(new Set(all.map((i) => i.code)).size).toBe(all.length);
  });

  it.each(DEMO_SKPD_PLANS.flatMap((p) => p.indicators).map((i) => [i.code, i] as const))(
    '%s: quarter targets pass the planning rules',
    (_code, ind) => {
      const quarters = demoQuarterTargets(ind).map((q) => new Exact(q));
      expect(
        checkQuarterTargets({
          aggregation: ind.aggregation,
          annual: new Exact(ind.target),
          quarters: [quarters[0], quarters[1], quarters[2], quarters[3]],
        }),
      ).toEqual([]);
      for (const q of [1, 2, 3, 4] as const)
        expect(new Exact(demoRealisation(ind, demoQuarterTargets(ind), q, 0.95, true)).gte(0)).toBe(true);
    },
  );
});
