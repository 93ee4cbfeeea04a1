import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { regionOf, type TenantScope } from '../common/tenancy/tenant-scope';
import { Fraction } from '../evaluation/domain/fraction';
import { criteriaOf, subComponentsOf } from '../evaluation/domain/rule-set';
import type { Evaluation } from '../evaluation/entities/evaluation.entity';
import { findEvaluation, loadAnswers, snapshotOf } from '../evaluation/evaluation-access';
import { evaluationResultOf } from '../evaluation/evaluation-result';
import { Skpd } from '../organization/entities/skpd.entity';
import { gapJson, gapOf } from './domain/gap';
import { responsibleUnit } from './domain/responsible';
import { planNextPredicate } from './domain/simulator';
import { HistoryService } from './history.service';

/**
 * The next-predicate roadmap of one evaluation (draft or final). A FINAL evaluation is simulated on its final
 * answers; a draft on the latest answer of each criterion (QA, else evaluator, else self-assessment).
 */
@Injectable()
export class RoadmapService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly history: HistoryService,
  ) {}

  async roadmap(scope: TenantScope, evaluationId: string) {
    const m = this.db.manager;
    const ev = await findEvaluation(m, scope, evaluationId);
    return this.roadmapOf(m, regionOf(scope), ev);
  }

  async roadmapOf(m: EntityManager, regionId: string, ev: Evaluation) {
    const ruleSet = await snapshotOf(m, ev);
    const rows = await loadAnswers(m, ev);
    const final = ev.status === 'FINAL';
    const answers = new Map(
      rows.map(
        (r) => [r.criterionId, final ? r.finalAnswer : (r.qaAnswer ?? r.evaluatorAnswer ?? r.selfAnswer)] as const,
      ),
    );
    const plan = planNextPredicate(ruleSet, answers);
    const [units, target] = await Promise.all([
      m.find(Skpd, { where: { regionId }, order: { code: 'ASC' } }),
      this.history.target(m, regionId),
    ]);
    const evaluated = ev.skpdId ? (units.find((u) => u.id === ev.skpdId) ?? null) : null;
    const criteria = new Map(criteriaOf(ruleSet).map((k) => [k.id, k]));
    const subs = new Map(subComponentsOf(ruleSet).map((s) => [s.id, s]));
    const components = new Map(ruleSet.components.map((c) => [c.id, c]));
    let running = plan.total;
    const steps = plan.steps.map((s, i) => {
      running = running.plus(s.gain);
      const k = criteria.get(s.criterionId);
      const sub = subs.get(s.subComponentId)!;
      return {
        order: i + 1,
        criterionId: s.criterionId,
        criterionText: k?.text ?? sub.name,
        subComponentId: s.subComponentId,
        subComponentName: sub.name,
        componentId: s.componentId,
        componentName: components.get(s.componentId)?.name ?? s.componentId,
        from: s.from,
        to: s.to,
        gain: s.gain.toFixedHalfUp(2),
        gainExact: s.gain.toFixedHalfUp(6),
        totalAfterStep: running.toFixedHalfUp(2),
        responsible: responsibleUnit(s.componentId, evaluated, units),
        /** Kinds of bukti dukung the rule set expects for this criterion (all of the sub-component's in grade mode). */
        evidence: k ? [...k.evidence] : [...new Set(sub.criteria.flatMap((c) => c.evidence))],
      };
    });
    const result = evaluationResultOf(ev);
    return {
      evaluationId: ev.id,
      kind: ev.kind,
      skpdId: ev.skpdId,
      skpdName: evaluated?.name ?? null,
      year: ev.year,
      status: ev.status,
      answersUsed: final ? 'final' : 'latest',
      ruleSet: { code: ev.ruleSetCode, version: ev.ruleSetVersion },
      /** The evaluation's result as every view shows it (official KemenPAN-RB result, else its FINAL sheet). */
      result: result
        ? { source: result.source, total: result.total.toFixedHalfUp(2), predicate: result.predicate }
        : null,
      /** The plan starts from the worksheet (the answers above), which an official result may differ from. */
      totalSource: 'SHEET' as const,
      total: plan.total.toFixedHalfUp(2),
      totalExact: plan.total.toString(),
      predicate: plan.predicate,
      gap: gapJson(gapOf(plan.total, plan.predicate, ruleSet.bands, target)),
      nextPredicate: plan.nextPredicate,
      pointsMissing: plan.pointsMissing?.toFixedHalfUp(2) ?? null,
      reachable: plan.reachable,
      stepCount: steps.length,
      totalAfter: plan.totalAfter.toFixedHalfUp(2),
      predicateAfter: plan.predicateAfter,
      assumedLowest: [...plan.assumedLowest],
      steps,
      violationsAfter: plan.violationsAfter.map((v) => ({ ...v })),
      /** ERROR violations of the worksheet today that the steps clear (finalisation is blocked until they are). */
      violationsCleared: plan.violationsCleared.map((v) => ({ ...v })),
      pointsGained: plan.totalAfter.plus(plan.total.times(Fraction.of(-1))).toFixedHalfUp(2),
    };
  }
}
export type RoadmapJson = Awaited<ReturnType<RoadmapService['roadmapOf']>>;
