import { Body, Controller, Get, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentScope, RequirePermission } from '../common/auth/decorators';
import { XLSX_MIME } from '../common/excel/read-xlsx';
import { xlsxDownload } from '../common/excel/xlsx-http';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { BudgetService } from './budget.service';
import {
  BudgetOverviewDto,
  BudgetOverviewQueryDto,
  BudgetSettingsDto,
  BudgetSkpdQueryDto,
  BudgetYearQueryDto,
  EfficiencyDto,
  EfficiencyWorkbookQueryDto,
  PutBudgetSettingsDto,
} from './dto/budget.dto';
import { NodeLinkDto, NomenclatureEntryDto, NomenclatureListQueryDto, PutNodeLinkDto } from './dto/nomenclature.dto';
import { NomenclatureService } from './nomenclature.service';

/** Budget read side, settings, nomenclature list and plan-node links (issue #19). */
@ApiTags('budget')
@ApiBearerAuth()
@Controller('budget')
export class BudgetController {
  constructor(
    private readonly budget: BudgetService,
    private readonly nomenclature: NomenclatureService,
  ) {}

  /** An SKPD's budget for a year: per sub-kegiatan, kegiatan and program, the SKPD total, data-quality warnings. */
  @RequirePermission('budget.read')
  @Get()
  overview(@CurrentScope() scope: TenantScope, @Query() q: BudgetOverviewQueryDto): Promise<BudgetOverviewDto> {
    return this.budget.overview(scope, q.skpdId, q.year, q.quarter);
  }

  /** Efficiency per sasaran and per program: capaian kinerja (%) against serapan anggaran (%). */
  @RequirePermission('budget.read')
  @Get('efficiency')
  efficiency(@CurrentScope() scope: TenantScope, @Query() q: BudgetSkpdQueryDto): Promise<EfficiencyDto> {
    return this.budget.efficiency(scope, q.skpdId, q.year);
  }

  /** The efficiency table as .xlsx: one SKPD, or every budgeted SKPD the caller sees (planners: their own). */
  @RequirePermission('budget.read')
  @Get('efficiency.xlsx')
  @ApiProduces(XLSX_MIME)
  async efficiencyWorkbook(
    @CurrentScope() scope: TenantScope,
    @Query() q: EfficiencyWorkbookQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return xlsxDownload(res, await this.budget.efficiencyWorkbook(scope, q.year, q.skpdId));
  }

  /** The region's budget-absorption recap per SKPD with data-quality warnings (.xlsx). */
  @RequirePermission('report.region')
  @Get('recap')
  @ApiProduces(XLSX_MIME)
  async recap(
    @CurrentScope() scope: TenantScope,
    @Query() q: BudgetYearQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return xlsxDownload(res, await this.budget.regionRecap(scope, q.year));
  }

  @RequirePermission('budget.read')
  @Get('settings')
  settings(@CurrentScope() scope: TenantScope): Promise<BudgetSettingsDto> {
    return this.budget.getSettings(scope);
  }

  /** The region's efficiency rule: DIFFERENCE (capaian ≥ serapan − tolerance) or RATIO (capaian/serapan ≥ 1 − t/100). */
  @RequirePermission('budget.manage')
  @Put('settings')
  putSettings(@CurrentScope() scope: TenantScope, @Body() dto: PutBudgetSettingsDto): Promise<BudgetSettingsDto> {
    return this.budget.putSettings(scope, dto);
  }

  /** The region's nomenclature, by code (filter by level or parent). */
  @RequirePermission('budget.read')
  @Get('nomenclature')
  list(@CurrentScope() scope: TenantScope, @Query() q: NomenclatureListQueryDto): Promise<NomenclatureEntryDto[]> {
    return this.nomenclature.list(scope, q);
  }

  /** Links a PROGRAM / KEGIATAN plan node to its nomenclature code (same level); `code: null` unlinks. */
  @RequirePermission('budget.write')
  @Put('node-links')
  putLink(@CurrentScope() scope: TenantScope, @Body() dto: PutNodeLinkDto): Promise<NodeLinkDto> {
    return this.nomenclature.putLink(scope, dto);
  }
}
