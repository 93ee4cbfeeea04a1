import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentScope, RequirePermission } from '../common/auth/decorators';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { CrosscutService } from './crosscut.service';
import { OrphansQueryDto, OrphansResponseDto, OverlapQueryDto, OverlapResponseDto } from './dto/analysis.dto';
import {
  CrosscutAssignmentDto,
  CrosscutListQueryDto,
  CrosscutRollupDto,
  CrosscutYearQueryDto,
  PutCrosscutDto,
} from './dto/crosscut.dto';
import {
  AnnualTargetResponseDto,
  CreateIndicatorDto,
  IndicatorQueryDto,
  IndicatorResponseDto,
  PutAnnualTargetsDto,
  UpdateIndicatorDto,
} from './dto/indicator.dto';
import { CreatePlanNodeDto, PlanNodeQueryDto, PlanNodeResponseDto, UpdatePlanNodeDto } from './dto/plan-node.dto';
import { IndicatorsService } from './indicators.service';
import { OverlapsService } from './overlaps.service';
import { PlanNodesService } from './plan-nodes.service';

/** Plan structure (RPJMD / Renstra nodes), indicators, annual targets, crosscutting, and the cascade checks. */
@ApiTags('planning')
@ApiBearerAuth()
@Controller('planning')
export class StructureController {
  constructor(
    private readonly nodes: PlanNodesService,
    private readonly indicators: IndicatorsService,
    private readonly crosscut: CrosscutService,
    private readonly overlaps: OverlapsService,
  ) {}

  @RequirePermission('planning.read')
  @Get('nodes')
  listNodes(@CurrentScope() scope: TenantScope, @Query() query: PlanNodeQueryDto) {
    return this.nodes.list(scope, query);
  }

  @RequirePermission('planning.read')
  @Get('nodes/:id')
  getNode(@CurrentScope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string): Promise<PlanNodeResponseDto> {
    return this.nodes.get(scope, id);
  }

  /** Pemda-level nodes (no skpdId): REGION_ADMIN only. SKPD nodes: its planner or an admin. */
  @RequirePermission('planning.write')
  @Post('nodes')
  createNode(@CurrentScope() scope: TenantScope, @Body() dto: CreatePlanNodeDto): Promise<PlanNodeResponseDto> {
    return this.nodes.create(scope, dto);
  }

  @RequirePermission('planning.write')
  @Patch('nodes/:id')
  updateNode(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdatePlanNodeDto,
  ): Promise<PlanNodeResponseDto> {
    return this.nodes.update(scope, id, dto);
  }

  @RequirePermission('planning.write')
  @Delete('nodes/:id')
  @HttpCode(204)
  async deleteNode(@CurrentScope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.nodes.remove(scope, id);
  }

  @RequirePermission('planning.read')
  @Get('indicators')
  listIndicators(@CurrentScope() scope: TenantScope, @Query() query: IndicatorQueryDto) {
    return this.indicators.list(scope, query);
  }

  @RequirePermission('planning.read')
  @Get('indicators/:id')
  getIndicator(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<IndicatorResponseDto> {
    return this.indicators.get(scope, id);
  }

  @RequirePermission('planning.write')
  @Post('indicators')
  createIndicator(@CurrentScope() scope: TenantScope, @Body() dto: CreateIndicatorDto): Promise<IndicatorResponseDto> {
    return this.indicators.create(scope, dto);
  }

  @RequirePermission('planning.write')
  @Patch('indicators/:id')
  updateIndicator(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateIndicatorDto,
  ): Promise<IndicatorResponseDto> {
    return this.indicators.update(scope, id, dto);
  }

  /** Annual plan (RPJMD / Renstra) targets of an indicator, by year. */
  @RequirePermission('planning.read')
  @Get('indicators/:id/targets')
  getTargets(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<AnnualTargetResponseDto[]> {
    return this.indicators.getTargets(scope, id);
  }

  /** Sets the annual targets of the years given; other years are kept. */
  @RequirePermission('planning.write')
  @Put('indicators/:id/targets')
  putTargets(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: PutAnnualTargetsDto,
  ): Promise<AnnualTargetResponseDto[]> {
    return this.indicators.putTargets(scope, id, dto);
  }

  /** Roll-up of a Pemda indicator's crosscutting target, per year of its period (or the year asked). */
  @RequirePermission('planning.read')
  @Get('indicators/:id/crosscut')
  getCrosscut(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: CrosscutYearQueryDto,
  ): Promise<CrosscutRollupDto[]> {
    return this.crosscut.rollups(scope, id, query.year);
  }

  /** Replaces the SKPD contributions to a Pemda indicator's target in a year (REGION_ADMIN). */
  @RequirePermission('planning.write')
  @Put('indicators/:id/crosscut')
  putCrosscut(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: PutCrosscutDto,
  ): Promise<CrosscutRollupDto> {
    return this.crosscut.put(scope, id, dto);
  }

  /** Crosscutting assignments of a year (planners: their SKPD's). */
  @RequirePermission('planning.read')
  @Get('crosscut')
  listCrosscut(
    @CurrentScope() scope: TenantScope,
    @Query() query: CrosscutListQueryDto,
  ): Promise<CrosscutAssignmentDto[]> {
    return this.crosscut.assignments(scope, query);
  }

  /** SKPD sasaran linked to no Pemda sasaran, and Pemda sasaran nobody supports. */
  @RequirePermission('planning.read')
  @Get('orphans')
  orphans(@CurrentScope() scope: TenantScope, @Query() query: OrphansQueryDto): Promise<OrphansResponseDto> {
    return this.nodes.orphans(scope, query.periodId);
  }

  /** Near-duplicate indicators/programs of different SKPD (tumpang tindih); region-wide roles only. */
  @RequirePermission('planning.read')
  @Get('overlaps')
  overlapsFor(@CurrentScope() scope: TenantScope, @Query() query: OverlapQueryDto): Promise<OverlapResponseDto> {
    return this.overlaps.find(scope, query);
  }
}
