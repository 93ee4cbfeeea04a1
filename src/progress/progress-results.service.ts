import { Inject, Injectable } from '@nestjs/common';
import { type EntityManager, In, IsNull } from 'typeorm';
import { Fraction } from '../evaluation/domain/fraction';
import type { RuleSet } from '../evaluation/domain/rule-set';
import { EvaluationOfficialScore } from '../evaluation/entities/evaluation-official-score.entity';
import { Evaluation } from '../evaluation/entities/evaluation.entity';
import { snapshotOf } from '../evaluation/evaluation-access';
import { storedSheets } from '../evaluation/stage-scores';
import { evaluationResultOf, type ResultSource } from '../evaluation/evaluation-result';
import { LKE_RULE_SETS, type RuleSetRegistry } from '../evaluation/lke-rule-sets';
import { aggregateOf, type RegionAggregate, type ScoredSheet } from './domain/benchmark';

/** A result of one subject and year as the progress views show it. */
export interface SubjectResult {
  readonly year: number;
  readonly source: ResultSource | 'IMPORTED';
  readonly ruleSet: RuleSet | undefined;
  readonly ruleSetRef: { code: string; version: number };
  readonly total: Fraction;
  readonly predicate: string;
}

/**
 * Reads the results of one region: current revisions only, FINAL worksheets as stored (evaluation_stage_scores), the Pemda's
 * official result where recorded. Every query carries the region id it is given; callers pass `regionOf(scope)`.
 */
@Injectable()
export class ProgressResultsService {
  constructor(@Inject(LKE_RULE_SETS) readonly ruleSets: RuleSetRegistry) {}

  /** Current-revision evaluations of a region (optionally of some years), oldest year first. */
  current(m: EntityManager, regionId: string, years?: readonly number[]): Promise<Evaluation[]> {
    return m.find(Evaluation, {
      where: { regionId, supersededAt: IsNull(), ...(years ? { year: In([...years]) } : {}) },
      order: { year: 'ASC', createdAt: 'ASC' },
    });
  }

  /** The result an evaluation stands for (evaluationResultOf: official Pemda result, else its FINAL sheet), or null. */
  async resultOf(m: EntityManager, ev: Evaluation): Promise<SubjectResult | null> {
    const result = evaluationResultOf(ev);
    if (!result) return null;
    return {
      ...result,
      year: ev.year,
      ruleSet: await snapshotOf(m, ev),
      ruleSetRef: { code: ev.ruleSetCode, version: ev.ruleSetVersion },
    };
  }

  /** FINAL worksheets as stored when their answers were saved (final stage), by evaluation id. */
  async sheets(m: EntityManager, regionId: string, evs: readonly Evaluation[]): Promise<Map<string, ScoredSheet>> {
    const finals = evs.filter((e) => e.status === 'FINAL');
    const stored = await storedSheets(
      m,
      regionId,
      finals.map((e) => e.id),
      'final',
    );
    const out = new Map<string, ScoredSheet>();
    for (const [id, sheet] of stored)
      if (sheet.status === 'COMPLETE' && sheet.total) out.set(id, { ...sheet, total: sheet.total });
    return out;
  }

  /**
   * The region's result for a year as an aggregate: the Pemda evaluation (official component scores and total where
   * recorded, sub-components from its FINAL worksheet) or, without one, the mean of the FINAL SKPD evaluations of
   * the most used rule set. Null when the year has neither.
   */
  async regionAggregate(m: EntityManager, regionId: string, year: number): Promise<RegionAggregate | null> {
    const evs = await this.current(m, regionId, [year]);
    const pemda = evs.find((e) => e.kind === 'PEMDA');
    if (pemda && evaluationResultOf(pemda)) {
      const ruleSet = await snapshotOf(m, pemda);
      const sheet = (await this.sheets(m, regionId, [pemda])).get(pemda.id);
      let official = null;
      if (pemda.officialTotalExact && pemda.officialPredicate) {
        const comps = await m.find(EvaluationOfficialScore, { where: { regionId, evaluationId: pemda.id } });
        official = {
          components: new Map(comps.map((c) => [c.componentId, Fraction.parse(c.score.toFixed())])),
          total: Fraction.parseRatio(pemda.officialTotalExact),
          predicate: pemda.officialPredicate,
        };
      }
      return aggregateOf(ruleSet, 'PEMDA', sheet ? [sheet] : [], official);
    }
    const finals = evs.filter((e) => e.kind === 'SKPD' && e.status === 'FINAL');
    if (finals.length === 0) return null;
    const key = (e: Evaluation) => `${e.ruleSetCode} v${e.ruleSetVersion}`;
    const counts = new Map<string, number>();
    for (const e of finals) counts.set(key(e), (counts.get(key(e)) ?? 0) + 1);
    const chosen = [...finals].sort(
      (a, b) => counts.get(key(b))! - counts.get(key(a))! || b.ruleSetVersion - a.ruleSetVersion,
    )[0];
    const same = finals.filter((e) => key(e) === key(chosen));
    const sheets = await this.sheets(m, regionId, same);
    if (sheets.size === 0) return null;
    return aggregateOf(await snapshotOf(m, chosen), 'SKPD_MEAN', [...sheets.values()]);
  }
}
