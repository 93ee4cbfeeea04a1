import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { doubleCsrf, type DoubleCsrfUtilities } from 'csrf-csrf';
import type { Request, Response } from 'express';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { COOKIES, cookieOptions, type ConsoleRequest } from './console-session';

/** Every console form carries this hidden field, multipart forms too (checked after the upload parser: console-upload.ts). */
export const CSRF_FIELD = '_csrf';

/**
 * Double-submit CSRF tokens (csrf-csrf): an HMAC bound to the browser's console session id, in a cookie and in the
 * form. The secret is derived from JWT_SECRET, so every replica validates every other replica's tokens.
 */
@Injectable()
export class ConsoleCsrf {
  private readonly csrf: DoubleCsrfUtilities;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const secret = createHmac('sha256', config.JWT_SECRET).update('sakip-console-csrf').digest('base64url');
    this.csrf = doubleCsrf({
      getSecret: () => secret,
      getSessionIdentifier: (req) => (req as ConsoleRequest).cookies[COOKIES.sid] ?? '',
      cookieName: COOKIES.csrf,
      cookieOptions: { sameSite: 'lax', path: '/konsol', secure: false, httpOnly: true },
      getCsrfTokenFromRequest: (req) => {
        const token = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
        return typeof token === 'string' ? token : null;
      },
    });
  }

  /** The token for the forms of the page being rendered (reused while the cookie stays valid). */
  token(req: Request, res: Response): string {
    return this.csrf.generateCsrfToken(req, res, { cookieOptions: cookieOptions(req) });
  }

  valid(req: Request): boolean {
    return this.csrf.validateRequest(req);
  }
}
