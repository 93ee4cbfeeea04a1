import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentScope, RequirePermission } from '../common/auth/decorators';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import {
  CreatePembinaanDto,
  PembinaanFollowUpDto,
  PembinaanHistoryDto,
  PembinaanQueryDto,
  PembinaanRecommendationResponseDto,
  PembinaanResponseDto,
} from './dto/pembinaan.dto';
import { PembinaanService } from './pembinaan.service';

/** Pembinaan: the province's side (under /province) and the kabupaten/kota's side (under /pembinaan). */
@ApiTags('pembinaan')
@ApiBearerAuth()
@Controller()
export class PembinaanController {
  constructor(private readonly pembinaan: PembinaanService) {}

  /** Records a pembinaan of one of the caller's kabupaten/kota, with its recommendations and due dates. */
  @RequirePermission('province.assist')
  @Post('province/regions/:regionId/pembinaan')
  record(
    @CurrentScope() scope: TenantScope,
    @Param('regionId', ParseUUIDPipe) regionId: string,
    @Body() dto: CreatePembinaanDto,
  ): Promise<PembinaanResponseDto> {
    return this.pembinaan.record(scope, regionId, dto);
  }

  /** A kabupaten/kota's pembinaan history with the follow-up of each recommendation. */
  @RequirePermission('province.read')
  @Get('province/regions/:regionId/pembinaan')
  historyOfChild(
    @CurrentScope() scope: TenantScope,
    @Param('regionId', ParseUUIDPipe) regionId: string,
    @Query() query: PembinaanQueryDto,
  ): Promise<PembinaanHistoryDto> {
    return this.pembinaan.historyOfChild(scope, regionId, query.year);
  }

  /** The caller's region's pembinaan history from its province. */
  @RequirePermission('pembinaan.read')
  @Get('pembinaan')
  ownHistory(@CurrentScope() scope: TenantScope, @Query() query: PembinaanQueryDto): Promise<PembinaanHistoryDto> {
    return this.pembinaan.ownHistory(scope, query.year);
  }

  /** Records the follow-up (tindak lanjut) of a recommendation: text and status. */
  @RequirePermission('pembinaan.follow-up')
  @Put('pembinaan/recommendations/:pembinaanRecommendationId/follow-up')
  @HttpCode(200)
  followUp(
    @CurrentScope() scope: TenantScope,
    @Param('pembinaanRecommendationId', ParseUUIDPipe) id: string,
    @Body() dto: PembinaanFollowUpDto,
  ): Promise<PembinaanRecommendationResponseDto> {
    return this.pembinaan.followUp(scope, id, dto);
  }
}
