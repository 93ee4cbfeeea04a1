import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { StaleVersionError } from '../common/errors/domain-error';
import { isUniqueViolation } from '../common/filters/to-error-body';
import { regionOf, type TenantScope } from '../common/tenancy/tenant-scope';
import { updateWithVersion } from '../common/typeorm/versioned-update';
import type { Region } from '../organization/entities/region.entity';
import type { CapaianRules } from './capaian-calculator';
import type { ZeroTargetConvention } from './domain/capaian';
import type { PutPerformanceSettingsDto } from './dto/realisation.dto';
import { PerformanceSettings } from './entities/performance-settings.entity';

export interface PerformanceSettingsResponse {
  blockOnDataQuality: boolean;
  /** What a lower-is-better indicator with target 0 scores: not computable (default) or the "zero cases" rule. */
  lowerIsBetterZeroTarget: ZeroTargetConvention;
  /** 0 while the region has the defaults (no row yet). */
  version: number;
}

const DEFAULTS: PerformanceSettingsResponse = {
  blockOnDataQuality: false,
  lowerIsBetterZeroTarget: 'NOT_COMPUTABLE',
  version: 0,
};

const toResponse = (row: PerformanceSettings): PerformanceSettingsResponse => ({
  blockOnDataQuality: row.blockOnDataQuality,
  lowerIsBetterZeroTarget: row.lowerIsBetterZeroTarget,
  version: row.version,
});

/** The capaian conventions of a region from its row and its performance settings. */
export const capaianRules = (
  region: Pick<Region, 'lowerIsBetterFormula'>,
  settings: Pick<PerformanceSettingsResponse, 'lowerIsBetterZeroTarget'>,
): CapaianRules => ({
  lowerIsBetterFormula: region.lowerIsBetterFormula,
  zeroTargetConvention: settings.lowerIsBetterZeroTarget,
});

/** Per-region realisation settings (REGION_ADMIN): whether data-quality warnings block a write. */
@Injectable()
export class PerformanceSettingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The region's settings, or the defaults. */
  async of(m: EntityManager, regionId: string): Promise<PerformanceSettingsResponse> {
    const row = await m.findOne(PerformanceSettings, { where: { regionId } });
    return row ? toResponse(row) : DEFAULTS;
  }

  /** The region's capaian conventions (its lower-is-better formula and zero-target rule). */
  async rulesOf(m: EntityManager, region: Pick<Region, 'id' | 'lowerIsBetterFormula'>): Promise<CapaianRules> {
    return capaianRules(region, await this.of(m, region.id));
  }

  get(scope: TenantScope): Promise<PerformanceSettingsResponse> {
    return this.of(this.db.manager, regionOf(scope));
  }

  /** Optimistic: the version read with GET (0 for the defaults); a stale one → 409 STALE_VERSION. Audited. */
  async put(scope: TenantScope, dto: PutPerformanceSettingsDto): Promise<PerformanceSettingsResponse> {
    const regionId = regionOf(scope);
    const changes = {
      blockOnDataQuality: dto.blockOnDataQuality,
      ...(dto.lowerIsBetterZeroTarget ? { lowerIsBetterZeroTarget: dto.lowerIsBetterZeroTarget } : {}),
      updatedBy: scope.userId,
    };
    return this.db.transaction(async (m) => {
      const row = await m.findOne(PerformanceSettings, { where: { regionId } });
      // Read before the update: updateWithVersion writes the changes into `row`.
      const before = row && {
        blockOnDataQuality: row.blockOnDataQuality,
        lowerIsBetterZeroTarget: row.lowerIsBetterZeroTarget,
      };
      let saved: PerformanceSettings;
      if (row) {
        saved = await updateWithVersion(m, PerformanceSettings, row, dto.version, changes, 'PerformanceSettings');
      } else {
        if (dto.version !== 0) throw new StaleVersionError('PerformanceSettings');
        try {
          saved = await m.save(m.create(PerformanceSettings, { regionId, ...changes }));
        } catch (err) {
          if (isUniqueViolation(err)) throw new StaleVersionError('PerformanceSettings');
          throw err;
        }
      }
      await this.audit.record(m, scope, {
        action: row ? 'UPDATE' : 'CREATE',
        entity: 'PerformanceSettings',
        entityId: saved.id,
        regionId,
        before,
        after: { blockOnDataQuality: saved.blockOnDataQuality, lowerIsBetterZeroTarget: saved.lowerIsBetterZeroTarget },
      });
      return toResponse(saved);
    });
  }
}
