import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentScope, RequirePermission } from '../common/auth/decorators';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import {
  CreateRecommendationDto,
  FollowUpDto,
  RecommendationResponseDto,
  UpdateRecommendationDto,
} from './dto/recommendation.dto';
import { RecommendationsService } from './recommendations.service';

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('evaluations/:id/recommendations')
export class RecommendationsController {
  constructor(private readonly recommendations: RecommendationsService) {}

  @RequirePermission('evaluation.read')
  @Get()
  list(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<RecommendationResponseDto[]> {
    return this.recommendations.list(scope, id);
  }

  @RequirePermission('evaluation.recommend')
  @Post()
  create(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateRecommendationDto,
  ): Promise<RecommendationResponseDto> {
    return this.recommendations.create(scope, id, dto);
  }

  @RequirePermission('evaluation.recommend')
  @Patch(':recommendationId')
  update(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('recommendationId', ParseUUIDPipe) recommendationId: string,
    @Body() dto: UpdateRecommendationDto,
  ): Promise<RecommendationResponseDto> {
    return this.recommendations.update(scope, id, recommendationId, dto);
  }

  /** Tindak lanjut: the SKPD's planner (or an evaluator) records what was done. */
  @RequirePermission('evaluation.follow-up')
  @Put(':recommendationId/follow-up')
  followUp(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('recommendationId', ParseUUIDPipe) recommendationId: string,
    @Body() dto: FollowUpDto,
  ): Promise<RecommendationResponseDto> {
    return this.recommendations.followUp(scope, id, recommendationId, dto);
  }
}
