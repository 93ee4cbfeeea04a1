import { AuditEntry } from './audit-entry.entity';

export const AUDIT_ENTITIES = [AuditEntry];
