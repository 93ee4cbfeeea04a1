import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CookieOptions, Request, Response } from 'express';
import { AuthService } from '../auth/auth.service';
import type { TokenPair } from '../auth/token.service';
import { DomainError } from '../common/errors/domain-error';
import { correlationIdOf } from '../common/http/correlation-id';
import type { TenantScope } from '../common/tenancy/tenant-scope';

export const CONSOLE_PATH = '/konsol';

/** Cookie names; all httpOnly, SameSite=Lax, limited to the console's path, Secure when the request came over https. */
export const COOKIES = {
  access: 'konsol_akses',
  refresh: 'konsol_sesi',
  sid: 'konsol_id',
  csrf: 'konsol_csrf',
} as const;

export type ConsoleRequest = Request & { scope?: TenantScope; cookies: Record<string, string | undefined> };

/** https directly or behind a TLS-terminating proxy that says so. */
export const isHttps = (req: Request): boolean => req.secure || req.headers['x-forwarded-proto'] === 'https';

export const cookieOptions = (req: Request): CookieOptions => ({
  httpOnly: true,
  sameSite: 'lax',
  secure: isHttps(req),
  path: CONSOLE_PATH,
});

/**
 * The console's session is the API's own token pair kept in httpOnly cookies: the access token authenticates each
 * page (AuthService.authenticate, the same check as the API guard) and the refresh token renews it when it expired.
 * Nothing is stored server-side, so any replica serves any request. A random `konsol_id` cookie identifies the
 * browser session for CSRF tokens; it is replaced at login and logout.
 */
/** How long a renewal is shared with requests that still carry the old refresh cookie (sent before it changed). */
const RENEWAL_SHARED_MS = 10_000;

@Injectable()
export class ConsoleSession {
  /**
   * Renewals in flight or just done, by refresh token: a page and its download (or two tabs) whose access token
   * expired at the same moment share one renewal, instead of the second presenting a used refresh token, which the
   * API treats as theft and answers by revoking the session. Per process; the API's reuse detection is unchanged.
   */
  private readonly renewals = new Map<string, Promise<TokenPair>>();

  constructor(private readonly auth: AuthService) {}

  private renew(refresh: string): Promise<TokenPair> {
    let renewal = this.renewals.get(refresh);
    if (!renewal) {
      renewal = this.auth.refresh(refresh);
      this.renewals.set(refresh, renewal);
      const forget = () => setTimeout(() => this.renewals.delete(refresh), RENEWAL_SHARED_MS).unref();
      renewal.then(forget, forget);
    }
    return renewal;
  }

  /** Gives the browser a CSRF session id when it has none (also visible on this request). */
  ensureId(req: ConsoleRequest, res: Response): void {
    if (!req.cookies[COOKIES.sid]) this.newId(req, res);
  }

  /** The caller's scope, renewing the access token with the refresh token when needed; null = not logged in. */
  async scopeOf(req: ConsoleRequest, res: Response): Promise<TenantScope | null> {
    const access = req.cookies[COOKIES.access];
    if (access) {
      try {
        return await this.auth.authenticate(access, correlationIdOf(req));
      } catch (err) {
        if (!isAuthFailure(err)) throw err;
      }
    }
    const refresh = req.cookies[COOKIES.refresh];
    if (!refresh) return null;
    try {
      const pair = await this.renew(refresh);
      this.store(req, res, pair, false);
      return await this.auth.authenticate(pair.accessToken, correlationIdOf(req));
    } catch (err) {
      if (!isAuthFailure(err)) throw err;
      this.clear(req, res);
      return null;
    }
  }

  /** After a successful login: the token pair goes into cookies and the CSRF session id is replaced. */
  start(req: ConsoleRequest, res: Response, pair: TokenPair): void {
    this.store(req, res, pair, true);
  }

  /** Ends the session server-side (refresh family revoked, access tokens invalidated) and clears the cookies. */
  async end(req: ConsoleRequest, res: Response, scope: TenantScope): Promise<void> {
    await this.auth.logout(scope, req.cookies[COOKIES.refresh] ?? '');
    this.clear(req, res);
  }

  clear(req: ConsoleRequest, res: Response): void {
    const opts = cookieOptions(req);
    res.clearCookie(COOKIES.access, opts);
    res.clearCookie(COOKIES.refresh, opts);
    res.clearCookie(COOKIES.csrf, opts);
    this.newId(req, res);
  }

  private store(req: ConsoleRequest, res: Response, pair: TokenPair, rotateId: boolean): void {
    const opts = cookieOptions(req);
    res.cookie(COOKIES.access, pair.accessToken, opts);
    res.cookie(COOKIES.refresh, pair.refreshToken, opts);
    req.cookies[COOKIES.access] = pair.accessToken;
    req.cookies[COOKIES.refresh] = pair.refreshToken;
    if (rotateId) this.newId(req, res);
  }

  private newId(req: ConsoleRequest, res: Response): void {
    const id = randomBytes(18).toString('base64url');
    res.cookie(COOKIES.sid, id, cookieOptions(req));
    req.cookies[COOKIES.sid] = id;
  }
}

const isAuthFailure = (err: unknown): boolean => err instanceof DomainError && err.kind === 'unauthorized';
