import { Between, In, IsNull, Not, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { User } from '../auth/entities/user.entity';
import { DEFAULT_TIME_ZONE } from '../common/time/zoned-time';
import { parseReminderDays, REMINDER_DAY_LIMITS } from '../organization/domain/reminder-days';
import { Region } from '../organization/entities/region.entity';
import { Skpd } from '../organization/entities/skpd.entity';
import { Realisation } from '../performance/entities/realisation.entity';
import { PerformanceAgreement } from '../planning/entities/performance-agreement.entity';
import { PkIndicator } from '../planning/entities/pk-indicator.entity';
import { OVERDUE_CATCH_UP_DAYS } from './domain/reminder-rules';

const DAY = 86_400_000;

/** What reminders need to know of a region: its zone and its reminder days. */
export interface RegionRules {
  zone: string;
  days: number[];
}

/** Every region's zone and reminder days. */
export async function regionRules(m: EntityManager): Promise<Map<string, RegionRules>> {
  const regions = await m.find(Region, { select: { id: true, timezone: true, reminderDays: true } });
  return new Map(regions.map((r) => [r.id, { zone: r.timezone, days: parseReminderDays(r.reminderDays) }]));
}

export const rulesOf = (regions: Map<string, RegionRules>, regionId: string): RegionRules =>
  regions.get(regionId) ?? { zone: DEFAULT_TIME_ZONE, days: parseReminderDays(null) };

/** Deadlines near enough to call for a reminder: up to the longest reminder day ahead, the overdue catch-up behind. */
export const nearDeadlines = (now: Date) =>
  Between(
    new Date(now.getTime() - (OVERDUE_CATCH_UP_DAYS + 1) * DAY),
    new Date(now.getTime() + (REMINDER_DAY_LIMITS.max + 2) * DAY),
  );

/** The active users of a region with a role (optionally more conditions), ids and SKPD only. */
export function activeUsers(m: EntityManager, regionId: string, where: FindOptionsWhere<User>) {
  return m.find(User, { where: { regionId, active: true, ...where }, select: { id: true, skpdId: true } });
}

export async function skpdNames(m: EntityManager, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await m.find(Skpd, { where: { id: In(ids) }, select: { id: true, name: true } });
  return new Map(rows.map((s) => [s.id, s.name]));
}

/**
 * Realisation completeness of a region's year: for every SKPD with an effective (approved or locked) PK, the quarters
 * in which every indicator of that PK has a value. SKPD without an effective PK are absent.
 */
export async function quartersFilled(
  m: EntityManager,
  regionId: string,
  year: number,
): Promise<Map<string, Set<number>>> {
  const pks = await m.find(PerformanceAgreement, {
    where: { regionId, year, status: In(['APPROVED', 'LOCKED']), supersededAt: IsNull() },
    select: { id: true, skpdId: true },
  });
  const out = new Map<string, Set<number>>(pks.map((p) => [p.skpdId, new Set([1, 2, 3, 4])]));
  if (!pks.length) return out;
  const indicators = await m.find(PkIndicator, {
    where: { pkId: In(pks.map((p) => p.id)) },
    select: { skpdId: true, indicatorId: true },
  });
  const reported = new Set(
    (
      await m.find(Realisation, {
        where: { regionId, year, value: Not(IsNull()) },
        select: { indicatorId: true, quarter: true },
      })
    ).map((r) => `${r.indicatorId}:${r.quarter}`),
  );
  for (const i of indicators)
    for (const q of [1, 2, 3, 4]) if (!reported.has(`${i.indicatorId}:${q}`)) out.get(i.skpdId)?.delete(q);
  return out;
}
