import { Controller, Get, Logger, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentScope, RequirePermission } from '../common/auth/decorators';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { RegionRecapQueryDto, SkpdReportQueryDto, TrendQueryDto } from './dto/report-query.dto';
import { nationalRecapFileName } from './domain/national-recap';
import { ReportsService } from './reports.service';
import { XLSX_MIME } from './sheet-style';
import { xlsxDownload, xlsxHeaders } from '../common/excel/xlsx-http';
import { describeError } from '../common/errors/describe-error';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  private readonly logger = new Logger(ReportsController.name);

  constructor(private readonly reports: ReportsService) {}

  /** Rekapitulasi Nilai dan Predikat SAKIP Perangkat Daerah for a year, as an Excel workbook. */
  @RequirePermission('report.region')
  @Get('region-recap')
  @ApiProduces(XLSX_MIME)
  async regionRecap(
    @CurrentScope() scope: TenantScope,
    @Query() query: RegionRecapQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return xlsxDownload(res, await this.reports.regionRecap(scope, query.year));
  }

  /** Lembar Kerja Evaluasi of an SKPD for a year: every criterion per stage, subtotals, predicate, recommendations. */
  @RequirePermission('report.skpd')
  @Get('lke')
  @ApiProduces(XLSX_MIME)
  async lke(
    @CurrentScope() scope: TenantScope,
    @Query() query: SkpdReportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return xlsxDownload(res, await this.reports.lkeSheet(scope, query.skpdId, query.year));
  }

  /** Performance achievement table (LKjIP chapter III) of an SKPD for a year. */
  @RequirePermission('report.skpd')
  @Get('capaian')
  @ApiProduces(XLSX_MIME)
  async capaian(
    @CurrentScope() scope: TenantScope,
    @Query() query: SkpdReportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return xlsxDownload(res, await this.reports.capaianTable(scope, query.skpdId, query.year));
  }

  /** The Pemda's and every SKPD's total and predicate across years. */
  @RequirePermission('report.region')
  @Get('trend')
  @ApiProduces(XLSX_MIME)
  async trend(
    @CurrentScope() scope: TenantScope,
    @Query() query: TrendQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return xlsxDownload(res, await this.reports.trend(scope, query.fromYear, query.toYear));
  }

  /**
   * Every region × SKPD with a FINAL evaluation for a year (platform operators), streamed page by page. The checks run
   * before the first byte: no data is a 404 JSON error; a failure after streaming started can only abort the download.
   */
  @RequirePermission('report.national')
  @Get('national-recap')
  @ApiProduces(XLSX_MIME)
  async nationalRecap(@Query() query: RegionRecapQueryDto, @Res() res: Response): Promise<void> {
    try {
      await this.reports.nationalRecap(query.year, res, {
        beforeWrite: () => res.set(xlsxHeaders(nationalRecapFileName(query.year))),
      });
    } catch (err) {
      if (!res.headersSent) {
        res.removeHeader('Content-Disposition');
        res.removeHeader('Content-Type');
        throw err;
      }
      this.logger.error({ err: describeError(err), year: query.year }, 'national recap stream failed');
      res.destroy(err as Error);
    }
  }
}
