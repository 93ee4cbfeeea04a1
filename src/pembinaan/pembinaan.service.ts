import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { NotFoundError, StaleVersionError, UnprocessableError } from '../common/errors/domain-error';
import { regionOf, type TenantScope } from '../common/tenancy/tenant-scope';
import { Region } from '../organization/entities/region.entity';
import { childRegion } from '../provinces/province-access';
import type { CreatePembinaanDto, PembinaanFollowUpDto } from './dto/pembinaan.dto';
import { PembinaanRecommendation } from './entities/pembinaan-recommendation.entity';
import { PembinaanVisit } from './entities/pembinaan-visit.entity';
import { pembinaanHistory, toPembinaanJson, toRecommendationJson } from './pembinaan-history';

/**
 * Pembinaan (issue 21 item 4): a province records assistance to one of its kabupaten/kota; the kabupaten/kota's
 * admin records the follow-up of each recommendation. A province reaches only its children (childRegion), a
 * kabupaten/kota only its own rows; anything else is a 404.
 */
@Injectable()
export class PembinaanService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Records a pembinaan and its recommendations in one transaction. */
  async record(scope: TenantScope, regionId: string, dto: CreatePembinaanDto) {
    const early = dto.recommendations.findIndex((r) => r.dueDate < dto.date);
    return this.db.transaction(async (m) => {
      const region = await childRegion(m, scope, regionId);
      if (early >= 0)
        throw new UnprocessableError('DUE_BEFORE_PEMBINAAN', 'A recommendation is due before the pembinaan date', [
          { field: `recommendations.${early}.dueDate`, messages: ['dueDate must not be before date'] },
        ]);
      const visit = await m.save(
        m.create(PembinaanVisit, {
          provinceId: regionOf(scope),
          regionId: region.id,
          visitDate: dto.date,
          topic: dto.topic,
          findings: dto.findings,
          createdBy: scope.userId,
        }),
      );
      const recs = await m.save(
        dto.recommendations.map((r, i) =>
          m.create(PembinaanRecommendation, {
            visitId: visit.id,
            regionId: region.id,
            ordinal: i + 1,
            text: r.text,
            dueDate: r.dueDate,
            followUp: null,
            status: 'OPEN',
            followedUpBy: null,
            followedUpAt: null,
          }),
        ),
      );
      const json = toPembinaanJson(visit, recs);
      await this.audit.record(m, scope, {
        action: 'CREATE',
        entity: 'PembinaanVisit',
        entityId: visit.id,
        regionId: region.id,
        after: { date: json.date, topic: json.topic, recommendations: json.recommendations.length },
      });
      return json;
    });
  }

  /** A child kabupaten/kota's pembinaan history, for its province. */
  async historyOfChild(scope: TenantScope, regionId: string, year?: number) {
    const m = this.db.manager;
    return pembinaanHistory(m, await childRegion(m, scope, regionId), year);
  }

  /** The caller's own region's pembinaan history (a kabupaten/kota never sees a sibling's). */
  async ownHistory(scope: TenantScope, year?: number) {
    const m = this.db.manager;
    const region = await m.findOneBy(Region, { id: regionOf(scope) });
    if (!region) throw new NotFoundError('Region');
    return pembinaanHistory(m, region, year);
  }

  /** The kabupaten/kota's follow-up (text and status) of one of its recommendations. */
  async followUp(scope: TenantScope, recommendationId: string, dto: PembinaanFollowUpDto) {
    return this.db.transaction(async (m) => {
      const rec = await m.findOneBy(PembinaanRecommendation, { id: recommendationId, regionId: regionOf(scope) });
      if (!rec) throw new NotFoundError('Pembinaan recommendation');
      if (rec.version !== dto.version) throw new StaleVersionError('Pembinaan recommendation');
      const before = { followUp: rec.followUp, status: rec.status };
      const changes = { followUp: dto.followUp, status: dto.status, followedUpBy: scope.userId, followedUpAt: new Date() };
      const res = await m.update(
        PembinaanRecommendation,
        { id: rec.id, version: rec.version },
        { ...changes, version: rec.version + 1 },
      );
      if (!res.affected) throw new StaleVersionError('Pembinaan recommendation');
      await this.audit.record(m, scope, {
        action: 'UPDATE',
        entity: 'PembinaanRecommendation',
        entityId: rec.id,
        regionId: rec.regionId,
        before,
        after: { followUp: dto.followUp, status: dto.status },
      });
      return toRecommendationJson({ ...rec, ...changes, version: rec.version + 1 });
    });
  }
}
