import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentScope, RequirePermission } from '../common/auth/decorators';
import { PageQueryDto } from '../common/http/pagination';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { CreatePeriodDto, PeriodResponseDto, UpdatePeriodDto } from './dto/period.dto';
import { PeriodsService } from './periods.service';

@ApiTags('planning')
@ApiBearerAuth()
@Controller('planning/periods')
export class PeriodsController {
  constructor(private readonly periods: PeriodsService) {}

  @RequirePermission('planning.read')
  @Get()
  list(@CurrentScope() scope: TenantScope, @Query() query: PageQueryDto) {
    return this.periods.list(scope, query);
  }

  @RequirePermission('planning.read')
  @Get(':id')
  get(@CurrentScope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string): Promise<PeriodResponseDto> {
    return this.periods.get(scope, id);
  }

  /** An RPJMD period of the caller's region (REGION_ADMIN). */
  @RequirePermission('period.manage')
  @Post()
  create(@CurrentScope() scope: TenantScope, @Body() dto: CreatePeriodDto): Promise<PeriodResponseDto> {
    return this.periods.create(scope, dto);
  }

  @RequirePermission('period.manage')
  @Patch(':id')
  update(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdatePeriodDto,
  ): Promise<PeriodResponseDto> {
    return this.periods.update(scope, id, dto);
  }
}
