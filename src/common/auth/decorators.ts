import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Permission } from '../../auth/roles';
import type { TenantScope } from '../tenancy/tenant-scope';

export const IS_PUBLIC = 'sakip:isPublic';
export const REQUIRED_PERMISSION = 'sakip:permission';

/** Reachable without a token: only login/refresh, health and docs. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The permission a route needs (see PERMISSIONS in auth/roles.ts). */
export const RequirePermission = (permission: Permission) => SetMetadata(REQUIRED_PERMISSION, permission);

/** The verified caller, set by the authentication guard. */
export const CurrentScope = createParamDecorator((_: unknown, ctx: ExecutionContext): TenantScope => {
  const req = ctx.switchToHttp().getRequest<{ scope?: TenantScope }>();
  if (!req.scope) throw new Error('CurrentScope used on a route without authentication');
  return req.scope;
});
