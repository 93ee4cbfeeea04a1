import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { IS_PUBLIC, REQUIRED_PERMISSION } from '../common/auth/decorators';
import { DomainError } from '../common/errors/domain-error';
import { correlationIdOf } from '../common/http/correlation-id';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { AuthService } from './auth.service';
import { type Permission, roleHas } from './roles';
import { routeRefusal } from './route-refusal';

/**
 * The one global guard: authenticates the bearer token, then checks the route's permission.
 * Deny by default: a route that is neither @Public() nor marked with @RequirePermission() is refused.
 * A province user is refused with a 404 (see routeRefusal).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<Request & { scope?: TenantScope }>();
    const header = req.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!token) throw new DomainError('UNAUTHENTICATED', 'unauthorized', 'A bearer token is required');
    req.scope = await this.auth.authenticate(token, correlationIdOf(req));
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
    if (permission && roleHas(req.scope.role, permission)) return true;
    throw routeRefusal(req.scope.role);
  }
}
