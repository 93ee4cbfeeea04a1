import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Decimal from 'decimal.js';
import type { DataSource } from 'typeorm';
import { Exact, toFixedHalfUp } from '../common/decimal/exact';
import { regionOf, type TenantScope } from '../common/tenancy/tenant-scope';
import type { Evaluation } from '../evaluation/entities/evaluation.entity';
import { type StoredSheet, storedSheets } from '../evaluation/stage-scores';
import { Skpd } from '../organization/entities/skpd.entity';
import { CapaianService } from '../performance/capaian.service';
import {
  evaluationProgress,
  performanceIndex,
  previousQuarter,
  rankByIndex,
  trendOf,
  type ProgressInput,
} from './domain/performance-index';
import { ProgressResultsService } from './progress-results.service';

const show = (d: Decimal | null): string | null => (d === null ? null : toFixedHalfUp(d, 2));

/**
 * Quarterly SKPD performance index: capaian of each active SKPD's PK to the quarter (CapaianService) and the progress
 * of its LKE evaluation of the year, ranked, with the trend against the quarter before.
 */
@Injectable()
export class SkpdIndexService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly capaian: CapaianService,
    private readonly results: ProgressResultsService,
  ) {}

  /** Progress input of each SKPD's current evaluation of a year, by SKPD id. */
  private async progressOf(regionId: string, year: number): Promise<Map<string, ProgressInput>> {
    const m = this.db.manager;
    const evs = (await this.results.current(m, regionId, [year])).filter(
      (e): e is Evaluation & { skpdId: string } => e.kind === 'SKPD' && e.skpdId !== null,
    );
    // Stored stage totals: answers given per stage (self; final = QA-else-evaluator) out of those the sheet needs.
    const ids = evs.map((e) => e.id);
    const [self, final] = await Promise.all([
      storedSheets(m, regionId, ids, 'self'),
      storedSheets(m, regionId, ids, 'final'),
    ]);
    const totalOf = (sheet: StoredSheet | undefined) => sheet?.rows.find((r) => r.level === 'TOTAL');
    return new Map(
      evs.map((ev) => {
        const selfTotal = totalOf(self.get(ev.id));
        const finalTotal = totalOf(final.get(ev.id));
        return [
          ev.skpdId,
          {
            status: ev.status,
            expected: finalTotal?.answersExpected ?? selfTotal?.answersExpected ?? 0,
            selfAnswered: selfTotal?.answersGiven ?? 0,
            scored: finalTotal?.answersGiven ?? 0,
          },
        ];
      }),
    );
  }

  private async quarterOf(scope: TenantScope, skpds: readonly Skpd[], year: number, quarter: number) {
    const progress = await this.progressOf(regionOf(scope), year);
    const out = new Map<
      string,
      { capaian: Decimal | null; progress: Decimal; index: Decimal; notComputable: number }
    >();
    for (const s of skpds) {
      const c = await this.capaian.forSkpd(scope, { skpdId: s.id, year, quarter });
      const capaian = c.skpd.mean ? new Exact(c.skpd.mean.exact) : null;
      const p = evaluationProgress(progress.get(s.id) ?? null);
      out.set(s.id, {
        capaian,
        progress: p,
        index: performanceIndex(capaian, p),
        notComputable: c.skpd.notComputableCount,
      });
    }
    return out;
  }

  async index(scope: TenantScope, year: number, quarter: number) {
    const regionId = regionOf(scope);
    const skpds = await this.db.getRepository(Skpd).find({ where: { regionId, active: true }, order: { code: 'ASC' } });
    const prev = previousQuarter(year, quarter);
    const [now, before] = [
      await this.quarterOf(scope, skpds, year, quarter),
      await this.quarterOf(scope, skpds, prev.year, prev.quarter),
    ];
    const ranked = rankByIndex(
      skpds.map((s) => ({ skpd: s, code: s.code, ...now.get(s.id)!, previous: before.get(s.id)!.index })),
    );
    return {
      year,
      quarter,
      previousQuarter: prev,
      weights: { capaian: '70', evaluationProgress: '30' },
      items: ranked.map((r) => ({
        rank: r.rank,
        skpdId: r.skpd.id,
        code: r.skpd.code,
        name: r.skpd.name,
        capaian: show(r.capaian),
        capaianNotComputableCount: r.notComputable,
        evaluationProgress: show(r.progress),
        index: show(r.index),
        previousIndex: show(r.previous),
        delta: show(r.index.minus(r.previous)),
        trend: trendOf(r.index, r.previous),
      })),
    };
  }
}
export type SkpdIndexJson = Awaited<ReturnType<SkpdIndexService['index']>>;
