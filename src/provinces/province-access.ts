import type { EntityManager } from 'typeorm';
import { NotFoundError } from '../common/errors/domain-error';
import { regionOf, type TenantScope } from '../common/tenancy/tenant-scope';
import { Region } from '../organization/entities/region.entity';

/**
 * Province oversight reaches exactly the kabupaten/kota whose provinceId is the caller's region. Anything else — a
 * region of another province, a sibling, the caller's own region, an unknown id — is a 404 like any foreign row.
 * (A kabupaten/kota caller has no children, so every child route is a 404 for it.)
 */
export async function childRegion(m: EntityManager, scope: TenantScope, regionId: string): Promise<Region> {
  const child = await m.findOneBy(Region, { id: regionId, provinceId: regionOf(scope) });
  if (!child) throw new NotFoundError('Region');
  return child;
}

/** The caller's kabupaten/kota (none unless the caller's region is a province with children), by code. */
export const childRegions = (m: EntityManager, scope: TenantScope): Promise<Region[]> =>
  m.find(Region, { where: { provinceId: regionOf(scope) }, order: { code: 'ASC' } });
