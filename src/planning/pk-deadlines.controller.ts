import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentScope, RequirePermission } from '../common/auth/decorators';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { PkDeadlineQueryDto, PutPkDeadlinesDto } from './dto/pk-deadline.dto';
import { PkDeadlinesService } from './pk-deadlines.service';

/** PK submission and approval deadlines of the caller's region for a year. */
@ApiTags('pk')
@ApiBearerAuth()
@Controller('pk-deadlines')
export class PkDeadlinesController {
  constructor(private readonly service: PkDeadlinesService) {}

  @RequirePermission('planning.read')
  @Get()
  get(@CurrentScope() scope: TenantScope, @Query() query: PkDeadlineQueryDto) {
    return this.service.get(scope, query.year);
  }

  @RequirePermission('period.manage')
  @Put()
  put(@CurrentScope() scope: TenantScope, @Body() dto: PutPkDeadlinesDto) {
    return this.service.put(scope, dto);
  }
}
