import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, IsNull, Not, type Repository } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { DomainError } from '../common/errors/domain-error';
import { AuthUserCache } from './auth-user-cache';
import { RefreshToken } from './entities/refresh-token.entity';
import { User } from './entities/user.entity';

export interface AccessClaims {
  sub: string;
  tv: number;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

/** How far a token's `iat` may lie in the future: the clock difference tolerated between replicas. */
export const CLOCK_SKEW_SECONDS = 30;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const invalidToken = () => new DomainError('INVALID_TOKEN', 'unauthorized', 'The token is invalid or expired');

/**
 * True when a verified token carries `iat` and `exp`, was not issued in the future (beyond the clock skew)
 * and lives no longer than the configured access-token lifetime: no access token can live forever.
 */
export function hasBoundedLifetime(claims: { iat?: unknown; exp?: unknown }, nowSeconds: number, ttl: number): boolean {
  const { iat, exp } = claims;
  if (typeof iat !== 'number' || typeof exp !== 'number') return false;
  return iat <= nowSeconds + CLOCK_SKEW_SECONDS && exp - iat <= ttl;
}

type Rotation = { user: User; refreshToken: string } | 'reused' | 'invalid';

/**
 * Short-lived JWT access tokens and rotating refresh tokens (stored hashed, one family per login).
 * A family is dead as soon as any of its tokens is revoked (logout, reuse, password change): every refresh checks
 * the whole family, so a token inserted after a revocation is dead too.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(RefreshToken) private readonly refreshTokens: Repository<RefreshToken>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cache: AuthUserCache,
  ) {}

  /** A new session: a new refresh-token family. */
  async issue(user: User): Promise<TokenPair> {
    return this.pair(user, await this.insertRefresh(this.refreshTokens.manager, user.id, randomUUID()));
  }

  async verifyAccess(token: string): Promise<AccessClaims> {
    let claims: AccessClaims & { iat?: unknown; exp?: unknown };
    try {
      claims = await this.jwt.verifyAsync(token, { algorithms: ['HS256'] });
    } catch {
      throw invalidToken();
    }
    if (!hasBoundedLifetime(claims, Date.now() / 1000, this.config.JWT_ACCESS_TTL_SECONDS)) throw invalidToken();
    return claims;
  }

  /**
   * Rotation: a refresh token is good once. Claiming it, checking its family and inserting its successor
   * happen in one transaction; a token that was already claimed means it leaked, so its family dies.
   */
  async rotate(token: string): Promise<TokenPair> {
    const row = await this.refreshTokens.findOneBy({ tokenHash: sha256(token) });
    if (!row || row.revokedAt || row.expiresAt < new Date()) throw invalidToken();
    const rotation = await this.db.transaction((m) => this.claimAndReplace(m, row));
    if (rotation === 'reused') await this.revokeAfterReuse(row);
    if (typeof rotation === 'string') throw invalidToken();
    return this.pair(rotation.user, rotation.refreshToken);
  }

  /**
   * Decides only from statements that are atomic on their own (a conditional UPDATE, then reads), so it holds
   * across replicas and on SQLite's single connection. The user is read before the family check: if a revocation
   * lands after the check, it also bumps the token version read here, so the access token signed from it dies too.
   */
  private async claimAndReplace(m: EntityManager, row: RefreshToken): Promise<Rotation> {
    const claimed = await m.update(RefreshToken, { id: row.id, usedAt: IsNull() }, { usedAt: new Date() });
    if (!claimed.affected) return 'reused';
    const user = await m.findOneBy(User, { id: row.userId });
    if (!user?.active || (await this.familyRevoked(m, row.familyId))) return 'invalid';
    return { user, refreshToken: await this.insertRefresh(m, user.id, row.familyId) };
  }

  /** Revokes the reused token (which kills its family) and ends the user's access tokens, in one transaction. */
  private async revokeAfterReuse(row: RefreshToken): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.update(RefreshToken, { id: row.id }, { revokedAt: new Date() });
      await m.increment(User, { id: row.userId }, 'tokenVersion', 1);
    });
    this.cache.forget(row.userId);
  }

  private familyRevoked(m: EntityManager, familyId: string): Promise<boolean> {
    return m.existsBy(RefreshToken, { familyId, revokedAt: Not(IsNull()) });
  }

  /**
   * Logout: revokes the session of this refresh token if it is the user's own (revoking one token kills its family).
   * Another user's token is left alone. One statement on the unique token hash, so it locks no range.
   */
  async revokeSessionOf(token: string, userId: string): Promise<void> {
    await this.refreshTokens.update({ tokenHash: sha256(token), userId }, { revokedAt: new Date() });
  }

  async revokeAllOf(userId: string, m: EntityManager = this.refreshTokens.manager): Promise<void> {
    await m.update(RefreshToken, { userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  private async insertRefresh(m: EntityManager, userId: string, familyId: string): Promise<string> {
    const refreshToken = randomBytes(32).toString('base64url');
    await m.insert(RefreshToken, {
      userId,
      familyId,
      tokenHash: sha256(refreshToken),
      expiresAt: new Date(Date.now() + this.config.REFRESH_TTL_DAYS * 86_400_000),
      usedAt: null,
      revokedAt: null,
    });
    return refreshToken;
  }

  private async pair(user: User, refreshToken: string): Promise<TokenPair> {
    const claims: AccessClaims = { sub: user.id, tv: user.tokenVersion };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.config.JWT_ACCESS_TTL_SECONDS });
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: this.config.JWT_ACCESS_TTL_SECONDS };
  }
}
