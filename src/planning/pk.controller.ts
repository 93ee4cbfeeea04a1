import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentScope, RequirePermission } from '../common/auth/decorators';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import {
  CreatePkDto,
  PkHistoryQueryDto,
  PkQueryDto,
  PkReasonDto,
  PkResponseDto,
  PutPkIndicatorsDto,
  UpdatePkDto,
} from './dto/pk.dto';
import { PkService } from './pk.service';

/** Perjanjian Kinerja per SKPD and year: revisions, quarterly targets, DRAFT → SUBMITTED → APPROVED → LOCKED. */
@ApiTags('pk')
@ApiBearerAuth()
@Controller('pk')
export class PkController {
  constructor(private readonly pk: PkService) {}

  @RequirePermission('planning.read')
  @Get()
  list(@CurrentScope() scope: TenantScope, @Query() query: PkQueryDto) {
    return this.pk.list(scope, query);
  }

  /** Every revision of an SKPD's PK for a year, oldest first. */
  @RequirePermission('planning.read')
  @Get('history')
  history(@CurrentScope() scope: TenantScope, @Query() query: PkHistoryQueryDto): Promise<PkResponseDto[]> {
    return this.pk.history(scope, query);
  }

  @RequirePermission('planning.read')
  @Get(':id')
  get(@CurrentScope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string): Promise<PkResponseDto> {
    return this.pk.get(scope, id);
  }

  @RequirePermission('planning.write')
  @Post()
  create(@CurrentScope() scope: TenantScope, @Body() dto: CreatePkDto): Promise<PkResponseDto> {
    return this.pk.create(scope, dto);
  }

  @RequirePermission('planning.write')
  @Patch(':id')
  update(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdatePkDto,
  ): Promise<PkResponseDto> {
    return this.pk.update(scope, id, dto);
  }

  /** Replaces the indicators with annual and TW I–IV targets; 422 lists targets inconsistent with the aggregation. */
  @RequirePermission('planning.write')
  @Put(':id/indicators')
  putIndicators(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: PutPkIndicatorsDto,
  ): Promise<PkResponseDto> {
    return this.pk.putIndicators(scope, id, dto);
  }

  @RequirePermission('planning.write')
  @Post(':id/submit')
  @HttpCode(200)
  submit(@CurrentScope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string): Promise<PkResponseDto> {
    return this.pk.submit(scope, id);
  }

  /** Sends a submitted PK back to draft with a reason. */
  @RequirePermission('planning.approve')
  @Post(':id/return')
  @HttpCode(200)
  returnToDraft(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: PkReasonDto,
  ): Promise<PkResponseDto> {
    return this.pk.returnToDraft(scope, id, dto.reason);
  }

  @RequirePermission('planning.approve')
  @Post(':id/approve')
  @HttpCode(200)
  approve(@CurrentScope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string): Promise<PkResponseDto> {
    return this.pk.approve(scope, id);
  }

  @RequirePermission('planning.approve')
  @Post(':id/lock')
  @HttpCode(200)
  lock(@CurrentScope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string): Promise<PkResponseDto> {
    return this.pk.lock(scope, id);
  }

  /** Perubahan PK: a new DRAFT revision copying the indicators; the old revision stays readable. */
  @RequirePermission('planning.write')
  @Post(':id/revisions')
  createRevision(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: PkReasonDto,
  ): Promise<PkResponseDto> {
    return this.pk.createRevision(scope, id, dto.reason);
  }
}
