import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentScope, RequirePermission } from '../common/auth/decorators';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { CreateSkpdDto, SkpdQueryDto, SkpdResponseDto, UpdateSkpdDto } from './dto/skpd.dto';
import { SkpdService } from './skpd.service';

@ApiTags('skpd')
@ApiBearerAuth()
@Controller('skpd')
export class SkpdController {
  constructor(private readonly skpd: SkpdService) {}

  @RequirePermission('skpd.read')
  @Get()
  list(@CurrentScope() scope: TenantScope, @Query() query: SkpdQueryDto) {
    return this.skpd.list(scope, query);
  }

  @RequirePermission('skpd.read')
  @Get(':id')
  get(@CurrentScope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string): Promise<SkpdResponseDto> {
    return this.skpd.get(scope, id);
  }

  @RequirePermission('skpd.manage')
  @Post()
  create(@CurrentScope() scope: TenantScope, @Body() dto: CreateSkpdDto): Promise<SkpdResponseDto> {
    return this.skpd.create(scope, dto);
  }

  /** Rename, change kind, or deactivate (active=false); carries the version read. */
  @RequirePermission('skpd.manage')
  @Patch(':id')
  update(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateSkpdDto,
  ): Promise<SkpdResponseDto> {
    return this.skpd.update(scope, id, dto);
  }
}
