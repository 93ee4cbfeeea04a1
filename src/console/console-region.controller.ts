import { Get, Param, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequirePermission } from '../common/auth/decorators';
import { sendXlsx } from '../common/excel/xlsx-http';
import { ReportsService } from '../reporting/reports.service';
import { ProgressReportService } from '../progress/progress-report.service';
import { ConsoleController } from './console-controller.decorator';
import { ConsoleDashboards } from './console-dashboards';
import type { ConsoleRequest } from './console-session';
import { skpdOf, uuidParam } from './console-params';
import { ConsoleViews } from './console-views';
import { evaluationYearOf, yearOf } from './console-year';

/** Region dashboard for the head and the region admin (and evaluators): ConsoleDashboards + ReportsService. */
@ConsoleController()
export class ConsoleRegionController {
  constructor(
    private readonly views: ConsoleViews,
    private readonly dashboards: ConsoleDashboards,
    private readonly reports: ReportsService,
    private readonly progress: ProgressReportService,
  ) {}

  @RequirePermission('report.region')
  @Get('wilayah')
  async dashboard(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    const year = await this.dashboards.evaluationYear(req.scope!, req.query.tahun);
    this.views.render(req, res, 'wilayah', {
      title: `Dasbor Wilayah ${year}`,
      year,
      region: await this.dashboards.region(req.scope!, year),
    });
  }

  @RequirePermission('report.region')
  @Get('unduh/rekap-wilayah')
  async regionRecap(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    sendXlsx(res, await this.reports.regionRecap(req.scope!, evaluationYearOf(req.query.tahun)));
  }

  @RequirePermission('report.region')
  @Get('unduh/tren')
  async trend(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    sendXlsx(res, await this.reports.trend(req.scope!));
  }

  /** History against the target, the Pemda's roadmap to the next predicate, the SKPD index (ProgressReportService). */
  @RequirePermission('progress.read')
  @Get('unduh/kemajuan')
  async progressWorkbook(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    sendXlsx(res, await this.progress.progressWorkbook(req.scope!, { year: evaluationYearOf(req.query.tahun) }));
  }

  @RequirePermission('progress.read')
  @Get('unduh/peta-jalan/:id')
  async roadmap(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', uuidParam) id: string): Promise<void> {
    sendXlsx(res, await this.progress.roadmapFile(req.scope!, id));
  }

  @RequirePermission('report.skpd')
  @Get('unduh/lke')
  async lke(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    sendXlsx(
      res,
      await this.reports.lkeSheet(req.scope!, skpdOf(req.scope!, req.query.skpd), evaluationYearOf(req.query.tahun)),
    );
  }

  @RequirePermission('report.skpd')
  @Get('unduh/capaian')
  async capaian(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    sendXlsx(
      res,
      await this.reports.capaianTable(req.scope!, skpdOf(req.scope!, req.query.skpd), yearOf(req.query.tahun)),
    );
  }
}
