import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import { localDateOf } from '../common/time/zoned-time';
import { Evaluation } from '../evaluation/entities/evaluation.entity';
import { Skpd } from '../organization/entities/skpd.entity';
import { PerformanceAgreement } from '../planning/entities/performance-agreement.entity';
import { weeklyDigest, type DigestRow } from './domain/messages';
import { digestWeekDue } from './domain/reminder-rules';
import { Notification } from './entities/notification.entity';
import type { NewNotification } from './notification-outbox';
import { activeUsers, quartersFilled, type RegionRules } from './reminder-context';

/**
 * The weekly completeness digest to a region's admins: per active SKPD, the quarters of this year's realisation
 * filled, the PK's status and the latest LKE's stage. Due from Monday 07:00 region time; keyed by the ISO week
 * (dueKey "2026-W49"), so it exists once per admin and week however many replicas and runs compute it, and a run
 * later in the week catches up. Once a region's digest of a week exists it is not computed again.
 */
@Injectable()
export class WeeklyDigest {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async dueNow(now: Date, regions: Map<string, RegionRules>): Promise<NewNotification[]> {
    const m = this.db.manager;
    const out: NewNotification[] = [];
    for (const [regionId, { zone }] of regions) {
      const week = digestWeekDue(now, zone);
      if (!week) continue;
      const admins = await activeUsers(m, regionId, { role: 'REGION_ADMIN' });
      if (!admins.length) continue;
      const done = await m.count(Notification, {
        where: { userId: In(admins.map((a) => a.id)), subjectType: 'DIGEST', subjectId: regionId, dueKey: week },
      });
      if (done) continue;
      const year = Number(localDateOf(now, zone).slice(0, 4));
      const text = weeklyDigest({ week, year, rows: await this.rows(regionId, year) });
      for (const u of admins)
        out.push({
          ...text,
          regionId,
          userId: u.id,
          category: 'DIGEST',
          kind: 'WEEKLY',
          subjectType: 'DIGEST',
          subjectId: regionId,
          dueKey: week,
          link: '/konsol',
        });
    }
    return out;
  }

  /** One row per active SKPD, by name. */
  private async rows(regionId: string, year: number): Promise<DigestRow[]> {
    const m = this.db.manager;
    const skpd = await m.find(Skpd, {
      where: { regionId, active: true },
      select: { id: true, name: true },
      order: { name: 'ASC', id: 'ASC' },
    });
    if (!skpd.length) return [];
    const filled = await quartersFilled(m, regionId, year);
    const pkStatus = new Map<string, { revision: number; status: string }>();
    for (const p of await m.find(PerformanceAgreement, {
      where: { regionId, year },
      select: { skpdId: true, revision: true, status: true },
    }))
      if ((pkStatus.get(p.skpdId)?.revision ?? -1) < p.revision) pkStatus.set(p.skpdId, p);
    const evaluation = new Map<string, { year: number; status: string }>();
    for (const e of await m.find(Evaluation, {
      where: { regionId, skpdId: In(skpd.map((s) => s.id)), supersededAt: IsNull() },
      select: { skpdId: true, year: true, status: true },
    }))
      if ((evaluation.get(e.skpdId!)?.year ?? 0) < e.year) evaluation.set(e.skpdId!, e);
    return skpd.map((s) => ({
      skpdName: s.name,
      quartersFilled: [...(filled.get(s.id) ?? [])].sort(),
      pkStatus: pkStatus.get(s.id)?.status ?? null,
      evaluation: evaluation.get(s.id) ?? null,
    }));
  }
}
