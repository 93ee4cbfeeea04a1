import { Controller, Get, Param, ParseUUIDPipe, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { XLSX_MIME } from '../common/excel/read-xlsx';
import { xlsxDownload } from '../common/excel/xlsx-http';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentScope, RequirePermission } from '../common/auth/decorators';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { ProvinceRecapQueryDto, ProvinceYearQueryDto } from './dto/province.dto';
import { ProvincesService } from './provinces.service';

/** A province's read-only view of its kabupaten/kota (FINAL and official results only). */
@ApiTags('province')
@ApiBearerAuth()
@Controller('province')
export class ProvincesController {
  constructor(private readonly provinces: ProvincesService) {}

  /** The kabupaten/kota of the caller's province. */
  @RequirePermission('province.read')
  @Get('regions')
  children(@CurrentScope() scope: TenantScope) {
    return this.provinces.children(scope);
  }

  /** A kabupaten/kota's result of a year (official, else FINAL) with component scores, and its SKPD's FINAL results. */
  @RequirePermission('province.read')
  @Get('regions/:regionId/results')
  results(
    @CurrentScope() scope: TenantScope,
    @Param('regionId', ParseUUIDPipe) regionId: string,
    @Query() query: ProvinceYearQueryDto,
  ) {
    return this.provinces.resultsOf(scope, regionId, query.year);
  }

  /** A kabupaten/kota's predicate history (its own and its SKPD's) and target. */
  @RequirePermission('province.read')
  @Get('regions/:regionId/history')
  history(@CurrentScope() scope: TenantScope, @Param('regionId', ParseUUIDPipe) regionId: string) {
    return this.provinces.historyOf(scope, regionId);
  }

  /** The next-predicate roadmap of a kabupaten/kota's FINAL Pemda evaluation (default: the latest); 404 otherwise. */
  @RequirePermission('province.read')
  @Get('regions/:regionId/roadmap')
  roadmap(
    @CurrentScope() scope: TenantScope,
    @Param('regionId', ParseUUIDPipe) regionId: string,
    @Query() query: ProvinceYearQueryDto,
  ) {
    return this.provinces.roadmapOf(scope, regionId, query.year);
  }

  /** A kabupaten/kota's completely signed documents (PK …) with signers' names and titles. */
  @RequirePermission('province.read')
  @Get('regions/:regionId/documents')
  documents(@CurrentScope() scope: TenantScope, @Param('regionId', ParseUUIDPipe) regionId: string) {
    return this.provinces.documentsOf(scope, regionId);
  }

  /** The recap as a print-ready workbook (recap and trend sheets, predicate distribution, the province head's signature). */
  @RequirePermission('province.read')
  @Get('recap.xlsx')
  @ApiProduces(XLSX_MIME)
  async recapXlsx(
    @CurrentScope() scope: TenantScope,
    @Query() query: ProvinceRecapQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return xlsxDownload(res, await this.provinces.recapFile(scope, query.year));
  }

  /** Recap of every kabupaten/kota for a year: result, change, components, next band, distribution, trend. */
  @RequirePermission('province.read')
  @Get('recap')
  recap(@CurrentScope() scope: TenantScope, @Query() query: ProvinceRecapQueryDto) {
    return this.provinces.recap(scope, query.year);
  }
}
