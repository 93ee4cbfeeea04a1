import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { type AuthUser, AuthUserCache } from './auth-user-cache';
import { DomainError } from '../common/errors/domain-error';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { ChangePasswordDto, LoginDto } from './dto/auth.dto';
import { toUserResponse, UserResponseDto } from './dto/user.dto';
import { User } from './entities/user.entity';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordService } from './password.service';
import { invalidToken, type TokenPair, TokenService } from './token.service';

const badCredentials = () => new DomainError('INVALID_CREDENTIALS', 'unauthorized', 'Wrong username or password');

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
    private readonly cache: AuthUserCache,
  ) {}

  private withHash(username: string): Promise<User | null> {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :username', { username })
      .getOne();
  }

  /**
   * Same answer for an unknown user, a wrong password and an inactive account, so usernames are not probed.
   * Every check is counted by the throttle before it runs; only a success clears the count.
   */
  async login(dto: LoginDto, ip: string): Promise<TokenPair> {
    const username = dto.username.trim().toLowerCase();
    await this.throttle.reserveCheck(username, ip);
    const user = await this.withHash(username);
    const ok = user !== null && (await this.passwords.verify(user.passwordHash, dto.password));
    if (!user || !ok || !user.active) throw badCredentials();
    await this.throttle.reset(username, ip);
    return this.tokens.issue(user);
  }

  refresh(refreshToken: string): Promise<TokenPair> {
    return this.tokens.rotate(refreshToken);
  }

  /**
   * Ends the caller's session. A refresh token that is not the caller's (unknown, or another user's) revokes nothing,
   * and the answer is the same 204: logout is idempotent and must not tell whether a string is someone's live token.
   */
  async logout(scope: TenantScope, refreshToken: string): Promise<void> {
    await this.tokens.revokeSessionOf(refreshToken, scope.userId);
    // The access token in use ends too: bump the version it was signed with.
    await this.users.increment({ id: scope.userId }, 'tokenVersion', 1);
    this.cache.forget(scope.userId);
  }

  async changePassword(scope: TenantScope, dto: ChangePasswordDto): Promise<void> {
    const user = await this.withHash(scope.username);
    if (!user || !(await this.passwords.verify(user.passwordHash, dto.currentPassword)))
      throw new DomainError('INVALID_CREDENTIALS', 'invalid', 'The current password is wrong');
    const passwordHash = await this.passwords.hash(dto.newPassword, user.username);
    await this.db.transaction(async (m) => {
      await m.update(User, { id: user.id }, { passwordHash, tokenVersion: user.tokenVersion + 1 });
      await this.audit.record(m, scope, {
        action: 'CHANGE_PASSWORD',
        entity: 'User',
        entityId: user.id,
        regionId: user.regionId,
        after: {},
      });
    });
    this.cache.forget(user.id);
    await this.tokens.revokeAllOf(user.id);
  }

  async me(scope: TenantScope): Promise<UserResponseDto> {
    return toUserResponse(await this.users.findOneByOrFail({ id: scope.userId }));
  }

  /** The columns authentication needs, by primary key (no full entity). */
  private readonly readAuthUser = (id: string): Promise<AuthUser | null> =>
    this.users.findOne({
      select: {
        id: true,
        username: true,
        role: true,
        regionId: true,
        skpdId: true,
        isQa: true,
        active: true,
        tokenVersion: true,
      },
      where: { id },
    });

  /**
   * Resolves an access token to the caller's scope; used by the global guard on every request. The user's state comes
   * from AuthUserCache (at most AUTH_CACHE_SECONDS old, and dropped at once by this replica's own revocations).
   */
  async authenticate(accessToken: string, correlationId: string): Promise<TenantScope> {
    const claims = await this.tokens.verifyAccess(accessToken);
    const user = await this.cache.get(claims.sub, this.readAuthUser);
    if (!user || !user.active || user.tokenVersion !== claims.tv) throw invalidToken();
    return {
      userId: user.id,
      username: user.username,
      role: user.role,
      regionId: user.regionId,
      skpdId: user.role === 'PLANNER' ? user.skpdId : null,
      isQa: Boolean(user.isQa),
      correlationId,
    };
  }
}
