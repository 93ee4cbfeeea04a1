import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import { Skpd } from '../organization/entities/skpd.entity';
import { PerformanceAgreement } from '../planning/entities/performance-agreement.entity';
import { PkDeadline } from '../planning/entities/pk-deadline.entity';
import { pkApprovalReminder, pkSubmitReminder } from './domain/messages';
import { dueReminder } from './domain/reminder-rules';
import type { NewNotification } from './notification-outbox';
import { activeUsers, nearDeadlines, rulesOf, skpdNames, type RegionRules } from './reminder-context';

/**
 * PK deadlines of a region's year (pk_deadlines): planners of active SKPD whose PK is not yet submitted (no
 * revision submitted, approved or locked) before the submission deadline; region admins while PKs wait for approval
 * before the approval deadline (one reminder listing them).
 */
@Injectable()
export class PkDeadlineSources {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async dueNow(now: Date, regions: Map<string, RegionRules>): Promise<NewNotification[]> {
    const m = this.db.manager;
    const out: NewNotification[] = [];
    for (const d of await m.find(PkDeadline, { where: { submitDeadline: nearDeadlines(now) } })) {
      const { zone, days } = rulesOf(regions, d.regionId);
      const due = dueReminder(d.submitDeadline!, zone, now, days);
      if (!due) continue;
      const submitted = new Set(
        (
          await m.find(PerformanceAgreement, {
            where: { regionId: d.regionId, year: d.year, status: In(['SUBMITTED', 'APPROVED', 'LOCKED']) },
            select: { skpdId: true },
          })
        ).map((p) => p.skpdId),
      );
      const late = (
        await m.find(Skpd, { where: { regionId: d.regionId, active: true }, select: { id: true, name: true } })
      ).filter((s) => !submitted.has(s.id));
      for (const s of late)
        for (const u of await activeUsers(m, d.regionId, { role: 'PLANNER', skpdId: s.id }))
          out.push({
            ...pkSubmitReminder(due.kind, { skpdName: s.name, year: d.year, dueDate: due.dueDate }),
            regionId: d.regionId,
            userId: u.id,
            category: 'PK',
            kind: due.kind,
            subjectType: 'PK_SUBMIT',
            subjectId: d.id,
            dueKey: due.dueDate,
            link: `/konsol/pk?tahun=${d.year}`,
          });
    }
    for (const d of await m.find(PkDeadline, { where: { approvalDeadline: nearDeadlines(now) } })) {
      const { zone, days } = rulesOf(regions, d.regionId);
      const due = dueReminder(d.approvalDeadline!, zone, now, days);
      if (!due) continue;
      const waiting = await m.find(PerformanceAgreement, {
        where: { regionId: d.regionId, year: d.year, status: 'SUBMITTED', supersededAt: IsNull() },
        select: { skpdId: true },
      });
      if (!waiting.length) continue;
      const names = await skpdNames(
        m,
        waiting.map((p) => p.skpdId),
      );
      const skpdList = [...new Set(waiting.map((p) => names.get(p.skpdId) ?? 'SKPD'))].sort((a, b) =>
        a.localeCompare(b),
      );
      for (const u of await activeUsers(m, d.regionId, { role: 'REGION_ADMIN' }))
        out.push({
          ...pkApprovalReminder(due.kind, { year: d.year, skpdNames: skpdList, dueDate: due.dueDate }),
          regionId: d.regionId,
          userId: u.id,
          category: 'PK',
          kind: due.kind,
          subjectType: 'PK_APPROVAL',
          subjectId: d.id,
          dueKey: due.dueDate,
          link: '/konsol/admin/pk',
        });
    }
    return out;
  }
}
