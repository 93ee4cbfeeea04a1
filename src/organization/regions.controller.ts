import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentScope, RequirePermission } from '../common/auth/decorators';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import {
  CreateRegionDto,
  RegionQueryDto,
  RegionResponseDto,
  SetRegionProvinceDto,
  UpdateRegionDto,
} from './dto/region.dto';
import { RegionsService } from './regions.service';

@ApiTags('regions')
@ApiBearerAuth()
@Controller('regions')
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  @RequirePermission('region.read')
  @Get()
  list(@CurrentScope() scope: TenantScope, @Query() query: RegionQueryDto) {
    return this.regions.list(scope, query);
  }

  @RequirePermission('region.read')
  @Get(':id')
  get(@CurrentScope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string): Promise<RegionResponseDto> {
    return this.regions.get(scope, id);
  }

  /** Creates a Pemda and optionally its first REGION_ADMIN. */
  @RequirePermission('region.create')
  @Post()
  create(@CurrentScope() scope: TenantScope, @Body() dto: CreateRegionDto): Promise<RegionResponseDto> {
    return this.regions.create(scope, dto);
  }

  /** Attaches a kabupaten/kota to its province, or detaches it (provinceId null). */
  @RequirePermission('region.hierarchy')
  @Put(':id/province')
  setProvince(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SetRegionProvinceDto,
  ): Promise<RegionResponseDto> {
    return this.regions.setProvince(scope, id, dto);
  }

  /** Region settings: name, lower-is-better formula, capaian cap, time zone. */
  @RequirePermission('region.update')
  @Patch(':id')
  update(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateRegionDto,
  ): Promise<RegionResponseDto> {
    return this.regions.update(scope, id, dto);
  }
}
