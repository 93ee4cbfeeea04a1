import type { EntityManager } from 'typeorm';
import { DEFAULT_TIME_ZONE, resolveLocalInstant } from '../common/time/zoned-time';
import { Region } from './entities/region.entity';

/** The region's IANA zone (WIB, WITA or WIT), read inside the caller's transaction. */
export async function regionTimeZone(m: EntityManager, regionId: string): Promise<string> {
  const region = await m.findOne(Region, { where: { id: regionId }, select: { id: true, timezone: true } });
  return region?.timezone ?? DEFAULT_TIME_ZONE;
}

/**
 * A deadline typed for a region as an instant: a date alone closes at the end of that day in the region's zone, a
 * local date-time is region time, an instant with an offset stays as it is. Input already passed the DTO's date check.
 */
export function regionInstant(raw: string, zone: string): Date {
  return resolveLocalInstant(raw, zone) ?? new Date(raw);
}
