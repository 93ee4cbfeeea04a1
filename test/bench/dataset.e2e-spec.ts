import { createHash } from 'node:crypto';
import request from 'supertest';
import { loadBatches } from '../../bench/load';
import { nationDataset, pkImportDataset, provinceDataset, type Batch, type Dataset } from '../../bench/dataset';
import { Evaluation } from '../../src/evaluation/entities/evaluation.entity';
import { DEFAULT_RULE_SET } from '../../src/evaluation/dto/evaluation.dto';
import { loadRuleSets } from '../../src/evaluation/lke-rule-sets';
import { createTestApp, type TestApp } from '../utils/test-app';

const ruleSet = loadRuleSets().latest(DEFAULT_RULE_SET);
const TINY = { skpd: 2, indicatorsPerSkpd: 5, years: 2 };

/** A digest of every row of every batch, in order (entity name + row JSON). */
function digest(batches: Iterable<Batch>): string {
  const hash = createHash('sha256');
  for (const b of batches) hash.update(`${(b.entity as { name: string }).name}:${JSON.stringify(b.rows)}\n`);
  return hash.digest('hex');
}

describe('bench dataset generator', () => {
  it('gives the same rows for the same seed, and different rows for another seed', () => {
    const province = (seed: number) => digest(provinceDataset(seed, TINY, ruleSet).batches());
    const nation = (seed: number) => digest(nationDataset(seed, { regions: 3, skpdPerRegion: 2 }, ruleSet).batches());
    expect(province(7)).toBe(province(7));
    expect(province(7)).not.toBe(province(8));
    expect(nation(7)).toBe(nation(7));
    expect(nation(7)).not.toBe(nation(8));
  });

  describe('in the real database', () => {
    let t: TestApp;
    let province: Dataset;
    beforeAll(async () => {
      t = await createTestApp();
      province = provinceDataset(11, TINY, ruleSet);
      await loadBatches(t.db, province.batches());
      await loadBatches(t.db, pkImportDataset(11, 20, province).batches());
    });
    afterAll(() => t.close());

    it('stores FINAL evaluations whose totals the score endpoint recomputes exactly', async () => {
      const evaluations = await t.db.getRepository(Evaluation).find({ where: { regionId: province.regionId } });
      expect(evaluations).toHaveLength((TINY.skpd + 1) * TINY.years);
      const evaluator = await t.make.user({ role: 'EVALUATOR', regionId: province.regionId });
      for (const ev of evaluations.slice(0, 3)) {
        const res = await request(t.http).get(`/api/v1/evaluations/${ev.id}/score`).set(t.auth(evaluator)).expect(200);
        expect(ev.status).toBe('FINAL');
        expect(res.body.stages.final.status).toBe('COMPLETE');
        expect(res.body.stages.final.totalExact).toBe(ev.finalTotalExact);
        expect(res.body.stages.final.predicate).toBe(ev.finalPredicate);
        expect(res.body.stages.final.violations.filter((v: { severity: string }) => v.severity === 'ERROR')).toEqual(
          [],
        );
      }
    });
  });
});
