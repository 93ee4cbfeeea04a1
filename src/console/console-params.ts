import { ParseUUIDPipe } from '@nestjs/common';
import { NotFoundError } from '../common/errors/domain-error';
import type { TenantScope } from '../common/tenancy/tenant-scope';

/** A malformed id in a console address is a 404 page, like another tenant's id (the services answer 404 for those). */
export const notFound = () => new NotFoundError('Page');
export const uuidParam = new ParseUUIDPipe({ exceptionFactory: notFound });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The SKPD a page is about: `?skpd=` (region-wide roles; a planner naming another SKPD gets the services' 404) or the planner's own. */
export function skpdOf(scope: TenantScope, raw: unknown): string {
  const id = typeof raw === 'string' && raw ? raw : scope.skpdId;
  if (!id || !UUID.test(id)) throw notFound();
  return id;
}
