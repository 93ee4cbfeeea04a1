import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ForbiddenError, NotFoundError, UnprocessableError } from '../common/errors/domain-error';
import { type Page, paginate } from '../common/http/pagination';
import { updateWithVersion } from '../common/typeorm/versioned-update';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { Region } from '../organization/entities/region.entity';
import { Skpd } from '../organization/entities/skpd.entity';
import {
  CreateUserDto,
  ResetPasswordDto,
  toUserResponse,
  UpdateUserDto,
  UserQueryDto,
  UserResponseDto,
} from './dto/user.dto';
import { User } from './entities/user.entity';
import { PasswordService } from './password.service';
import { PROVINCE_ROLES, type Role } from './roles';
import { AuthUserCache } from './auth-user-cache';
import { TokenService } from './token.service';

/** Roles each administrator may create or edit. SUPERADMIN manages region admins, never a region's staff. */
const MANAGEABLE: Record<'SUPERADMIN' | 'REGION_ADMIN', readonly Role[]> = {
  SUPERADMIN: ['SUPERADMIN', 'REGION_ADMIN'],
  REGION_ADMIN: ['REGION_ADMIN', 'PLANNER', 'EVALUATOR', 'HEAD', ...PROVINCE_ROLES],
};

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    private readonly cache: AuthUserCache,
  ) {}

  private manageable(scope: TenantScope): readonly Role[] {
    return scope.role === 'SUPERADMIN' || scope.role === 'REGION_ADMIN' ? MANAGEABLE[scope.role] : [];
  }

  /** A user the caller may see: region admins see their region's users, the superadmin sees administrators. */
  private async findVisible(scope: TenantScope, id: string, m: EntityManager = this.db.manager): Promise<User> {
    const user = await m.findOneBy(User, { id });
    const visible =
      user &&
      (scope.role === 'SUPERADMIN'
        ? this.manageable(scope).includes(user.role)
        : user.regionId !== null && user.regionId === scope.regionId);
    if (!visible) throw new NotFoundError('User');
    return user;
  }

  async list(scope: TenantScope, query: UserQueryDto): Promise<Page<UserResponseDto>> {
    const qb = this.users.createQueryBuilder('u');
    if (scope.role === 'SUPERADMIN') qb.where('u.role IN (:...roles)', { roles: this.manageable(scope) });
    else qb.where('u.regionId = :region', { region: scope.regionId });
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.skpdId) qb.andWhere('u.skpdId = :skpd', { skpd: query.skpdId });
    if (query.active) qb.andWhere('u.active = :active', { active: query.active === 'true' });
    if (query.q)
      qb.andWhere('(u.username LIKE :q OR u.displayName LIKE :q)', { q: `%${query.q.replace(/[%_]/g, '')}%` });
    return paginate(qb, query, ['username', 'displayName', 'role', 'createdAt'], toUserResponse);
  }

  async get(scope: TenantScope, id: string): Promise<UserResponseDto> {
    return toUserResponse(await this.findVisible(scope, id));
  }

  /** Creates an account; `outer` makes it part of a caller's transaction (a region with its first admin). */
  async create(scope: TenantScope | null, dto: CreateUserDto, outer?: EntityManager): Promise<UserResponseDto> {
    if (scope && !this.manageable(scope).includes(dto.role))
      throw new ForbiddenError(`You cannot create ${dto.role} accounts`);
    const regionId =
      dto.role === 'SUPERADMIN' ? null : scope?.role === 'REGION_ADMIN' ? scope.regionId : (dto.regionId ?? null);
    const passwordHash = await this.passwords.hash(dto.password, dto.username);
    const write = async (m: EntityManager) => {
      if (dto.role !== 'SUPERADMIN') {
        if (!regionId)
          throw new UnprocessableError('REGION_REQUIRED', 'regionId is required for this role', [
            { field: 'regionId', messages: ['required'] },
          ]);
        await UsersService.assertRoleFitsRegion(m, dto.role, regionId);
      }
      const skpdId = await this.checkSkpd(m.getRepository(Skpd), dto.role, regionId, dto.skpdId ?? null);
      const user = m.create(User, {
        username: dto.username,
        displayName: dto.displayName,
        role: dto.role,
        regionId,
        skpdId,
        isQa: dto.role === 'EVALUATOR' && Boolean(dto.isQa),
        active: true,
        tokenVersion: 0,
        passwordHash,
      });
      await m.save(user);
      await this.audit.record(m, scope, {
        action: 'CREATE',
        entity: 'User',
        entityId: user.id,
        regionId,
        after: toUserResponse(user),
      });
      return toUserResponse(user);
    };
    return outer ? write(outer) : this.db.transaction(write);
  }

  /** The region must exist; province oversight roles belong to users of a PROVINSI region only. */
  private static async assertRoleFitsRegion(m: EntityManager, role: Role, regionId: string): Promise<void> {
    const region = await m.findOneBy(Region, { id: regionId });
    if (!region) throw new NotFoundError('Region');
    if ((PROVINCE_ROLES as readonly Role[]).includes(role) && region.kind !== 'PROVINSI')
      throw new UnprocessableError('PROVINCE_ROLE_OUTSIDE_PROVINCE', `${role} is for users of a province region`, [
        { field: 'role', messages: ['only for users of a province'] },
      ]);
  }

  /** PLANNER accounts belong to exactly one SKPD of their region; other roles are region-wide. */
  private async checkSkpd(
    skpd: Repository<Skpd>,
    role: Role,
    regionId: string | null,
    skpdId: string | null,
  ): Promise<string | null> {
    if (role !== 'PLANNER') return null;
    if (!skpdId)
      throw new UnprocessableError('SKPD_REQUIRED', 'A planner needs an SKPD', [
        { field: 'skpdId', messages: ['required for PLANNER'] },
      ]);
    if (!regionId || !(await skpd.existsBy({ id: skpdId, regionId }))) throw new NotFoundError('SKPD');
    return skpdId;
  }

  async update(scope: TenantScope, id: string, dto: UpdateUserDto): Promise<UserResponseDto> {
    const updated = await this.db.transaction(async (m) => {
      const user = await this.findVisible(scope, id, m);
      const before = toUserResponse(user);
      const role = dto.role ?? user.role;
      if (!this.manageable(scope).includes(user.role) || !this.manageable(scope).includes(role))
        throw new ForbiddenError(`You cannot manage ${role} accounts`);
      if (user.id === scope.userId && (dto.active === false || (dto.role && dto.role !== user.role)))
        throw new ForbiddenError('You cannot deactivate yourself or change your own role');
      if (role !== user.role && user.regionId) await UsersService.assertRoleFitsRegion(m, role, user.regionId);
      const skpdId = await this.checkSkpd(
        m.getRepository(Skpd),
        role,
        user.regionId,
        dto.skpdId === undefined ? user.skpdId : dto.skpdId,
      );
      const deactivating = dto.active === false && user.active;
      const changes: Partial<User> = {
        displayName: dto.displayName ?? user.displayName,
        role,
        skpdId,
        isQa: role === 'EVALUATOR' && (dto.isQa ?? user.isQa),
        active: dto.active ?? user.active,
        tokenVersion: deactivating || role !== user.role ? user.tokenVersion + 1 : user.tokenVersion,
      };
      const saved = await updateWithVersion(m, User, user, dto.version, changes, 'User');
      if (deactivating) await this.tokens.revokeAllOf(user.id, m);
      await this.audit.record(m, scope, {
        action: 'UPDATE',
        entity: 'User',
        entityId: id,
        regionId: user.regionId,
        before,
        after: toUserResponse(saved),
      });
      return toUserResponse(saved);
    });
    // Committed: authentication on this replica sees the new role, activity and token version from now on.
    this.cache.forget(id);
    return updated;
  }

  /** An administrator sets a new password; every session of that user ends. */
  async resetPassword(scope: TenantScope, id: string, dto: ResetPasswordDto): Promise<void> {
    const user = await this.findVisible(scope, id);
    if (!this.manageable(scope).includes(user.role))
      throw new ForbiddenError(`You cannot manage ${user.role} accounts`);
    const passwordHash = await this.passwords.hash(dto.newPassword, user.username);
    await this.db.transaction(async (m) => {
      await m.update(User, { id }, { passwordHash, tokenVersion: user.tokenVersion + 1 });
      await this.audit.record(m, scope, {
        action: 'RESET_PASSWORD',
        entity: 'User',
        entityId: id,
        regionId: user.regionId,
        after: {},
      });
    });
    this.cache.forget(id);
    await this.tokens.revokeAllOf(id);
  }
}
