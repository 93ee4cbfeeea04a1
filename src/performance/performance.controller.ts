import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentScope, RequirePermission } from '../common/auth/decorators';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { CapaianService } from './capaian.service';
import {
  CapaianQueryDto,
  PemdaCapaianQueryDto,
  PutPerformanceSettingsDto,
  PutRealisationsDto,
  PutWindowDto,
  RealisationQueryDto,
  ReopenWindowDto,
  WindowListQueryDto,
} from './dto/realisation.dto';
import { PerformanceSettingsService } from './performance-settings.service';
import { RealisationService } from './realisation.service';

/** Entry windows of quarterly realisation: deadlines per region, reopenings per SKPD. */
@ApiTags('realisation')
@ApiBearerAuth()
@Controller('realisation-windows')
export class RealisationWindowsController {
  constructor(private readonly service: RealisationService) {}

  /** The four quarters of a year: deadline and reopenings per SKPD (planners: their own SKPD's). */
  @RequirePermission('realisation.read')
  @Get()
  list(@CurrentScope() scope: TenantScope, @Query() query: WindowListQueryDto) {
    return this.service.listWindows(scope, query.year);
  }

  @RequirePermission('realisation.reopen')
  @Put()
  put(@CurrentScope() scope: TenantScope, @Body() dto: PutWindowDto) {
    return this.service.putWindow(scope, dto);
  }

  @RequirePermission('realisation.reopen')
  @Post('reopen')
  @HttpCode(201)
  reopen(@CurrentScope() scope: TenantScope, @Body() dto: ReopenWindowDto) {
    return this.service.reopen(scope, dto);
  }
}

/** Quarterly realisation per PK indicator. */
@ApiTags('realisation')
@ApiBearerAuth()
@Controller('realisations')
export class RealisationsController {
  constructor(private readonly service: RealisationService) {}

  @RequirePermission('realisation.read')
  @Get()
  list(@CurrentScope() scope: TenantScope, @Query() query: RealisationQueryDto) {
    return this.service.list(scope, query.skpdId, query.year);
  }

  @RequirePermission('realisation.write')
  @Put()
  put(@CurrentScope() scope: TenantScope, @Body() dto: PutRealisationsDto) {
    return this.service.put(scope, dto);
  }
}

/** Capaian of an SKPD per indicator with roll-ups per sasaran and SKPD, and of the Pemda (IKU, crosscutting). */
@ApiTags('realisation')
@ApiBearerAuth()
@Controller('capaian')
export class CapaianController {
  constructor(private readonly service: CapaianService) {}

  @RequirePermission('realisation.read')
  @Get()
  get(@CurrentScope() scope: TenantScope, @Query() query: CapaianQueryDto) {
    return this.service.forSkpd(scope, query);
  }

  /** Region-wide roles only: the Pemda figure mixes every SKPD (planners read their SKPD with GET /capaian). */
  @RequirePermission('report.region')
  @Get('pemda')
  pemda(@CurrentScope() scope: TenantScope, @Query() query: PemdaCapaianQueryDto) {
    return this.service.forPemda(scope, query);
  }
}

/** Realisation settings of the caller's region. */
@ApiTags('realisation')
@ApiBearerAuth()
@Controller('performance-settings')
export class PerformanceSettingsController {
  constructor(private readonly service: PerformanceSettingsService) {}

  @RequirePermission('realisation.read')
  @Get()
  get(@CurrentScope() scope: TenantScope) {
    return this.service.get(scope);
  }

  @RequirePermission('realisation.reopen')
  @Put()
  put(@CurrentScope() scope: TenantScope, @Body() dto: PutPerformanceSettingsDto) {
    return this.service.put(scope, dto);
  }
}
