import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { NotFoundError, UnprocessableError } from '../common/errors/domain-error';
import { type Page, paginate, PageQueryDto } from '../common/http/pagination';
import { regionOf, scoped, type TenantScope } from '../common/tenancy/tenant-scope';
import { updateWithVersion } from '../common/typeorm/versioned-update';
import { CreatePeriodDto, PeriodResponseDto, toPeriodResponse, UpdatePeriodDto } from './dto/period.dto';
import { PlanningPeriod } from './entities/planning-period.entity';

/** RPJMD periods are at most this many fiscal years (5 plus a transition year). */
export const MAX_PERIOD_YEARS = 7;

@Injectable()
export class PeriodsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** A period of the caller's region, else 404. */
  async findVisible(scope: TenantScope, id: string, m: EntityManager = this.db.manager): Promise<PlanningPeriod> {
    const row = await scoped(m.getRepository(PlanningPeriod).createQueryBuilder('p'), scope)
      .andWhere('p.id = :id', { id })
      .getOne();
    if (!row) throw new NotFoundError('Planning period');
    return row;
  }

  /** The period whose years include `year` (the latest-starting one where periods overlap on a transition); null if none. */
  async findForYear(m: EntityManager, regionId: string, year: number): Promise<PlanningPeriod | null> {
    return m
      .getRepository(PlanningPeriod)
      .createQueryBuilder('p')
      .where('p.regionId = :regionId AND p.startYear <= :year AND p.endYear >= :year', { regionId, year })
      .orderBy('p.startYear', 'DESC')
      .getOne();
  }

  list(scope: TenantScope, query: PageQueryDto): Promise<Page<PeriodResponseDto>> {
    const qb = scoped(this.db.getRepository(PlanningPeriod).createQueryBuilder('p'), scope);
    return paginate(
      qb,
      { ...query, sort: query.sort ?? '-startYear' },
      ['startYear', 'name', 'createdAt'],
      toPeriodResponse,
    );
  }

  async get(scope: TenantScope, id: string): Promise<PeriodResponseDto> {
    return toPeriodResponse(await this.findVisible(scope, id));
  }

  async create(scope: TenantScope, dto: CreatePeriodDto): Promise<PeriodResponseDto> {
    const regionId = regionOf(scope);
    if (dto.endYear < dto.startYear || dto.endYear - dto.startYear + 1 > MAX_PERIOD_YEARS)
      throw new UnprocessableError(
        'INVALID_PERIOD',
        `endYear must be between startYear and startYear + ${MAX_PERIOD_YEARS - 1}`,
        [
          {
            field: 'endYear',
            messages: [`Tahun akhir harus antara ${dto.startYear} dan ${dto.startYear + MAX_PERIOD_YEARS - 1}.`],
          },
        ],
      );
    return this.db.transaction(async (m) => {
      const row = m.create(PlanningPeriod, {
        regionId,
        name: dto.name,
        startYear: dto.startYear,
        endYear: dto.endYear,
        legalBasis: dto.legalBasis ?? null,
      });
      await m.save(row);
      await this.audit.record(m, scope, {
        action: 'CREATE',
        entity: 'PlanningPeriod',
        entityId: row.id,
        regionId,
        after: toPeriodResponse(row),
      });
      return toPeriodResponse(row);
    });
  }

  async update(scope: TenantScope, id: string, dto: UpdatePeriodDto): Promise<PeriodResponseDto> {
    return this.db.transaction(async (m) => {
      const row = await this.findVisible(scope, id, m);
      const before = toPeriodResponse(row);
      const { version, ...changes } = dto;
      const saved = await updateWithVersion(m, PlanningPeriod, row, version, changes, 'Planning period');
      await this.audit.record(m, scope, {
        action: 'UPDATE',
        entity: 'PlanningPeriod',
        entityId: id,
        regionId: row.regionId,
        before,
        after: toPeriodResponse(saved),
      });
      return toPeriodResponse(saved);
    });
  }
}
