/** Every entity of the service, one list per feature module (each module owns its `*.entities.ts`). */
import { AUTH_ENTITIES } from '../auth/auth.entities';
import { AUDIT_ENTITIES } from '../audit/audit.entities';
import { ORGANIZATION_ENTITIES } from '../organization/organization.entities';

export const ALL_ENTITIES = [...ORGANIZATION_ENTITIES, ...AUTH_ENTITIES, ...AUDIT_ENTITIES];
