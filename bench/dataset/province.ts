import type { ObjectLiteral } from 'typeorm';
import { User } from '../../src/auth/entities/user.entity';
import { type RuleSet } from '../../src/evaluation/domain/rule-set';
import { EvaluationAnswer } from '../../src/evaluation/entities/evaluation-answer.entity';
import { Evaluation } from '../../src/evaluation/entities/evaluation.entity';
import { EvaluationStageScore } from '../../src/evaluation/entities/evaluation-stage-score.entity';
import { RuleSetSnapshot } from '../../src/evaluation/entities/rule-set-snapshot.entity';
import { Region } from '../../src/organization/entities/region.entity';
import { Skpd } from '../../src/organization/entities/skpd.entity';
import { Realisation } from '../../src/performance/entities/realisation.entity';
import { ReportingWindow } from '../../src/performance/entities/reporting-window.entity';
import { IndicatorTarget } from '../../src/planning/entities/indicator-target.entity';
import { Indicator } from '../../src/planning/entities/indicator.entity';
import { PerformanceAgreement } from '../../src/planning/entities/performance-agreement.entity';
import { PkIndicator } from '../../src/planning/entities/pk-indicator.entity';
import { ownerKeyOf, PlanNode } from '../../src/planning/entities/plan-node.entity';
import { PlanningPeriod } from '../../src/planning/entities/planning-period.entity';
import { Rng } from '../prng';
import {
  benchUser,
  fixed,
  indicatorRow,
  isoDate,
  pad,
  PEMDA_SASARAN,
  PROGRAMS_PER_SASARAN,
  SASARAN_PER_SKPD,
  SHAPES,
  skpdRows,
  snapshotRow,
  targetsOf,
  FIRST_YEAR,
  type Batch,
  type Dataset,
  type ProvinceScale,
} from './shared';
import { finalEvaluation } from './lke';

/** The province dataset. Rows come SKPD by SKPD, so memory stays flat whatever the scale. */
export function provinceDataset(seed: number, scale: ProvinceScale, ruleSet: RuleSet): Dataset {
  const root = new Rng(seed);
  const regionId = root.uuid();
  const userId = root.uuid();
  const adminId = root.uuid();
  const periodId = root.uuid();
  const years = Array.from({ length: scale.years }, (_, i) => FIRST_YEAR + i);
  const snapshot = snapshotRow(root.fork('rule-set-snapshot').uuid(), ruleSet);
  const snapshotId = snapshot.id;

  function* batches(): Iterable<Batch> {
    const rng = root.fork('province');
    yield { entity: RuleSetSnapshot, rows: [snapshot] };
    yield {
      entity: Region,
      rows: [
        {
          id: regionId,
          code: `${pad(11 + (seed % 80), 2)}`,
          name: 'Provinsi Bench',
          kind: 'PROVINSI',
          lowerIsBetterFormula: 'INVERSE_DIFF',
          capaianCap: 120,
          timezone: 'Asia/Jakarta',
          isDemo: false,
        },
      ],
    };
    yield {
      entity: User,
      rows: [
        benchUser(userId, regionId, `bench.evaluator.${seed}`),
        benchUser(adminId, regionId, `bench.admin.${seed}`, 'REGION_ADMIN'),
      ],
    };
    yield {
      entity: PlanningPeriod,
      rows: [
        {
          id: periodId,
          regionId,
          name: `RPJMD Bench ${years[0]}–${years[years.length - 1]}`,
          startYear: years[0],
          endYear: years[years.length - 1],
          legalBasis: 'Perda Bench',
        },
      ],
    };
    yield {
      entity: ReportingWindow,
      rows: years.flatMap((year) =>
        [1, 2, 3, 4].map((quarter) => ({
          id: rng.uuid(),
          regionId,
          year,
          quarter,
          deadline: isoDate(quarter === 4 ? year + 1 : year, quarter === 4 ? 1 : quarter * 3 + 1, 15),
        })),
      ),
    };
    const skpd = skpdRows(rng, regionId, scale.skpd);
    yield { entity: Skpd, rows: skpd };

    // Pemda level (RPJMD): one TUJUAN, PEMDA_SASARAN SASARAN with two IKU each.
    const pemdaNode = (kind: string, code: string, parentId: string | null) => ({
      id: rng.uuid(),
      regionId,
      periodId,
      skpdId: null,
      ownerKey: ownerKeyOf(null),
      kind,
      parentId,
      supportsNodeId: null,
      code,
      name: `${kind} Pemda ${code}`,
    });
    const tujuan = pemdaNode('TUJUAN', 'T1', null);
    const pemdaSasaran = Array.from({ length: PEMDA_SASARAN }, (_, i) =>
      pemdaNode('SASARAN', `S1.${i + 1}`, tujuan.id),
    );
    yield { entity: PlanNode, rows: [tujuan, ...pemdaSasaran] };
    const pemdaIndicators = pemdaSasaran.flatMap((s, i) =>
      [1, 2].map((k) =>
        indicatorRow(rng, {
          regionId,
          periodId,
          skpdId: null,
          nodeId: s.id,
          code: `IKU.${i + 1}.${k}`,
          shape: SHAPES[k - 1],
          isIku: true,
        }),
      ),
    );
    yield { entity: Indicator, rows: pemdaIndicators.map((p) => p.row) };
    yield {
      entity: IndicatorTarget,
      rows: pemdaIndicators.flatMap((p) =>
        years.map((year, y) => ({
          id: rng.uuid(),
          regionId,
          skpdId: null,
          indicatorId: p.row.id,
          year,
          target: targetsOf(p.shape, p.base, y).annual,
        })),
      ),
    };
    for (const [y, year] of years.entries()) {
      const level = 3.2 - y * 0.25 + (rng.next() - 0.5);
      const pemda = finalEvaluation(rng, ruleSet, snapshotId, { regionId, skpdId: null, year, level });
      yield { entity: Evaluation, rows: [pemda.evaluation] };
      yield { entity: EvaluationAnswer, rows: pemda.rows };
      yield { entity: EvaluationStageScore, rows: pemda.scores };
    }

    for (const [s, unit] of skpd.entries()) {
      const r = root.fork(`skpd-${s}`);
      const skpdId = unit.id as string;
      const node = (kind: string, code: string, parentId: string | null, supportsNodeId: string | null = null) => ({
        id: r.uuid(),
        regionId,
        periodId,
        skpdId,
        ownerKey: ownerKeyOf(skpdId),
        kind,
        parentId,
        supportsNodeId,
        code,
        name: `${kind} ${unit.shortName} ${code}`,
      });
      const t = node('TUJUAN', 'T1', null);
      const sasaran = Array.from({ length: SASARAN_PER_SKPD }, (_, i) =>
        node('SASARAN', `S1.${i + 1}`, t.id, r.pick(pemdaSasaran).id),
      );
      const programs = sasaran.flatMap((sa, i) =>
        Array.from({ length: PROGRAMS_PER_SASARAN }, (_, j) => node('PROGRAM', `P1.${i + 1}.${j + 1}`, sa.id)),
      );
      yield { entity: PlanNode, rows: [t, ...sasaran, ...programs] };

      const indicators = Array.from({ length: scale.indicatorsPerSkpd }, (_, i) => {
        const program = programs[i % programs.length];
        return indicatorRow(r, {
          regionId,
          periodId,
          skpdId,
          nodeId: program.id,
          code: `I.${pad(i + 1, 3)}`,
          shape: SHAPES[i % SHAPES.length],
          isIku: i < SASARAN_PER_SKPD,
        });
      });
      yield { entity: Indicator, rows: indicators.map((p) => p.row) };
      yield {
        entity: IndicatorTarget,
        rows: indicators.flatMap((p) =>
          years.map((year, y) => ({
            id: r.uuid(),
            regionId,
            skpdId,
            indicatorId: p.row.id,
            year,
            target: targetsOf(p.shape, p.base, y).annual,
          })),
        ),
      };

      const skpdLevel = 1 + r.next() * 4; // 1 (A) .. 5 (C)
      for (const [y, year] of years.entries()) {
        const pkId = r.uuid();
        const last = y === years.length - 1;
        yield {
          entity: PerformanceAgreement,
          rows: [
            {
              id: pkId,
              regionId,
              skpdId,
              periodId,
              year,
              revision: 0,
              status: last ? 'APPROVED' : 'LOCKED',
              previousId: null,
              revisionReason: null,
              signerName: `Kepala ${unit.shortName}`,
              signerTitle: `Kepala ${unit.name}`,
              counterpartName: 'Gubernur Bench',
              counterpartTitle: 'Gubernur',
              submittedAt: isoDate(year, 1, 10),
              approvedAt: isoDate(year, 1, 31),
              approvedBy: null,
              lockedAt: last ? null : isoDate(year + 1, 1, 31),
              supersededAt: null,
            },
          ],
        };
        const pkRows: ObjectLiteral[] = [];
        const realisations: ObjectLiteral[] = [];
        for (const [i, p] of indicators.entries()) {
          const tg = targetsOf(p.shape, p.base, y);
          pkRows.push({
            id: r.uuid(),
            regionId,
            skpdId,
            pkId,
            indicatorId: p.row.id,
            annualTarget: tg.annual,
            q1Target: tg.quarters[0],
            q2Target: tg.quarters[1],
            q3Target: tg.quarters[2],
            q4Target: tg.quarters[3],
            sortOrder: i,
          });
          for (let q = 1; q <= 4; q++) {
            const unreported = r.chance(0.02); // a data-quality problem: nothing reported
            const outlier = r.chance(0.004); // a data-quality problem: a typo ten times the target
            const factor = outlier ? 10 : 0.75 + r.next() * 0.45;
            const value = unreported ? null : fixed(Number(tg.quarters[q - 1]) * factor);
            realisations.push({
              id: r.uuid(),
              regionId,
              skpdId,
              indicatorId: p.row.id,
              year,
              quarter: q,
              value,
              notes: null,
              problems: unreported ? 'Data belum tersedia dari bidang teknis' : null,
              followUpPlan: null,
              updatedBy: null,
            });
          }
        }
        yield { entity: PkIndicator, rows: pkRows };
        yield { entity: Realisation, rows: realisations };
        const ev = finalEvaluation(r, ruleSet, snapshotId, { regionId, skpdId, year, level: skpdLevel - y * 0.3 });
        yield { entity: Evaluation, rows: [ev.evaluation] };
        yield { entity: EvaluationAnswer, rows: ev.rows };
        yield { entity: EvaluationStageScore, rows: ev.scores };
      }
    }
  }
  return { regionId, userId, adminId, periodId, years, batches };
}
