import { User } from '../../src/auth/entities/user.entity';
import { type RuleSet } from '../../src/evaluation/domain/rule-set';
import { EvaluationAnswer } from '../../src/evaluation/entities/evaluation-answer.entity';
import { EvaluationStageScore } from '../../src/evaluation/entities/evaluation-stage-score.entity';
import { Evaluation } from '../../src/evaluation/entities/evaluation.entity';
import { Region, type RegionKind } from '../../src/organization/entities/region.entity';
import { Skpd } from '../../src/organization/entities/skpd.entity';
import { Rng } from '../prng';
import { RuleSetSnapshot } from '../../src/evaluation/entities/rule-set-snapshot.entity';
import { evaluationRows, lkeSheet } from './lke';
import {
  benchUser,
  pad,
  skpdRows,
  snapshotRow,
  NATION_YEAR,
  type Batch,
  type Dataset,
  type NationScale,
} from './shared';

/** Region kinds in the national proportions (34 provinsi, 416 kabupaten, 98 kota of 548). */
function regionKind(i: number, count: number): RegionKind {
  const provinces = Math.round((count * 34) / 548);
  const kota = Math.round((count * 98) / 548);
  return i < provinces ? 'PROVINSI' : i >= count - kota ? 'KOTA' : 'KABUPATEN';
}

/** Distinct answer sheets of the nation: each is scored once by the engine, then shared by many evaluations. */
const SHEETS = 64;

/**
 * The national dataset: FINAL evaluations of every SKPD and every Pemda for NATION_YEAR with their 80 answers each and
 * the stage scores the answer writes store (evaluation_stage_scores), as `scores:verify` recomputes them; totals and
 * predicates as the workflow stores them (a Pemda's official result is its final one). Region by region.
 */
export function nationDataset(seed: number, scale: NationScale, ruleSet: RuleSet): Dataset {
  const root = new Rng(seed);
  const snapshot = snapshotRow(root.fork('rule-set-snapshot').uuid(), ruleSet);
  const regionIds = Array.from({ length: scale.regions }, () => root.uuid());
  const userId = root.uuid();

  function* batches(): Iterable<Batch> {
    // Levels 0.5 (mostly AA/A) to 4.5 (mostly B/CC): scale indices around which the final answers fall.
    const sheets = Array.from({ length: SHEETS }, (_, i) =>
      lkeSheet(root.fork(`sheet-${i}`), ruleSet, 0.5 + (4 * i) / (SHEETS - 1)),
    );
    yield { entity: RuleSetSnapshot, rows: [snapshot] };
    for (const [i, regionId] of regionIds.entries()) {
      const r = root.fork(`region-${i}`);
      const kind = regionKind(i, scale.regions);
      yield {
        entity: Region,
        rows: [
          {
            id: regionId,
            code: `${pad(11 + Math.floor(i / 20), 2)}.${pad((i % 20) + 1, 2)}`,
            name: `${kind === 'PROVINSI' ? 'Provinsi' : kind === 'KOTA' ? 'Kota' : 'Kabupaten'} Bench ${pad(i + 1, 3)}`,
            kind,
            lowerIsBetterFormula: 'INVERSE_DIFF',
            capaianCap: null,
            timezone: r.pick(['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura']),
            isDemo: false,
          },
        ],
      };
      if (i === 0) yield { entity: User, rows: [benchUser(userId, regionId, `bench.nation.${seed}`)] };
      const skpd = skpdRows(r, regionId, scale.skpdPerRegion);
      yield { entity: Skpd, rows: skpd };
      const level = r.next() * 4;
      const plans = [null, ...skpd.map((s) => s.id as string)].map((skpdId) => {
        const sheet = Math.round(((level + (r.next() - 0.5) * 1.5) / 4) * (SHEETS - 1));
        return evaluationRows(
          r,
          ruleSet,
          snapshot.id,
          { regionId, skpdId, year: NATION_YEAR },
          sheets[Math.max(0, Math.min(SHEETS - 1, sheet))],
          skpdId === null,
        );
      });
      yield { entity: Evaluation, rows: plans.map((p) => p.evaluation) };
      yield { entity: EvaluationAnswer, rows: plans.flatMap((p) => p.rows) };
      yield { entity: EvaluationStageScore, rows: plans.flatMap((p) => p.scores) };
    }
  }
  return { regionId: regionIds[0], userId, adminId: userId, periodId: null, years: [NATION_YEAR], batches };
}
