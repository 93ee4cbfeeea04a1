import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { type Permission, roleHas } from '../auth/roles';
import { REQUIRED_PERMISSION } from '../common/auth/decorators';
import { routeRefusal } from '../auth/route-refusal';
import { CONSOLE_ANONYMOUS } from './console-controller.decorator';
import { ConsoleCsrf } from './console-csrf';
import { ConsoleSession, type ConsoleRequest } from './console-session';
import { CsrfRejectedError, LoginRequiredError } from './console-errors';
import { CONSOLE_UPLOAD, isMultipart } from './console-upload';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The console's guard: CSRF on every state-changing request, then the cookie session, then the route's permission
 * from PERMISSIONS (auth/roles.ts). Deny by default: a console route without @RequirePermission is refused, exactly
 * like the API. Tenant scope is left to the services, which receive the same TenantScope as from the API.
 */
@Injectable()
export class ConsoleGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly session: ConsoleSession,
    private readonly csrf: ConsoleCsrf,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<ConsoleRequest>();
    const res = ctx.switchToHttp().getResponse<Response>();
    const targets = [ctx.getHandler(), ctx.getClass()];
    // An upload route's multipart body is not parsed yet: its token is checked right after (ConsoleUpload).
    const deferred = isMultipart(req) && this.reflector.getAllAndOverride<boolean>(CONSOLE_UPLOAD, targets);
    if (!SAFE_METHODS.has(req.method) && !deferred && !this.csrf.valid(req)) throw new CsrfRejectedError();
    this.session.ensureId(req, res);
    if (this.reflector.getAllAndOverride<boolean>(CONSOLE_ANONYMOUS, targets)) return true;
    const scope = await this.session.scopeOf(req, res);
    if (!scope) throw new LoginRequiredError(req.method === 'GET' ? req.originalUrl : null);
    req.scope = scope;
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
    if (!permission || !roleHas(scope.role, permission)) throw routeRefusal(scope.role);
    return true;
  }
}
