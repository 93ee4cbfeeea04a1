import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { UsersService } from '../auth/users.service';
import { ForbiddenError, NotFoundError, UnprocessableError } from '../common/errors/domain-error';
import { type Page, paginate } from '../common/http/pagination';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { updateWithVersion } from '../common/typeorm/versioned-update';
import {
  CreateRegionDto,
  RegionQueryDto,
  RegionResponseDto,
  SetRegionProvinceDto,
  toRegionResponse,
  UpdateRegionDto,
} from './dto/region.dto';
import { storeReminderDays } from './domain/reminder-days';
import { Region } from './entities/region.entity';

@Injectable()
export class RegionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(Region) private readonly regions: Repository<Region>,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  /** The superadmin sees every region; everyone else only their own. */
  private async findVisible(scope: TenantScope, id: string, m: EntityManager = this.db.manager): Promise<Region> {
    const region = await m.findOneBy(Region, { id });
    if (!region || (scope.role !== 'SUPERADMIN' && region.id !== scope.regionId)) throw new NotFoundError('Region');
    return region;
  }

  list(scope: TenantScope, query: RegionQueryDto): Promise<Page<RegionResponseDto>> {
    const qb = this.regions.createQueryBuilder('r');
    if (scope.role !== 'SUPERADMIN') qb.where('r.id = :id', { id: scope.regionId });
    if (query.kind) qb.andWhere('r.kind = :kind', { kind: query.kind });
    if (query.q) qb.andWhere('(r.name LIKE :q OR r.code LIKE :q)', { q: `%${query.q.replace(/[%_]/g, '')}%` });
    return paginate(qb, query, ['code', 'name', 'createdAt'], toRegionResponse);
  }

  async get(scope: TenantScope, id: string): Promise<RegionResponseDto> {
    return toRegionResponse(await this.findVisible(scope, id));
  }

  /** Creates a region and, when given, its first REGION_ADMIN in one transaction: both or neither. */
  async create(scope: TenantScope, dto: CreateRegionDto): Promise<RegionResponseDto> {
    const region = await this.db.transaction(async (m) => {
      const created = m.create(Region, {
        code: dto.code,
        name: dto.name,
        kind: dto.kind,
        lowerIsBetterFormula: dto.lowerIsBetterFormula ?? 'INVERSE_DIFF',
        capaianCap: dto.capaianCap ?? null,
        timezone: dto.timezone ?? 'Asia/Jakarta',
        seatCity: dto.seatCity ?? null,
        reminderDays: storeReminderDays(dto.reminderDays ?? null),
        headTitle: dto.headTitle ?? null,
        headName: dto.headName ?? null,
        headNip: dto.headNip ?? null,
        headRank: dto.headRank ?? null,
        headActing: dto.headActing ?? null,
        isDemo: false,
      });
      await m.save(created);
      await this.audit.record(m, scope, {
        action: 'CREATE',
        entity: 'Region',
        entityId: created.id,
        regionId: created.id,
        after: toRegionResponse(created),
      });
      if (dto.firstAdmin)
        await this.users.create(scope, { ...dto.firstAdmin, role: 'REGION_ADMIN', regionId: created.id }, m);
      return created;
    });
    return toRegionResponse(region);
  }

  /**
   * Sets (or clears) a kabupaten/kota's province. Only a KABUPATEN/KOTA has a province, only a PROVINSI is one, and
   * a region has at most one (the column); the superadmin decides, and the change is audited.
   */
  async setProvince(scope: TenantScope, id: string, dto: SetRegionProvinceDto): Promise<RegionResponseDto> {
    return this.db.transaction(async (m) => {
      const region = await this.findVisible(scope, id, m);
      const provinceId = dto.provinceId ?? null;
      if (provinceId !== null) {
        if (region.kind === 'PROVINSI')
          throw new UnprocessableError('PROVINCE_HAS_NO_PROVINCE', 'A province cannot belong to a province', [
            { field: 'provinceId', messages: ['only a kabupaten/kota has a province'] },
          ]);
        const province = await m.findOneBy(Region, { id: provinceId });
        if (!province) throw new NotFoundError('Region');
        if (province.kind !== 'PROVINSI')
          throw new UnprocessableError('NOT_A_PROVINCE', 'The region named as province is not a province', [
            { field: 'provinceId', messages: ['must be a region of kind PROVINSI'] },
          ]);
      }
      const before = toRegionResponse(region);
      const saved = await updateWithVersion(m, Region, region, dto.version, { provinceId }, 'Region');
      await this.audit.record(m, scope, {
        action: 'UPDATE',
        entity: 'Region',
        entityId: id,
        regionId: id,
        before,
        after: toRegionResponse(saved),
      });
      return toRegionResponse(saved);
    });
  }

  async update(scope: TenantScope, id: string, dto: UpdateRegionDto): Promise<RegionResponseDto> {
    if (scope.role !== 'SUPERADMIN' && scope.role !== 'REGION_ADMIN') throw new ForbiddenError();
    return this.db.transaction(async (m) => {
      const region = await this.findVisible(scope, id, m);
      const before = toRegionResponse(region);
      const { version, reminderDays, ...rest } = dto;
      const changes = {
        ...rest,
        ...(reminderDays !== undefined ? { reminderDays: storeReminderDays(reminderDays) } : {}),
      };
      const saved = await updateWithVersion(m, Region, region, version, changes, 'Region');
      await this.audit.record(m, scope, {
        action: 'UPDATE',
        entity: 'Region',
        entityId: id,
        regionId: id,
        before,
        after: toRegionResponse(saved),
      });
      return toRegionResponse(saved);
    });
  }
}
