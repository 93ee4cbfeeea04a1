import { Get, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequirePermission } from '../common/auth/decorators';
import { NotFoundError } from '../common/errors/domain-error';
import { EvaluationsService } from '../evaluation/evaluations.service';
import { BenchmarkService } from '../progress/benchmark.service';
import { HistoryService } from '../progress/history.service';
import { RoadmapService } from '../progress/roadmap.service';
import { SkpdIndexService } from '../progress/skpd-index.service';
import { ConsoleController } from './console-controller.decorator';
import { ConsoleDashboards } from './console-dashboards';
import type { ConsoleRequest } from './console-session';
import { ConsoleViews } from './console-views';
import { QUARTER_LABELS, QUARTERS } from './console-year';

/** The three progress pages, linked from each other. */
const TABS = [
  { href: '/konsol/kemajuan', label: 'Peta jalan' },
  { href: '/konsol/kemajuan/indeks', label: 'Indeks SKPD triwulanan' },
  { href: '/konsol/kemajuan/pembanding', label: 'Perbandingan daerah' },
];
const tabs = (current: string, year: number) =>
  TABS.map((t) => ({ ...t, href: `${t.href}?tahun=${year}`, current: t.href === current }));

/** `?triwulan=` 1–4, else the last quarter of the year. */
const quarterOf = (raw: unknown): number => QUARTERS.find((q) => String(q) === raw) ?? 4;

/**
 * The head's progress pages (what the progress workbook holds, readable on a phone): the roadmap to the next
 * predicate and to the region's target, the quarterly SKPD index and the comparison with published peers. The same
 * services as GET /progress/history, /evaluations/:id/roadmap, /skpd-index, /peers and /benchmark/:peer.
 */
@ConsoleController('kemajuan')
export class ConsoleProgressController {
  constructor(
    private readonly views: ConsoleViews,
    private readonly dashboards: ConsoleDashboards,
    private readonly evaluations: EvaluationsService,
    private readonly history: HistoryService,
    private readonly roadmaps: RoadmapService,
    private readonly index: SkpdIndexService,
    private readonly benchmark: BenchmarkService,
  ) {}

  @RequirePermission('progress.read')
  @Get()
  async roadmap(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    const scope = req.scope!;
    const year = await this.dashboards.evaluationYear(scope, req.query.tahun);
    const [pemda, history] = await Promise.all([
      this.evaluations.list(scope, { page: 1, pageSize: 1, year, kind: 'PEMDA' }),
      this.history.history(scope),
    ]);
    const evaluation = pemda.items[0] ?? null;
    this.views.render(req, res, 'kemajuan', {
      title: `Peta Jalan Predikat ${year}`,
      year,
      tabs: tabs('/konsol/kemajuan', year),
      evaluation,
      roadmap: evaluation ? await this.roadmaps.roadmap(scope, evaluation.id) : null,
      target: history.target,
      current: history.region.current,
    });
  }

  @RequirePermission('progress.read')
  @Get('indeks')
  async skpdIndex(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    const scope = req.scope!;
    const year = await this.dashboards.evaluationYear(scope, req.query.tahun);
    const quarter = quarterOf(req.query.triwulan);
    this.views.render(req, res, 'kemajuan-indeks', {
      title: `Indeks SKPD ${QUARTER_LABELS[quarter - 1]} ${year}`,
      year,
      quarterLabel: QUARTER_LABELS[quarter - 1],
      quarters: QUARTERS.map((q) => ({ value: q, label: QUARTER_LABELS[q - 1], selected: q === quarter })),
      tabs: tabs('/konsol/kemajuan/indeks', year),
      index: await this.index.index(scope, year, quarter),
    });
  }

  @RequirePermission('progress.read')
  @Get('pembanding')
  async peers(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    const scope = req.scope!;
    const year = await this.dashboards.evaluationYear(scope, req.query.tahun);
    const peers = await this.benchmark.peers(scope, year);
    const chosen = peers.find((p) => p.regionId === req.query.daerah) ?? null;
    if (req.query.daerah && !chosen) throw new NotFoundError('Peer');
    this.views.render(req, res, 'kemajuan-pembanding', {
      title: `Perbandingan Daerah ${year}`,
      year,
      tabs: tabs('/konsol/kemajuan/pembanding', year),
      peers: peers.map((p) => ({ ...p, selected: p === chosen })),
      comparison: chosen ? await this.benchmark.compare(scope, chosen.regionId, { year, ownYear: year }) : null,
    });
  }
}
