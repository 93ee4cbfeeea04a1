import { DomainError, NotFoundError } from '../common/errors/domain-error';
import { PROVINCE_ROLES, type Role } from './roles';

/**
 * What a signed-in caller gets on a route its role does not name: 403 PERMISSION_DENIED, except for a province user,
 * for whom a kabupaten/kota's drafts and writes do not exist (404, as for a row of a region it cannot see).
 */
export function routeRefusal(role: Role): DomainError {
  if ((PROVINCE_ROLES as readonly Role[]).includes(role)) return new NotFoundError('Resource');
  return new DomainError('PERMISSION_DENIED', 'forbidden', 'Your role may not use this route');
}
