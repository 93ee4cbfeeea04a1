import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentScope, RequirePermission } from '../common/auth/decorators';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { RegionRecapQueryDto } from './dto/report-query.dto';
import { XLSX_MIME } from './recap-workbook';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
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
    const file = await this.reports.regionRecap(scope, query.year);
    res.set({ 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' });
    return new StreamableFile(file.content, {
      type: XLSX_MIME,
      length: file.content.length,
      disposition: `attachment; filename="${file.fileName}"`,
    });
  }
}
