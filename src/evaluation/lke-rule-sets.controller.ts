import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../common/auth/decorators';
import { NotFoundError } from '../common/errors/domain-error';
import { criteriaOf, type RuleSet, subComponentsOf } from './domain/rule-set';
import { RuleSetQueryDto } from './dto/evaluation.dto';
import { LKE_RULE_SETS, type RuleSetRegistry } from './lke-rule-sets';

/**
 * The LKE rule sets (templates/lke) the service loaded. They are global reference data, not tenant rows, so one
 * rule set is addressed by query (`?code=&version=`) rather than by path parameters.
 */
@ApiTags('lke')
@ApiBearerAuth()
@Controller('lke')
export class LkeRuleSetsController {
  constructor(@Inject(LKE_RULE_SETS) private readonly ruleSets: RuleSetRegistry) {}

  @RequirePermission('evaluation.read')
  @Get('rule-sets')
  list() {
    return this.ruleSets.list().map((r) => ({
      code: r.code,
      version: r.version,
      name: r.name,
      regulation: r.regulation,
      aggregationMode: r.aggregationMode,
      predicateBasis: r.predicateBasis,
      components: r.components.length,
      subComponents: subComponentsOf(r).length,
      criteria: criteriaOf(r).length,
    }));
  }

  /** One rule set in full (latest version of the code unless `version` is given). */
  @RequirePermission('evaluation.read')
  @Get('rule-set')
  get(@Query() query: RuleSetQueryDto): RuleSet {
    const found =
      query.version === undefined
        ? this.ruleSets
            .list()
            .filter((r) => r.code === query.code)
            .pop()
        : this.ruleSets.find(query.code, query.version);
    if (!found) throw new NotFoundError('LKE rule set');
    return found;
  }
}
