import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentScope, RequirePermission } from '../common/auth/decorators';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import {
  EvaluationQueryDto,
  OfficialResultDto,
  OpenEvaluationDto,
  OpenYearDto,
  OpenYearResponseDto,
  ReopenDto,
  SaveAnswersDto,
  UpdateScheduleDto,
  VersionDto,
} from './dto/evaluation.dto';
import { EvaluationResponseDto } from './dto/evaluation-response.dto';
import { EvaluationAnswersService } from './evaluation-answers.service';
import { EvaluationsService } from './evaluations.service';

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('evaluations')
export class EvaluationsController {
  constructor(
    private readonly evaluations: EvaluationsService,
    private readonly answers: EvaluationAnswersService,
  ) {}

  /** Opens the LKE evaluation of an SKPD (or the Pemda) for a year, snapshotting the rule set. */
  @RequirePermission('evaluation.open')
  @Post()
  open(@CurrentScope() scope: TenantScope, @Body() dto: OpenEvaluationDto): Promise<EvaluationResponseDto> {
    return this.evaluations.open(scope, dto);
  }

  /** Opens the year's evaluation of every active SKPD without one and of the Pemda, with one schedule (all or none). */
  @RequirePermission('evaluation.open')
  @Post('open-year')
  openYear(@CurrentScope() scope: TenantScope, @Body() dto: OpenYearDto): Promise<OpenYearResponseDto> {
    return this.evaluations.openYear(scope, dto);
  }

  /** Evaluations of the region (planners: their SKPD) with each stage's total and predicate. */
  @RequirePermission('evaluation.read')
  @Get()
  list(@CurrentScope() scope: TenantScope, @Query() query: EvaluationQueryDto) {
    return this.evaluations.list(scope, query);
  }

  @RequirePermission('evaluation.read')
  @Get(':id')
  get(@CurrentScope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string): Promise<EvaluationResponseDto> {
    return this.evaluations.get(scope, id);
  }

  /** Stage windows (admin override, audited). */
  @RequirePermission('evaluation.reopen')
  @Patch(':id/schedule')
  schedule(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateScheduleDto,
  ): Promise<EvaluationResponseDto> {
    return this.evaluations.updateSchedule(scope, id, dto);
  }

  @RequirePermission('evaluation.read')
  @Get(':id/answers')
  listAnswers(@CurrentScope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string) {
    return this.answers.list(scope, id);
  }

  /** Evaluators: evaluator answers in EVALUATION, QA answers in QA_REVIEW (QA only), Pemda self-assessment answers. */
  @RequirePermission('evaluation.score')
  @Put(':id/answers')
  saveAnswers(@CurrentScope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SaveAnswersDto) {
    return this.answers.save(scope, id, dto, 'staff');
  }

  /** The SKPD's planner: self-assessment answers, notes and evidence links during SELF_ASSESSMENT. */
  @RequirePermission('evaluation.self')
  @Put(':id/self-assessment')
  saveSelfAssessment(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SaveAnswersDto,
  ) {
    return this.answers.save(scope, id, dto, 'self');
  }

  /** The SKPD's planner submits the self-assessment (SELF_ASSESSMENT → EVALUATION). */
  @RequirePermission('evaluation.self')
  @Post(':id/submit')
  @HttpCode(200)
  submit(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: VersionDto,
  ): Promise<EvaluationResponseDto> {
    return this.answers.submit(scope, id, dto);
  }

  /** Next stage: SELF_ASSESSMENT → EVALUATION → QA_REVIEW → FINAL (QA only; complete, no ERROR violation). */
  @RequirePermission('evaluation.score')
  @Post(':id/advance')
  @HttpCode(200)
  advance(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: VersionDto,
  ): Promise<EvaluationResponseDto> {
    return this.answers.advance(scope, id, dto);
  }

  /** Reopens a FINAL evaluation with a reason as a new revision; the old one stays readable. */
  @RequirePermission('evaluation.reopen')
  @Post(':id/reopen')
  reopen(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReopenDto,
  ): Promise<EvaluationResponseDto> {
    return this.evaluations.reopen(scope, id, dto);
  }

  /** Score breakdown for self, evaluator, QA and final answers (decimals as strings). */
  @RequirePermission('evaluation.read')
  @Get(':id/score')
  @ApiOkResponse({ description: '', schema: { type: 'object' } })
  async score(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() res: Response,
  ): Promise<void> {
    // Sent as the JSON bytes the service holds (serialized once for a FINAL evaluation); Express answers a matching
    // If-None-Match with 304 and derives an ETag when the service gives none.
    const { json, etag } = await this.evaluations.scoreJson(scope, id);
    if (etag) res.setHeader('ETag', etag);
    res.type('json').send(json);
  }

  /** Every revision of this evaluation's SKPD/Pemda and year. */
  @RequirePermission('evaluation.read')
  @Get(':id/versions')
  versions(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<EvaluationResponseDto[]> {
    return this.evaluations.versions(scope, id);
  }

  /** The rule set as frozen into this evaluation when it was opened. */
  @RequirePermission('evaluation.read')
  @Get(':id/rule-set')
  ruleSet(@CurrentScope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string) {
    return this.evaluations.ruleSet(scope, id);
  }

  /** Pemda evaluations: the official KemenPAN-RB component scores; total and predicate are derived. */
  @RequirePermission('evaluation.open')
  @Put(':id/official-result')
  official(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: OfficialResultDto,
  ): Promise<EvaluationResponseDto> {
    return this.evaluations.recordOfficial(scope, id, dto);
  }
}
