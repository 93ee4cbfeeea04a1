import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Between, DataSource, In, IsNull, Not } from 'typeorm';
import { User } from '../auth/entities/user.entity';
import { Evaluation } from '../evaluation/entities/evaluation.entity';
import { Region } from '../organization/entities/region.entity';
import { Skpd } from '../organization/entities/skpd.entity';
import { Realisation } from '../performance/entities/realisation.entity';
import { ReportingWindow } from '../performance/entities/reporting-window.entity';
import { PerformanceAgreement } from '../planning/entities/performance-agreement.entity';
import { PkIndicator } from '../planning/entities/pk-indicator.entity';
import { evaluationReminder, realisationReminder } from './domain/messages';
import { dueReminder, OVERDUE_CATCH_UP_DAYS } from './domain/reminder-rules';
import type { NewNotification } from './notification-outbox';

const DAY = 86_400_000;

/**
 * What is due at `now`, read from the database: for every deadline near enough (within H-7 ahead and the overdue
 * catch-up behind), in its region's own zone, the one reminder it calls for, addressed to the active users who act.
 */
@Injectable()
export class ReminderSources {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async dueNow(now: Date): Promise<NewNotification[]> {
    const zones = new Map((await this.db.getRepository(Region).find()).map((r) => [r.id, r.timezone]));
    const near = Between(
      new Date(now.getTime() - (OVERDUE_CATCH_UP_DAYS + 1) * DAY),
      new Date(now.getTime() + 9 * DAY),
    );
    return [...(await this.realisationWindows(now, zones, near)), ...(await this.evaluationStages(now, zones, near))];
  }

  /** Planners of every SKPD whose effective PK has an indicator without a value for the quarter. */
  private async realisationWindows(now: Date, zones: Map<string, string>, near: ReturnType<typeof Between<Date>>) {
    const out: NewNotification[] = [];
    for (const w of await this.db.getRepository(ReportingWindow).find({ where: { deadline: near } })) {
      const zone = zones.get(w.regionId) ?? 'Asia/Jakarta';
      const due = dueReminder(w.deadline, zone, now);
      if (!due) continue;
      const skpdIds = await this.skpdWithMissingQuarter(w.regionId, w.year, w.quarter);
      if (!skpdIds.length) continue;
      const names = await this.skpdNames(skpdIds);
      const planners = await this.db.getRepository(User).find({
        where: { regionId: w.regionId, role: 'PLANNER', active: true, skpdId: In(skpdIds) },
        select: { id: true, skpdId: true },
      });
      for (const p of planners)
        out.push({
          ...realisationReminder(due.kind, {
            skpdName: names.get(p.skpdId!) ?? 'SKPD',
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

  private async skpdWithMissingQuarter(regionId: string, year: number, quarter: number): Promise<string[]> {
    const pks = await this.db.getRepository(PerformanceAgreement).find({
      where: { regionId, year, status: In(['APPROVED', 'LOCKED']), supersededAt: IsNull() },
      select: { id: true, skpdId: true },
    });
    if (!pks.length) return [];
    const indicators = await this.db.getRepository(PkIndicator).find({
      where: { pkId: In(pks.map((p) => p.id)) },
      select: { skpdId: true, indicatorId: true },
    });
    const reported = new Set(
      (
        await this.db.getRepository(Realisation).find({
          where: { regionId, year, quarter, value: Not(IsNull()) },
          select: { indicatorId: true },
        })
      ).map((r) => r.indicatorId),
    );
    return [...new Set(indicators.filter((i) => !reported.has(i.indicatorId)).map((i) => i.skpdId))];
  }

  private async skpdNames(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.db.getRepository(Skpd).find({ where: { id: In(ids) }, select: { id: true, name: true } });
    return new Map(rows.map((s) => [s.id, s.name]));
  }

  /** The open LKE stage of each current evaluation: planners (self-assessment), evaluators, then QA. */
  private async evaluationStages(now: Date, zones: Map<string, string>, near: ReturnType<typeof Between<Date>>) {
    const stages = [
      { status: 'SELF_ASSESSMENT', column: 'selfDeadline', role: 'PLANNER', qa: undefined },
      { status: 'EVALUATION', column: 'evaluationDeadline', role: 'EVALUATOR', qa: false },
      { status: 'QA_REVIEW', column: 'qaDeadline', role: 'EVALUATOR', qa: true },
    ] as const;
    const out: NewNotification[] = [];
    for (const s of stages) {
      const evaluations = await this.db.getRepository(Evaluation).find({
        where: { status: s.status, supersededAt: IsNull(), [s.column]: near },
        select: { id: true, regionId: true, skpdId: true, year: true, [s.column]: true },
      });
      for (const ev of evaluations) {
        const deadline = ev[s.column]!;
        const due = dueReminder(deadline, zones.get(ev.regionId) ?? 'Asia/Jakarta', now);
        if (!due) continue;
        if (s.role === 'PLANNER' && !ev.skpdId) continue;
        const users = await this.db.getRepository(User).find({
          where: {
            regionId: ev.regionId,
            role: s.role,
            active: true,
            ...(s.role === 'PLANNER' ? { skpdId: ev.skpdId! } : { isQa: s.qa }),
          },
          select: { id: true },
        });
        const subjectName = ev.skpdId ? ((await this.skpdNames([ev.skpdId])).get(ev.skpdId) ?? 'SKPD') : 'Pemda';
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
