import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { NotFoundError } from '../common/errors/domain-error';
import { type Page, paginate } from '../common/http/pagination';
import { regionOf, scoped, type TenantScope } from '../common/tenancy/tenant-scope';
import { updateWithVersion } from '../common/typeorm/versioned-update';
import { CreateSkpdDto, SkpdQueryDto, SkpdResponseDto, toSkpdResponse, UpdateSkpdDto } from './dto/skpd.dto';
import { Skpd } from './entities/skpd.entity';

@Injectable()
export class SkpdService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** An SKPD the caller may see (planners: only their own); anything else is a 404. Exported for other modules. */
  async findVisible(scope: TenantScope, id: string, m: EntityManager = this.db.manager): Promise<Skpd> {
    const row = await scoped(m.createQueryBuilder(Skpd, 's'), scope, { skpdColumn: 'id' })
      .andWhere('s.id = :id', { id })
      .getOne();
    if (!row) throw new NotFoundError('SKPD');
    return row;
  }

  list(scope: TenantScope, query: SkpdQueryDto): Promise<Page<SkpdResponseDto>> {
    const qb = scoped(this.db.manager.createQueryBuilder(Skpd, 's'), scope, { skpdColumn: 'id' });
    if (query.kind) qb.andWhere('s.kind = :kind', { kind: query.kind });
    if (query.active) qb.andWhere('s.active = :active', { active: query.active === 'true' });
    if (query.q)
      qb.andWhere('(s.code LIKE :q OR s.name LIKE :q OR s.shortName LIKE :q)', {
        q: `%${query.q.replace(/[%_]/g, '')}%`,
      });
    return paginate(qb, query, ['code', 'name', 'shortName', 'kind', 'createdAt'], toSkpdResponse);
  }

  async get(scope: TenantScope, id: string): Promise<SkpdResponseDto> {
    return toSkpdResponse(await this.findVisible(scope, id));
  }

  async create(scope: TenantScope, dto: CreateSkpdDto): Promise<SkpdResponseDto> {
    const regionId = regionOf(scope);
    return this.db.transaction(async (m) => {
      const row = m.create(Skpd, { ...dto, regionId, active: true });
      await m.save(row);
      await this.audit.record(m, scope, {
        action: 'CREATE',
        entity: 'Skpd',
        entityId: row.id,
        regionId,
        after: toSkpdResponse(row),
      });
      return toSkpdResponse(row);
    });
  }

  async update(scope: TenantScope, id: string, dto: UpdateSkpdDto): Promise<SkpdResponseDto> {
    return this.db.transaction(async (m) => {
      const row = await this.findVisible(scope, id, m);
      const before = toSkpdResponse(row);
      const { version, ...changes } = dto;
      const saved = await updateWithVersion(m, Skpd, row, version, changes, 'SKPD');
      await this.audit.record(m, scope, {
        action: 'UPDATE',
        entity: 'Skpd',
        entityId: id,
        regionId: row.regionId,
        before,
        after: toSkpdResponse(saved),
      });
      return toSkpdResponse(saved);
    });
  }
}
