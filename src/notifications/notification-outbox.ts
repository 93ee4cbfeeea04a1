import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { In, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { User } from '../auth/entities/user.entity';
import type { Role } from '../auth/roles';
import { Region } from '../organization/entities/region.entity';
import { GatewayChannel, MailChannel } from './channels';
import { channelsFor } from './domain/preferences';
import { afterQuietHours, stableId, type NotificationCategory, type NotificationKind } from './domain/reminder-rules';
import type { MessageText } from './domain/messages';
import { NotificationDelivery } from './entities/notification-delivery.entity';
import { NotificationPreference } from './entities/notification-preference.entity';
import { Notification } from './entities/notification.entity';

/** A notification to write: recipient, what it is about, its unique key and its text. */
export interface NewNotification extends MessageText {
  regionId: string;
  userId: string;
  category: NotificationCategory;
  kind: NotificationKind;
  subjectType: string;
  subjectId: string;
  dueKey: string;
  link: string | null;
}

const CHUNK = 200;
const chunks = <T>(xs: T[]): T[][] =>
  Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

/**
 * INSERT that skips rows whose key exists. `updateEntity(false)`: after an insert TypeORM re-reads default columns
 * and writes them back into the value objects by position, which with skipped rows would give objects other rows' ids.
 */
async function insertIgnoring<T extends ObjectLiteral>(
  m: EntityManager,
  target: EntityTarget<T>,
  rows: QueryDeepPartialEntity<T>[],
) {
  await m.createQueryBuilder().insert().into(target).values(rows).orIgnore().updateEntity(false).execute();
}

/**
 * Writes notifications and their deliveries into the outbox, always through the caller's EntityManager (the
 * action's own transaction for immediate notices). Ids derive from the unique key and every insert ignores
 * duplicates, so replicas computing the same reminder write it once.
 */
@Injectable()
export class NotificationOutbox {
  constructor(
    private readonly mail: MailChannel,
    private readonly gateway: GatewayChannel,
  ) {}

  /**
   * Inserts first (ignoring duplicates), so on SQLite the transaction takes the write lock before it reads. The
   * deliveries of a reminder that already existed are ignored the same way; a channel added meanwhile joins in.
   */
  async record(m: EntityManager, items: NewNotification[], now: Date): Promise<number> {
    const withIds = items.map((n) => ({
      ...n,
      id: stableId(n.userId, n.subjectType, n.subjectId, n.dueKey, n.kind),
    }));
    if (!withIds.length) return 0;
    for (const part of chunks(withIds)) await insertIgnoring(m, Notification, part);
    await this.queueDeliveries(m, withIds, now);
    return withIds.length;
  }

  /** Immediate notices (IMMEDIATE kind) to the active users of a region with a role, optionally of one SKPD. */
  async notifyRole(
    m: EntityManager,
    target: { regionId: string; role: Role; skpdId?: string; qa?: boolean },
    notice: Omit<NewNotification, 'regionId' | 'userId' | 'kind' | 'dueKey'>,
    now = new Date(),
  ): Promise<void> {
    const users = await m.find(User, {
      where: {
        regionId: target.regionId,
        role: target.role,
        active: true,
        ...(target.skpdId ? { skpdId: target.skpdId } : {}),
        ...(target.qa !== undefined ? { isQa: target.qa } : {}),
      },
      select: { id: true },
    });
    const dueKey = randomUUID();
    await this.record(
      m,
      users.map((u) => ({ ...notice, regionId: target.regionId, userId: u.id, kind: 'IMMEDIATE', dueKey })),
      now,
    );
  }

  private async queueDeliveries(m: EntityManager, fresh: (NewNotification & { id: string })[], now: Date) {
    const configured = { EMAIL: this.mail.configured, GATEWAY: this.gateway.configured };
    if (!configured.EMAIL && !configured.GATEWAY) return;
    const userIds = [...new Set(fresh.map((n) => n.userId))];
    const prefs = new Map<string, NotificationPreference>();
    for (const part of chunks(userIds))
      for (const p of await m.find(NotificationPreference, { where: { userId: In(part) } })) prefs.set(p.userId, p);
    const regionIds = [...new Set(fresh.map((n) => n.regionId))];
    const zones = new Map(
      (await m.find(Region, { where: { id: In(regionIds) }, select: { id: true, timezone: true } })).map((r) => [
        r.id,
        r.timezone,
      ]),
    );
    const rows = fresh.flatMap((n) =>
      channelsFor(n.category, prefs.get(n.userId), configured).map((channel) => ({
        id: stableId(n.id, channel),
        notificationId: n.id,
        userId: n.userId,
        channel,
        status: 'PENDING' as const,
        attempts: 0,
        nextAttemptAt: afterQuietHours(now, zones.get(n.regionId) ?? 'Asia/Jakarta'),
        leaseUntil: null,
        lastError: null,
        sentAt: null,
      })),
    );
    for (const part of chunks(rows))
      if (part.length)
        await m.createQueryBuilder().insert().into(NotificationDelivery).values(part).orIgnore().execute();
  }
}
