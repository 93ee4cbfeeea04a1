import { CrosscutContribution } from './entities/crosscut-contribution.entity';
import { IndicatorTarget } from './entities/indicator-target.entity';
import { Indicator } from './entities/indicator.entity';
import { PerformanceAgreement } from './entities/performance-agreement.entity';
import { PkDeadline } from './entities/pk-deadline.entity';
import { PkIndicator } from './entities/pk-indicator.entity';
import { PlanNode } from './entities/plan-node.entity';
import { PlanningPeriod } from './entities/planning-period.entity';

export const PLANNING_ENTITIES = [
  PlanningPeriod,
  PlanNode,
  Indicator,
  IndicatorTarget,
  CrosscutContribution,
  PerformanceAgreement,
  PkIndicator,
  PkDeadline,
];
