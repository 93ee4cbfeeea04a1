import { Get, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequirePermission } from '../common/auth/decorators';
import { SkpdService } from '../organization/skpd.service';
import type { OverlapItemDto } from '../planning/dto/analysis.dto';
import { OverlapsService } from '../planning/overlaps.service';
import { PeriodsService } from '../planning/periods.service';
import { PlanNodesService } from '../planning/plan-nodes.service';
import { ConsoleController } from './console-controller.decorator';
import { allPages } from './console-dashboards';
import { labelOf } from './console-labels';
import { indicatorHref, nodeHref } from './console-links';
import type { ConsoleRequest } from './console-session';
import { ConsoleViews } from './console-views';
import { yearOf } from './console-year';

const SUGGESTIONS: Record<string, string> = {
  MERGE: 'Pertimbangkan digabung',
  CROSSCUTTING: 'Pertimbangkan sebagai target keroyokan',
};

/**
 * The region's plan checked across SKPD: overlapping indicators and programs (tumpang tindih) of a year, and orphans
 * (SKPD sasaran supporting no Pemda sasaran, Pemda sasaran nobody supports) of a period, each linked to its node —
 * OverlapsService and PlanNodesService as behind /planning/overlaps and /planning/orphans.
 */
@ConsoleController('admin')
export class ConsoleAdminAnalysisController {
  constructor(
    private readonly views: ConsoleViews,
    private readonly skpd: SkpdService,
    private readonly periods: PeriodsService,
    private readonly nodes: PlanNodesService,
    private readonly overlaps: OverlapsService,
  ) {}

  private async skpdNames(req: ConsoleRequest): Promise<Map<string, string>> {
    const all = await allPages((page) => this.skpd.list(req.scope!, { page, pageSize: 100 }));
    return new Map(all.map((s) => [s.id, s.name]));
  }

  @RequirePermission('planning.approve')
  @Get('tumpang-tindih')
  async overlapsPage(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    const year = yearOf(req.query.tahun);
    const [result, names] = await Promise.all([this.overlaps.find(req.scope!, { year }), this.skpdNames(req)]);
    const item = (kind: string, i: OverlapItemDto) => ({
      ...i,
      skpdName: names.get(i.skpdId) ?? '',
      href: kind === 'INDICATOR' ? indicatorHref(i) : nodeHref(i),
    });
    this.views.render(req, res, 'admin-tumpang-tindih', {
      title: `Tumpang Tindih ${year}`,
      year,
      noPeriod: result.periodId === null,
      pairs: result.pairs.map((p) => ({
        kindLabel: labelOf('overlapKind', p.kind),
        left: item(p.kind, p.left),
        right: item(p.kind, p.right),
        percent: Math.round(p.score * 100),
        suggestion: SUGGESTIONS[p.suggestion] ?? p.suggestion,
      })),
    });
  }

  @RequirePermission('planning.approve')
  @Get('tanpa-keterkaitan')
  async orphansPage(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    const scope = req.scope!;
    const periods = await allPages((page) => this.periods.list(scope, { page, pageSize: 100 }));
    const asked = typeof req.query.periode === 'string' ? req.query.periode : '';
    const year = new Date().getUTCFullYear();
    const period =
      periods.find((p) => p.id === asked) ??
      periods.find((p) => p.startYear <= year && year <= p.endYear) ??
      periods[periods.length - 1];
    const [orphans, names] = period
      ? await Promise.all([this.nodes.orphans(scope, period.id), this.skpdNames(req)])
      : [null, new Map<string, string>()];
    const node = (n: { id: string; skpdId: string | null; code: string; name: string }) => ({
      ...n,
      skpdName: n.skpdId ? (names.get(n.skpdId) ?? '') : 'Pemerintah Daerah',
      href: nodeHref(n),
    });
    this.views.render(req, res, 'admin-tanpa-keterkaitan', {
      title: 'Sasaran Tanpa Keterkaitan',
      periods: periods.map((p) => ({ ...p, selected: p.id === period?.id })),
      period,
      unlinked: orphans?.unlinkedSkpdSasaran.map(node) ?? [],
      unsupported: orphans?.unsupportedPemdaSasaran.map(node) ?? [],
    });
  }
}
