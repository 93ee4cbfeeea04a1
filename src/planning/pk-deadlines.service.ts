import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { UnprocessableError } from '../common/errors/domain-error';
import { regionOf, type TenantScope } from '../common/tenancy/tenant-scope';
import { regionInstant, regionTimeZone } from '../organization/region-time-zone';
import { type PkDeadlinesResponseDto, type PutPkDeadlinesDto, toPkDeadlinesResponse } from './dto/pk-deadline.dto';
import { PkDeadline } from './entities/pk-deadline.entity';

/** The PK submission and approval deadlines of the caller's region, per year (read by reminders). */
@Injectable()
export class PkDeadlinesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(scope: TenantScope, year: number): Promise<PkDeadlinesResponseDto> {
    const row = await this.db.getRepository(PkDeadline).findOne({ where: { regionId: regionOf(scope), year } });
    return toPkDeadlinesResponse(year, row);
  }

  /** Sets both deadlines (omitted = unchanged, null = none); approval cannot close before submission. Audited. */
  async put(scope: TenantScope, dto: PutPkDeadlinesDto): Promise<PkDeadlinesResponseDto> {
    const regionId = regionOf(scope);
    return this.db.transaction(async (m) => {
      const zone = await regionTimeZone(m, regionId);
      const existing = await m.findOne(PkDeadline, { where: { regionId, year: dto.year } });
      const at = (raw: string | null | undefined, current: Date | null | undefined) =>
        raw === undefined ? (current ?? null) : raw === null ? null : regionInstant(raw, zone);
      const submitDeadline = at(dto.submitDeadline, existing?.submitDeadline);
      const approvalDeadline = at(dto.approvalDeadline, existing?.approvalDeadline);
      if (submitDeadline && approvalDeadline && approvalDeadline.getTime() < submitDeadline.getTime())
        throw new UnprocessableError(
          'PK_DEADLINES_ORDER',
          'The approval deadline cannot precede the submission deadline',
          [{ field: 'approvalDeadline', messages: ['must not be before submitDeadline'] }],
        );
      if (existing)
        await m.update(
          PkDeadline,
          { id: existing.id },
          { submitDeadline, approvalDeadline, version: existing.version + 1 },
        );
      else await m.insert(PkDeadline, { regionId, year: dto.year, submitDeadline, approvalDeadline, version: 1 });
      const row = await m.findOneOrFail(PkDeadline, { where: { regionId, year: dto.year } });
      await this.audit.record(m, scope, {
        action: existing ? 'UPDATE' : 'CREATE',
        entity: 'PkDeadline',
        entityId: row.id,
        regionId,
        before: existing ? toPkDeadlinesResponse(dto.year, existing) : null,
        after: toPkDeadlinesResponse(dto.year, row),
      });
      return toPkDeadlinesResponse(dto.year, row);
    });
  }
}
