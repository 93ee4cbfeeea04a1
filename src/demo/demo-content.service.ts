import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Decimal from 'decimal.js';
import type { DataSource, EntityManager } from 'typeorm';
import { User } from '../auth/entities/user.entity';
import { Exact, toFixedHalfUp } from '../common/decimal/exact';
import { seededRandom, seedOf } from '../common/random/seeded-random';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import type { RuleSet } from '../evaluation/domain/rule-set';
import { LKE_STAGES, scoreStages } from '../evaluation/domain/scoring';
import { DEFAULT_RULE_SET } from '../evaluation/dto/evaluation.dto';
import { EvaluationAnswer } from '../evaluation/entities/evaluation-answer.entity';
import { EvaluationRecommendation } from '../evaluation/entities/evaluation-recommendation.entity';
import { Evaluation, PEMDA_SUBJECT } from '../evaluation/entities/evaluation.entity';
import { finalAnswerOf } from '../evaluation/evaluation-workflow';
import { applyTotals, EvaluationsService } from '../evaluation/evaluations.service';
import { LKE_RULE_SETS, type RuleSetRegistry } from '../evaluation/lke-rule-sets';
import { snapshotIdFor } from '../evaluation/rule-set-snapshot-store';
import { storeStageScores } from '../evaluation/stage-scores';
import { EvidenceService } from '../evidence/evidence.service';
import type { Region } from '../organization/entities/region.entity';
import { Skpd } from '../organization/entities/skpd.entity';
import { RealisationService } from '../performance/realisation.service';
import { CrosscutService } from '../planning/crosscut.service';
import type { Quarter } from '../planning/domain/indicator-settings';
import { PlanningPeriod } from '../planning/entities/planning-period.entity';
import { IndicatorsService } from '../planning/indicators.service';
import { PeriodsService } from '../planning/periods.service';
import { PkService } from '../planning/pk.service';
import { PlanNodesService } from '../planning/plan-nodes.service';
import { BenchmarkService } from '../progress/benchmark.service';
import { RegionTarget } from '../progress/entities/region-target.entity';
import { HistoryService } from '../progress/history.service';
import { demoAnswers, reviseAnswers } from './demo-lke';
import {
  DEMO_CROSSCUT,
  DEMO_DATA_PROBLEMS,
  DEMO_EVALUATION_YEARS,
  DEMO_PEMDA,
  DEMO_PERFORMANCE,
  DEMO_PERIOD,
  DEMO_PK_YEAR,
  DEMO_SKPD_PLANS,
  type DemoIndicator,
} from './demo-plan';

const QUARTERS: readonly Quarter[] = [1, 2, 3, 4];
/** A minimal PDF standing in for a bukti dukung. */
const DEMO_EVIDENCE_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% Bukti dukung contoh (DEMO)\n%%EOF\n',
);

const scopeOf = (user: User): TenantScope => ({
  userId: user.id,
  username: user.username,
  role: user.role,
  regionId: user.regionId,
  skpdId: user.skpdId,
  isQa: user.isQa,
  correlationId: 'demo-seed',
});

const round2 = (d: Decimal): string => toFixedHalfUp(d, 2);

/**
 * Quarter targets for a PK item: LAST_VALUE climbs from the baseline to the annual target in four equal steps
 * (TW IV = annual); CUMULATIVE_SUM splits the annual target 20/25/25/30 (the increments add up exactly); BINARY
 * holds the target every quarter.
 */
export function demoQuarterTargets(ind: DemoIndicator): [string, string, string, string] {
  const annual = new Exact(ind.target);
  if (ind.polarity === 'BINARY') return [ind.target, ind.target, ind.target, ind.target];
  if (ind.aggregation === 'CUMULATIVE_SUM') {
    const parts = ['0.2', '0.25', '0.25'].map((s) => round2(annual.times(s)));
    const last = annual.minus(parts.reduce((sum, p) => sum.plus(p), new Exact(0)));
    return [parts[0], parts[1], parts[2], last.toFixed()];
  }
  const base = new Exact(ind.baseline);
  const step = annual.minus(base).div(4);
  return [
    round2(base.plus(step)),
    round2(base.plus(step.times(2))),
    round2(base.plus(step.times(3))),
    annual.toFixed(),
  ];
}

/**
 * The demo regions' planning, performance and evaluation history, written through the same services as the API
 * (so every rule of the product holds for it), except the evaluation sheets, which are stored directly with the
 * scoring engine's totals — the workflow would take minutes for 200 evaluations at start-up.
 */
@Injectable()
export class DemoContentService {
  private readonly logger = new Logger('Demo');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(LKE_RULE_SETS) private readonly ruleSets: RuleSetRegistry,
    private readonly periods: PeriodsService,
    private readonly nodes: PlanNodesService,
    private readonly indicators: IndicatorsService,
    private readonly crosscut: CrosscutService,
    private readonly pk: PkService,
    private readonly realisations: RealisationService,
    private readonly evidence: EvidenceService,
    private readonly evaluations: EvaluationsService,
    private readonly history: HistoryService,
    private readonly benchmark: BenchmarkService,
  ) {}

  /** Seeds a demo region's content unless it has a planning period already; true when it seeded. */
  async seedRegion(region: Region, key: string): Promise<boolean> {
    if (await this.db.getRepository(PlanningPeriod).exists({ where: { regionId: region.id } })) {
      // The target is written last: without it an earlier start stopped half-way, and seeding again would collide.
      if (!(await this.db.getRepository(RegionTarget).exists({ where: { regionId: region.id } })))
        this.logger.warn(
          `${region.name} was only partly seeded by an earlier start; remove the demo database file to seed it again`,
        );
      return false;
    }
    const users = await this.db.getRepository(User).find({ where: { regionId: region.id } });
    const skpdList = await this.db.getRepository(Skpd).find({ where: { regionId: region.id } });
    const skpdByCode = new Map(skpdList.map((s) => [s.code, s]));
    const admin = scopeOf(users.find((u) => u.role === 'REGION_ADMIN')!);
    const plannerOf = (skpdId: string): TenantScope => {
      const planner = users.find((u) => u.role === 'PLANNER' && u.skpdId === skpdId);
      return planner ? scopeOf(planner) : admin;
    };
    const evaluator = users.find((u) => u.role === 'EVALUATOR' && !u.isQa)!;
    const qa = scopeOf(users.find((u) => u.role === 'EVALUATOR' && u.isQa)!);
    const random = seededRandom(seedOf(`demo:${key}`));
    const performance = DEMO_PERFORMANCE[key];

    const indicatorIds = await this.seedPlans(admin, skpdByCode);
    await this.seedPerformance(key, admin, plannerOf, skpdByCode, indicatorIds, random, performance.realisationFactor);
    await this.seedEvaluations(region, skpdList, evaluator, qa, random, performance);
    for (const year of performance.publishes) await this.benchmark.publish(admin, { year, published: true });
    // Last: its presence marks a completely seeded region.
    await this.history.setTarget(admin, performance.target);
    return true;
  }

  /** RPJMD, Pemda IKU, each SKPD's Renstra sasaran and indicators with targets, the crosscutting target. Returns indicator ids by code. */
  private async seedPlans(admin: TenantScope, skpdByCode: Map<string, Skpd>): Promise<Map<string, string>> {
    const period = await this.periods.create(admin, {
      ...DEMO_PERIOD,
      legalBasis: 'Peraturan Daerah Nomor 3 Tahun 2021 (DEMO)',
    });
    const ids = new Map<string, string>();
    await this.db.transaction(async (m) => {
      const tujuanIds = new Map<string, string>();
      const sasaranIds = new Map<string, string>();
      for (const [i, s] of DEMO_PEMDA.entries()) {
        if (!tujuanIds.has(s.tujuan)) {
          const t = await this.nodes.createIn(m, admin, {
            periodId: period.id,
            kind: 'TUJUAN',
            code: `T.${tujuanIds.size + 1}`,
            name: s.tujuan,
          });
          tujuanIds.set(s.tujuan, t.id);
        }
        const sasaran = await this.nodes.createIn(m, admin, {
          periodId: period.id,
          kind: 'SASARAN',
          parentId: tujuanIds.get(s.tujuan),
          code: `S.${i + 1}`,
          name: s.name,
        });
        sasaranIds.set(s.key, sasaran.id);
        for (const ind of s.iku) ids.set(ind.code, (await this.createIndicator(m, admin, sasaran.id, ind, true)).id);
      }
      for (const p of DEMO_SKPD_PLANS) {
        const skpd = skpdByCode.get(p.skpdCode)!;
        const tujuan = await this.nodes.createIn(m, admin, {
          periodId: period.id,
          skpdId: skpd.id,
          kind: 'TUJUAN',
          code: 'T.1',
          name: `Terwujudnya kinerja ${skpd.name} yang akuntabel`,
        });
        const sasaran = await this.nodes.createIn(m, admin, {
          periodId: period.id,
          skpdId: skpd.id,
          kind: 'SASARAN',
          parentId: tujuan.id,
          supportsNodeId: sasaranIds.get(p.supports),
          code: 'S.1',
          name: p.sasaran,
        });
        for (const ind of p.indicators)
          ids.set(ind.code, (await this.createIndicator(m, admin, sasaran.id, ind, false)).id);
      }
    });
    await this.crosscut.put(admin, ids.get(DEMO_CROSSCUT.ikuCode)!, {
      year: DEMO_PK_YEAR,
      contributions: DEMO_CROSSCUT.contributions.map(([code, sharePercent]) => ({
        skpdId: skpdByCode.get(code)!.id,
        sharePercent,
      })),
    });
    return ids;
  }

  private async createIndicator(
    m: EntityManager,
    admin: TenantScope,
    nodeId: string,
    ind: DemoIndicator,
    isIku: boolean,
  ) {
    const created = await this.indicators.createIn(m, admin, {
      nodeId,
      code: ind.code,
      name: ind.name,
      satuan: ind.satuan,
      polarity: ind.polarity,
      aggregation: ind.aggregation,
      baselineValue: ind.baseline,
      baselineYear: 2020,
      endTarget: ind.endTarget,
      dataSource: 'Data sintetis (DEMO)',
      isIku,
    });
    await this.indicators.upsertAnnualTargetsIn(m, admin, created, [
      { year: DEMO_PK_YEAR, target: new Exact(ind.target) },
      { year: DEMO_PERIOD.endYear, target: new Exact(ind.endTarget) },
    ]);
    return created;
  }

  /** The PKs of DEMO_PK_YEAR (locked), four quarters of realisations with a few data-quality problems, closed windows. */
  private async seedPerformance(
    key: string,
    admin: TenantScope,
    plannerOf: (skpdId: string) => TenantScope,
    skpdByCode: Map<string, Skpd>,
    indicatorIds: Map<string, string>,
    random: () => number,
    factor: number,
  ): Promise<void> {
    for (const p of DEMO_SKPD_PLANS) {
      const skpd = skpdByCode.get(p.skpdCode)!;
      const planner = plannerOf(skpd.id);
      const head = `Kepala ${skpd.name}`;
      const created = await this.pk.create(planner, {
        skpdId: skpd.id,
        year: DEMO_PK_YEAR,
        signerName: `${head} (DEMO)`,
        signerTitle: head,
        counterpartName: 'Bupati (DEMO)',
        counterpartTitle: 'Bupati',
      });
      const targets = new Map(p.indicators.map((ind) => [ind.code, demoQuarterTargets(ind)]));
      const withItems = await this.pk.putIndicators(planner, created.id, {
        version: created.version,
        items: p.indicators.map((ind) => {
          const [q1Target, q2Target, q3Target, q4Target] = targets.get(ind.code)!;
          return {
            indicatorId: indicatorIds.get(ind.code)!,
            annualTarget: ind.target,
            q1Target,
            q2Target,
            q3Target,
            q4Target,
          };
        }),
      });
      await this.pk.submit(planner, withItems.id);
      await this.pk.approve(admin, withItems.id);
      await this.pk.lock(admin, withItems.id);

      const evidenceIds =
        p.skpdCode === '1.02.01'
          ? [
              (
                await this.evidence.upload(
                  planner,
                  { buffer: DEMO_EVIDENCE_PDF, originalname: 'bukti-dukung-demo.pdf', size: DEMO_EVIDENCE_PDF.length },
                  { skpdId: skpd.id },
                )
              ).id,
            ]
          : undefined;
      const skpdFactor = factor + (random() - 0.5) * 0.16;
      for (const q of QUARTERS)
        await this.realisations.put(planner, {
          skpdId: skpd.id,
          year: DEMO_PK_YEAR,
          quarter: q,
          items: p.indicators.map((ind) => ({
            indicatorId: indicatorIds.get(ind.code)!,
            value: demoRealisation(ind, targets.get(ind.code)!, q, skpdFactor, key === 'maju'),
            notes: 'Realisasi sintetis (DEMO).',
            evidenceIds,
          })),
        });
    }
    const deadlines = ['2025-04-15', '2025-07-15', '2025-10-15', '2026-01-15'];
    for (const q of QUARTERS)
      await this.realisations.putWindow(admin, {
        year: DEMO_PK_YEAR,
        quarter: q,
        deadline: `${deadlines[q - 1]}T16:59:59Z`,
      });
  }

  /**
   * FINAL LKE evaluations of every SKPD and the Pemda for DEMO_EVALUATION_YEARS: the evaluator's sheet is drawn
   * around the year's quality level, the self-assessment is a little more optimistic, QA corrects a few answers.
   * The Pemda's official KemenPAN-RB result is recorded through the service, equal to its final components.
   */
  private async seedEvaluations(
    region: Region,
    skpdList: Skpd[],
    evaluator: User,
    qa: TenantScope,
    random: () => number,
    performance: (typeof DEMO_PERFORMANCE)[string],
  ): Promise<void> {
    const ruleSet = this.ruleSets.latest(DEFAULT_RULE_SET);
    const offsets = new Map(skpdList.map((s) => [s.id, (random() * 2 - 1) * performance.skpdSpread]));
    const pemdaIds: string[] = [];
    await this.db.transaction(async (m) => {
      for (const year of DEMO_EVALUATION_YEARS) {
        const level = performance.pemdaLevel[year];
        for (const skpd of skpdList)
          await this.writeEvaluation(
            m,
            ruleSet,
            region,
            skpd.id,
            year,
            level + offsets.get(skpd.id)!,
            evaluator,
            random,
          );
        pemdaIds.push(await this.writeEvaluation(m, ruleSet, region, null, year, level, evaluator, random));
      }
    });
    for (const id of pemdaIds) {
      const score = await this.evaluations.score(qa, id);
      const ev = await this.evaluations.get(qa, id);
      await this.evaluations.recordOfficial(qa, id, {
        version: ev.version,
        components: score.stages.final.components.map((c) => ({ componentId: c.id, score: c.scoreDisplay! })),
      });
    }
  }

  private async writeEvaluation(
    m: EntityManager,
    ruleSet: RuleSet,
    region: Region,
    skpdId: string | null,
    year: number,
    level: number,
    evaluator: User,
    random: () => number,
  ): Promise<string> {
    const evaluatorSheet = demoAnswers(ruleSet, level, random);
    const self = reviseAnswers(ruleSet, evaluatorSheet, random, { share: 0.3, upwardBias: 0.35 });
    const qaSheet = reviseAnswers(ruleSet, evaluatorSheet, random, { share: 0.08, upwardBias: 0 });
    const rows = [...evaluatorSheet.keys()].map((criterionId) => {
      const qaAnswer = qaSheet.get(criterionId) !== evaluatorSheet.get(criterionId) ? qaSheet.get(criterionId)! : null;
      return {
        criterionId,
        selfAnswer: self.get(criterionId)!,
        evaluatorAnswer: evaluatorSheet.get(criterionId)!,
        qaAnswer,
      };
    });
    const sparseQa = new Map(rows.filter((r) => r.qaAnswer).map((r) => [r.criterionId, r.qaAnswer]));
    const finals = new Map(rows.map((r) => [r.criterionId, finalAnswerOf(r)]));
    const scores = scoreStages(ruleSet, { self, evaluator: evaluatorSheet, qa: sparseQa, final: finals });
    const ev = m.create(Evaluation, {
      regionId: region.id,
      skpdId,
      subjectKey: skpdId ?? PEMDA_SUBJECT,
      year,
      kind: skpdId ? 'SKPD' : 'PEMDA',
      ruleSetCode: ruleSet.code,
      ruleSetVersion: ruleSet.version,
      ruleSetSnapshotId: await snapshotIdFor(m, ruleSet),
      status: 'FINAL',
      revision: 1,
      previousId: null,
      supersededAt: null,
      reopenReason: null,
      selfDeadline: null,
      evaluationDeadline: null,
      qaDeadline: null,
      finalizedAt: new Date(Date.UTC(year + 1, 5, 30)),
      finalizedBy: evaluator.id,
      createdBy: evaluator.id,
    });
    for (const stage of LKE_STAGES) applyTotals(ev, stage, scores[stage].totalExact, scores[stage].predicate);
    applyTotals(ev, 'official', null, null);
    await m.save(ev);
    const answers = rows.map((r) => ({
      ...r,
      regionId: region.id,
      evaluationId: ev.id,
      selfNote: null,
      evaluatorNote: null,
      qaNote: null,
      finalAnswer: finals.get(r.criterionId)!,
    }));
    await m.insert(EvaluationAnswer, answers);
    await storeStageScores(m, ev, ruleSet, answers);
    const weakest = scores.final.components.reduce((a, b) =>
      new Exact(a.score!).div(a.weight).lt(new Exact(b.score!).div(b.weight)) ? a : b,
    );
    const name = ruleSet.components.find((c) => c.id === weakest.id)!.name;
    await m.insert(EvaluationRecommendation, {
      regionId: region.id,
      skpdId,
      evaluationId: ev.id,
      refId: weakest.id,
      text: `Agar memperbaiki komponen ${name} melalui rencana aksi triwulanan yang dipantau (DEMO).`,
      followUp:
        year < DEMO_EVALUATION_YEARS[DEMO_EVALUATION_YEARS.length - 1]
          ? 'Rencana aksi telah disusun dan dipantau setiap triwulan (DEMO).'
          : null,
      status: year < DEMO_EVALUATION_YEARS[DEMO_EVALUATION_YEARS.length - 1] ? 'DONE' : 'OPEN',
      carriedFromId: null,
      createdBy: evaluator.id,
    });
    return ev.id;
  }
}

/**
 * A quarter's synthetic realisation: the quarter target times the SKPD's performance factor (inverted for
 * lower-is-better), with Maju Bersama's deliberate data-quality problems (DEMO_DATA_PROBLEMS).
 */
export function demoRealisation(
  ind: DemoIndicator,
  targets: readonly string[],
  q: Quarter,
  factor: number,
  withProblems: boolean,
): string {
  if (ind.polarity === 'BINARY') return '1';
  const target = new Exact(targets[q - 1]);
  let value = target.times(ind.polarity === 'LOWER_IS_BETTER' ? 2 - factor : factor);
  if (withProblems && ind.code === DEMO_DATA_PROBLEMS.veryHigh) value = target.times('1.8');
  if (withProblems && ind.code === DEMO_DATA_PROBLEMS.decrease && q === 3)
    value = new Exact(targets[1]).times(factor).minus(2);
  return round2(value);
}
