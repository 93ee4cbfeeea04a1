import type { ObjectLiteral } from 'typeorm';
import { User } from '../../src/auth/entities/user.entity';
import { Fraction } from '../../src/evaluation/domain/fraction';
import { predicateFor } from '../../src/evaluation/domain/predicate';
import { type RuleSet } from '../../src/evaluation/domain/rule-set';
import { Evaluation, PEMDA_SUBJECT } from '../../src/evaluation/entities/evaluation.entity';
import { applyTotals } from '../../src/evaluation/evaluations.service';
import { Region, type RegionKind } from '../../src/organization/entities/region.entity';
import { Skpd } from '../../src/organization/entities/skpd.entity';
import { Rng } from '../prng';
import { RuleSetSnapshot } from '../../src/evaluation/entities/rule-set-snapshot.entity';
import {
  benchUser,
  isoDate,
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

/**
 * The national dataset: FINAL evaluations of every SKPD and every Pemda for NATION_YEAR, totals and predicates as the
 * workflow stores them (answers are not generated: a national recap reads stored results; the province dataset
 * carries the answers). Region by region.
 */
export function nationDataset(seed: number, scale: NationScale, ruleSet: RuleSet): Dataset {
  const root = new Rng(seed);
  const snapshot = snapshotRow(root.fork('rule-set-snapshot').uuid(), ruleSet);
  const regionIds = Array.from({ length: scale.regions }, () => root.uuid());
  const userId = root.uuid();
  const scoreRow = (r: Rng, mean: number) => {
    const total = Math.max(20, Math.min(97, mean + (r.next() - 0.5) * 16));
    const exact = Fraction.parse(total.toFixed(4));
    return { exact, predicate: predicateFor(exact, ruleSet.bands) };
  };

  function* batches(): Iterable<Batch> {
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
      const mean = 45 + r.next() * 40;
      const evaluations = [null, ...skpd.map((s) => s.id as string)].map((skpdId) => {
        const ev: ObjectLiteral = {
          id: r.uuid(),
          regionId,
          skpdId,
          subjectKey: skpdId ?? PEMDA_SUBJECT,
          year: NATION_YEAR,
          kind: skpdId ? 'SKPD' : 'PEMDA',
          ruleSetCode: ruleSet.code,
          ruleSetVersion: ruleSet.version,
          ruleSetSnapshotId: snapshot.id,
          status: 'FINAL',
          revision: 1,
          previousId: null,
          supersededAt: null,
          reopenReason: null,
          selfDeadline: null,
          evaluationDeadline: null,
          qaDeadline: null,
          finalizedAt: isoDate(NATION_YEAR + 1, 3, 30),
          finalizedBy: null,
          createdBy: null,
        };
        const self = scoreRow(r, mean + 4);
        const final = scoreRow(r, mean);
        applyTotals(ev as Evaluation, 'self', self.exact, self.predicate);
        applyTotals(ev as Evaluation, 'evaluator', final.exact, final.predicate);
        applyTotals(ev as Evaluation, 'qa', null, null);
        applyTotals(ev as Evaluation, 'final', final.exact, final.predicate);
        applyTotals(ev as Evaluation, 'official', skpdId ? null : final.exact, skpdId ? null : final.predicate);
        return ev;
      });
      yield { entity: Evaluation, rows: evaluations };
    }
  }
  return { regionId: regionIds[0], userId, adminId: userId, periodId: null, years: [NATION_YEAR], batches };
}
