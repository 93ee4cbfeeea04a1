import { Inject, Injectable } from '@nestjs/common';
import type { Page } from '../common/http/pagination';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { DEFAULT_RULE_SET } from '../evaluation/dto/evaluation.dto';
import type { EvaluationResponseDto } from '../evaluation/dto/evaluation-response.dto';
import { EvaluationsService } from '../evaluation/evaluations.service';
import { LKE_RULE_SETS, type RuleSetRegistry } from '../evaluation/lke-rule-sets';
import { SkpdService } from '../organization/skpd.service';
import type { SkpdResponseDto } from '../organization/dto/skpd.dto';
import { CapaianService } from '../performance/capaian.service';
import { PkService } from '../planning/pk.service';
import { HistoryService } from '../progress/history.service';
import { evaluationYearOf } from './console-year';
import { predicateDistribution, trendChart } from './domain/trend-chart';

/** Every page of a paged service call (console tables show the whole region; pages of the API's maximum size). */
export async function allPages<T>(fetch: (page: number) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const p = await fetch(page);
    out.push(...p.items);
    if (out.length >= p.total || p.items.length === 0) return out;
  }
}

const PAGE = { pageSize: 100 } as const;

/**
 * Gathers what the dashboards show from the same services the REST routes use (scope first, tenant rules inside
 * them). Only arranging for display happens here.
 */
@Injectable()
export class ConsoleDashboards {
  constructor(
    private readonly skpd: SkpdService,
    private readonly pk: PkService,
    private readonly capaian: CapaianService,
    private readonly evaluations: EvaluationsService,
    private readonly progress: HistoryService,
    @Inject(LKE_RULE_SETS) private readonly ruleSets: RuleSetRegistry,
  ) {}

  async forScope(scope: TenantScope, year: number): Promise<Record<string, unknown>> {
    if (!scope.regionId) return { platform: true };
    if (scope.role === 'PLANNER' && scope.skpdId) return { planner: await this.planner(scope, scope.skpdId, year) };
    if (scope.role === 'EVALUATOR') return { evaluator: { evaluations: await this.evaluationsOf(scope, year) } };
    return { region: await this.region(scope, year) };
  }

  async planner(scope: TenantScope, skpdId: string, year: number) {
    const [skpd, pks, capaian] = await Promise.all([
      this.skpd.get(scope, skpdId),
      this.pk.list(scope, { page: 1, pageSize: 1, skpdId, year, latest: 'true' }),
      this.capaian.forSkpd(scope, { skpdId, year }),
    ]);
    return {
      skpd,
      pk: pks.items[0] ?? null,
      capaian: capaian.skpd.mean?.display ?? null,
      computed: capaian.skpd.computedCount,
    };
  }

  /**
   * The year an evaluation page opens on: `?tahun=` when given, else the latest year the caller's region (or SKPD) has
   * an evaluation for, else last year (console-year.ts).
   */
  async evaluationYear(scope: TenantScope, raw: unknown): Promise<number> {
    if (typeof raw === 'string' && raw !== '') return evaluationYearOf(raw);
    if (!scope.regionId) return evaluationYearOf(undefined);
    const latest = await this.evaluations.list(scope, { page: 1, pageSize: 1, sort: '-year' });
    return latest.items[0]?.year ?? evaluationYearOf(undefined);
  }

  /** The year's evaluations, by SKPD code unless `sort` (an EVALUATION_SORTS key) says otherwise. */
  evaluationsOf(scope: TenantScope, year: number, sort?: string): Promise<EvaluationResponseDto[]> {
    return allPages((page) => this.evaluations.list(scope, { ...PAGE, page, year, sort }));
  }

  /**
   * Region dashboard: the Pemda's predicate history against the region's target (HistoryService, as GET
   * /progress/history: official results, imported years), the trend chart, every SKPD's result for the year and the
   * distribution of their predicates.
   */
  async region(scope: TenantScope, year: number) {
    const bands = this.ruleSets.latest(DEFAULT_RULE_SET).bands;
    const [skpds, skpdEvaluations, pemda, history] = await Promise.all([
      allPages((page) => this.skpd.list(scope, { ...PAGE, page, active: 'true' })),
      allPages((page) => this.evaluations.list(scope, { ...PAGE, page, year, kind: 'SKPD' })),
      allPages((page) => this.evaluations.list(scope, { ...PAGE, page, year, kind: 'PEMDA' })),
      this.progress.history(scope),
    ]);
    const bySkpd = new Map(skpdEvaluations.map((e) => [e.skpdId, e]));
    const rows = skpds.map((s: SkpdResponseDto) => {
      const e = bySkpd.get(s.id);
      return { skpd: s, evaluation: e ?? null, final: e?.status === 'FINAL' ? e.final : null };
    });
    const entries = history.region.entries;
    return {
      rows,
      history: entries,
      current: history.region.current,
      target: history.target,
      pemdaEvaluation: pemda[0] ?? null,
      chart: trendChart(
        entries.map((h) => ({ year: h.year, total: h.total, predicate: h.predicate })),
        bands,
        history.target,
      ),
      distribution: predicateDistribution(
        rows.map((r) => r.final?.predicate ?? null),
        bands,
      ),
      finalCount: rows.filter((r) => r.final).length,
    };
  }
}
