import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, IsNull, type Repository } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { DomainError } from '../common/errors/domain-error';
import { RefreshToken } from './entities/refresh-token.entity';
import type { User } from './entities/user.entity';

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

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const invalidToken = () => new DomainError('INVALID_TOKEN', 'unauthorized', 'The token is invalid or expired');

/** Short-lived JWT access tokens and rotating refresh tokens (stored hashed, one family per login). */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @InjectRepository(RefreshToken) private readonly refreshTokens: Repository<RefreshToken>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async issue(user: User, familyId: string = randomUUID()): Promise<TokenPair> {
    const claims: AccessClaims = { sub: user.id, tv: user.tokenVersion };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.config.JWT_ACCESS_TTL_SECONDS });
    const refreshToken = randomBytes(32).toString('base64url');
    await this.refreshTokens.insert({
      userId: user.id,
      familyId,
      tokenHash: sha256(refreshToken),
      expiresAt: new Date(Date.now() + this.config.REFRESH_TTL_DAYS * 86_400_000),
      usedAt: null,
      revokedAt: null,
    });
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: this.config.JWT_ACCESS_TTL_SECONDS };
  }

  async verifyAccess(token: string): Promise<AccessClaims> {
    try {
      return await this.jwt.verifyAsync<AccessClaims>(token, { algorithms: ['HS256'] });
    } catch {
      throw invalidToken();
    }
  }

  /**
   * Rotation: a refresh token is good once. Presenting one that was already used means it leaked,
   * so its whole family is revoked.
   */
  async consumeRefresh(token: string): Promise<RefreshToken> {
    const row = await this.refreshTokens.findOneBy({ tokenHash: sha256(token) });
    if (!row || row.revokedAt || row.expiresAt < new Date()) throw invalidToken();
    if (row.usedAt) {
      await this.revokeFamily(row.familyId);
      throw invalidToken();
    }
    const claimed = await this.refreshTokens.update({ id: row.id, usedAt: IsNull() }, { usedAt: new Date() });
    if (!claimed.affected) {
      await this.revokeFamily(row.familyId);
      throw invalidToken();
    }
    return row;
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.refreshTokens.update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  async revokeAllOf(userId: string, m: EntityManager = this.refreshTokens.manager): Promise<void> {
    await m.update(RefreshToken, { userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  async familyOf(token: string): Promise<string | null> {
    return (await this.refreshTokens.findOneBy({ tokenHash: sha256(token) }))?.familyId ?? null;
  }
}
