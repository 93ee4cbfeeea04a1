import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { Evaluation } from '../evaluation/entities/evaluation.entity';
import { ReportingWindow } from '../performance/entities/reporting-window.entity';
import { evaluationReminder, realisationReminder } from './domain/messages';
import { dueReminder } from './domain/reminder-rules';
import { FollowUpSources } from './follow-up-sources';
import type { NewNotification } from './notification-outbox';
import { PkDeadlineSources } from './pk-deadline-sources';
import {
  activeUsers,
  nearDeadlines,
  quartersFilled,
  regionRules,
  rulesOf,
  skpdNames,
  type RegionRules,
} from './reminder-context';
import { WeeklyDigest } from './weekly-digest';

/**
 * What is due at `now`, read from the database: for every deadline near enough (within the region's longest
 * reminder day ahead and the overdue catch-up behind), in its region's own zone and with its region's reminder days,
 * the one reminder it calls for, addressed to the active users who act; plus pending signatures and the weekly digest.
 */
@Injectable()
export class ReminderSources {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly pk: PkDeadlineSources,
    private readonly followUps: FollowUpSources,
    private readonly digest: WeeklyDigest,
  ) {}

  async dueNow(now: Date): Promise<NewNotification[]> {
    const regions = await regionRules(this.db.manager);
    return [
      ...(await this.realisationWindows(now, regions)),
      ...(await this.evaluationStages(now, regions)),
      ...(await this.pk.dueNow(now, regions)),
      ...(await this.followUps.dueNow(now, regions)),
      ...(await this.digest.dueNow(now, regions)),
    ];
  }

  /** Planners of every SKPD whose effective PK has an indicator without a value for the quarter. */
  private async realisationWindows(now: Date, regions: Map<string, RegionRules>) {
    const m = this.db.manager;
    const out: NewNotification[] = [];
    for (const w of await m.find(ReportingWindow, { where: { deadline: nearDeadlines(now) } })) {
      const { zone, days } = rulesOf(regions, w.regionId);
      const due = dueReminder(w.deadline, zone, now, days);
      if (!due) continue;
      const filled = await quartersFilled(m, w.regionId, w.year);
      const skpdIds = [...filled].filter(([, qs]) => !qs.has(w.quarter)).map(([id]) => id);
      if (!skpdIds.length) continue;
      const names = await skpdNames(m, skpdIds);
      for (const skpdId of skpdIds)
        for (const p of await activeUsers(m, w.regionId, { role: 'PLANNER', skpdId }))
          out.push({
            ...realisationReminder(due.kind, {
              skpdName: names.get(skpdId) ?? 'SKPD',
              year: w.year,
              quarter: w.quarter,
              dueDate: due.dueDate,
            }),
            regionId: w.regionId,
            userId: p.id,
            category: 'REALISATION',
            kind: due.kind,
            subjectType: 'REALISATION_WINDOW',
            subjectId: w.id,
            dueKey: due.dueDate,
            link: `/konsol/realisasi?tahun=${w.year}`,
          });
    }
    return out;
  }

  /** The open LKE stage of each current evaluation: planners (self-assessment), evaluators, then QA. */
  private async evaluationStages(now: Date, regions: Map<string, RegionRules>) {
    const stages = [
      { status: 'SELF_ASSESSMENT', column: 'selfDeadline', role: 'PLANNER', qa: undefined },
      { status: 'EVALUATION', column: 'evaluationDeadline', role: 'EVALUATOR', qa: false },
      { status: 'QA_REVIEW', column: 'qaDeadline', role: 'EVALUATOR', qa: true },
    ] as const;
    const m = this.db.manager;
    const out: NewNotification[] = [];
    for (const s of stages) {
      const evaluations = await m.find(Evaluation, {
        where: { status: s.status, supersededAt: IsNull(), [s.column]: nearDeadlines(now) },
        select: { id: true, regionId: true, skpdId: true, year: true, [s.column]: true },
      });
      for (const ev of evaluations) {
        const { zone, days } = rulesOf(regions, ev.regionId);
        const due = dueReminder(ev[s.column]!, zone, now, days);
        if (!due) continue;
        if (s.role === 'PLANNER' && !ev.skpdId) continue;
        const users = await activeUsers(
          m,
          ev.regionId,
          s.role === 'PLANNER' ? { role: s.role, skpdId: ev.skpdId! } : { role: s.role, isQa: s.qa },
        );
        const subjectName = ev.skpdId ? ((await skpdNames(m, [ev.skpdId])).get(ev.skpdId) ?? 'SKPD') : 'Pemda';
        for (const u of users)
          out.push({
            ...evaluationReminder(due.kind, { stage: s.status, subjectName, year: ev.year, dueDate: due.dueDate }),
            regionId: ev.regionId,
            userId: u.id,
            category: 'EVALUATION',
            kind: due.kind,
            subjectType: `LKE_${s.status}`,
            subjectId: ev.id,
            dueKey: due.dueDate,
            link: `/konsol/lke/${ev.id}`,
          });
      }
    }
    return out;
  }
}
