/** Every entity of the service, one list per feature module (each module owns its `*.entities.ts`). */
import { AUTH_ENTITIES } from '../auth/auth.entities';
import { AUDIT_ENTITIES } from '../audit/audit.entities';
import { BUDGET_ENTITIES } from '../budget/budget.entities';
import { DOCUMENT_ENTITIES } from '../documents/documents.entities';
import { EVALUATION_ENTITIES } from '../evaluation/evaluation.entities';
import { ORGANIZATION_ENTITIES } from '../organization/organization.entities';
import { NOTIFICATION_ENTITIES } from '../notifications/notifications.entities';
import { EVIDENCE_ENTITIES } from '../evidence/evidence.entities';
import { PLANNING_ENTITIES } from '../planning/planning.entities';
import { PERFORMANCE_ENTITIES } from '../performance/performance.entities';
import { PROGRESS_ENTITIES } from '../progress/progress.entities';
import { PEMBINAAN_ENTITIES } from '../pembinaan/pembinaan.entities';
import { PublicItem } from '../public-pages/entities/public-item.entity';

export const ALL_ENTITIES = [
  ...EVALUATION_ENTITIES,
  ...ORGANIZATION_ENTITIES,
  ...AUTH_ENTITIES,
  ...AUDIT_ENTITIES,
  ...EVIDENCE_ENTITIES,
  ...PLANNING_ENTITIES,
  ...PERFORMANCE_ENTITIES,
  ...PROGRESS_ENTITIES,
  ...NOTIFICATION_ENTITIES,
  ...DOCUMENT_ENTITIES,
  ...BUDGET_ENTITIES,
  PublicItem,
  ...PEMBINAAN_ENTITIES,
];
