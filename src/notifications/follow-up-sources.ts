import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, MoreThan, Not } from 'typeorm';
import { SignedDocument } from '../documents/entities/signed-document.entity';
import { EvaluationRecommendation } from '../evaluation/entities/evaluation-recommendation.entity';
import { Evaluation } from '../evaluation/entities/evaluation.entity';
import { PerformanceAgreement } from '../planning/entities/performance-agreement.entity';
import { followUpReminder, signaturePending } from './domain/messages';
import { dueReminder, OVERDUE_CATCH_UP_DAYS, PENDING_REMINDER_DAYS, pendingReminder } from './domain/reminder-rules';
import type { NewNotification } from './notification-outbox';
import { activeUsers, nearDeadlines, rulesOf, skpdNames, type RegionRules } from './reminder-context';

const DAY = 86_400_000;

/**
 * Things that wait on someone: a recommendation's follow-up before its due date (the SKPD's planners, until an
 * evaluator marks it DONE; a recommendation carried into a later evaluation is reminded there, not twice), and a
 * signed PK waiting for its second signer (the region's HEAD users, or its admins when it has none) on the
 * 1st, 3rd and 7th day of waiting.
 */
@Injectable()
export class FollowUpSources {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async dueNow(now: Date, regions: Map<string, RegionRules>): Promise<NewNotification[]> {
    return [...(await this.recommendations(now, regions)), ...(await this.signatures(now, regions))];
  }

  private async recommendations(now: Date, regions: Map<string, RegionRules>): Promise<NewNotification[]> {
    const m = this.db.manager;
    const recs = await m.find(EvaluationRecommendation, {
      where: { dueAt: nearDeadlines(now), status: Not('DONE'), skpdId: Not(IsNull()) },
    });
    if (!recs.length) return [];
    const carried = new Set(
      (
        await m.find(EvaluationRecommendation, {
          where: { carriedFromId: In(recs.map((r) => r.id)) },
          select: { carriedFromId: true },
        })
      ).map((r) => r.carriedFromId),
    );
    const years = new Map(
      (
        await m.find(Evaluation, {
          where: { id: In([...new Set(recs.map((r) => r.evaluationId))]) },
          select: { id: true, year: true },
        })
      ).map((e) => [e.id, e.year]),
    );
    const names = await skpdNames(m, [...new Set(recs.map((r) => r.skpdId!))]);
    const out: NewNotification[] = [];
    for (const r of recs) {
      if (carried.has(r.id) || !r.skpdId) continue;
      const { zone, days } = rulesOf(regions, r.regionId);
      const due = dueReminder(r.dueAt!, zone, now, days);
      if (!due) continue;
      const year = years.get(r.evaluationId) ?? now.getUTCFullYear();
      for (const u of await activeUsers(m, r.regionId, { role: 'PLANNER', skpdId: r.skpdId }))
        out.push({
          ...followUpReminder(due.kind, {
            skpdName: names.get(r.skpdId) ?? 'SKPD',
            year,
            text: r.text,
            dueDate: due.dueDate,
          }),
          regionId: r.regionId,
          userId: u.id,
          category: 'EVALUATION',
          kind: due.kind,
          subjectType: 'RECOMMENDATION',
          subjectId: r.id,
          dueKey: due.dueDate,
          link: `/konsol/lke/${r.evaluationId}`,
        });
    }
    return out;
  }

  private async signatures(now: Date, regions: Map<string, RegionRules>): Promise<NewNotification[]> {
    const m = this.db.manager;
    const horizon = new Date(now.getTime() - (Math.max(...PENDING_REMINDER_DAYS) + OVERDUE_CATCH_UP_DAYS) * DAY);
    const docs = await m.find(SignedDocument, { where: { complete: false, createdAt: MoreThan(horizon) } });
    if (!docs.length) return [];
    const pks = new Map(
      (
        await m.find(PerformanceAgreement, {
          where: { id: In(docs.map((d) => d.subjectId)) },
          select: { id: true, year: true, skpdId: true },
        })
      ).map((p) => [p.id, p]),
    );
    const names = await skpdNames(m, [...new Set([...pks.values()].map((p) => p.skpdId))]);
    const out: NewNotification[] = [];
    for (const d of docs) {
      const due = pendingReminder(d.createdAt, rulesOf(regions, d.regionId).zone, now);
      const pk = pks.get(d.subjectId);
      if (!due || !pk) continue;
      const heads = await activeUsers(m, d.regionId, { role: 'HEAD' });
      const signers = heads.length ? heads : await activeUsers(m, d.regionId, { role: 'REGION_ADMIN' });
      for (const u of signers)
        out.push({
          ...signaturePending(due.kind, {
            skpdName: names.get(pk.skpdId) ?? 'SKPD',
            year: pk.year,
            since: due.dueDate,
          }),
          regionId: d.regionId,
          userId: u.id,
          category: 'PK',
          kind: due.kind,
          subjectType: 'SIGNATURE',
          subjectId: d.id,
          dueKey: due.dueDate,
          link: `/konsol/pk/${d.subjectId}/dokumen`,
        });
    }
    return out;
  }
}
