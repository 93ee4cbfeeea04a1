import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { NotFoundError } from '../common/errors/domain-error';
import { type Page, paginate } from '../common/http/pagination';
import { regionOf, type TenantScope } from '../common/tenancy/tenant-scope';
import { GatewayChannel, MailChannel } from './channels';
import { parseChoices } from './domain/preferences';
import type {
  DeliveryDto,
  DeliveryQueryDto,
  InboxDto,
  InboxQueryDto,
  NotificationDto,
  PreferencesDto,
  PutPreferencesDto,
} from './dto/notification.dto';
import { NotificationDelivery } from './entities/notification-delivery.entity';
import { NotificationPreference } from './entities/notification-preference.entity';
import { Notification } from './entities/notification.entity';

const toDto = (n: Notification): NotificationDto => ({
  id: n.id,
  category: n.category,
  kind: n.kind,
  title: n.title,
  body: n.body,
  link: n.link,
  readAt: n.readAt?.toISOString() ?? null,
  createdAt: n.createdAt.toISOString(),
});

/** The caller's own inbox and channel preferences; every query is keyed by the caller's user id. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mail: MailChannel,
    private readonly gateway: GatewayChannel,
  ) {}

  async inbox(scope: TenantScope, q: InboxQueryDto): Promise<InboxDto> {
    const repo = this.db.getRepository(Notification);
    const where = { userId: scope.userId, ...(q.unreadOnly ? { readAt: IsNull() } : {}) };
    const items = await repo.find({
      where,
      order: { createdAt: 'DESC', id: 'ASC' },
      take: q.limit ?? 50,
      skip: q.offset ?? 0,
    });
    const unreadCount = await repo.count({ where: { userId: scope.userId, readAt: IsNull() } });
    return { items: items.map(toDto), unreadCount };
  }

  async unreadCount(userId: string): Promise<number> {
    return this.db.getRepository(Notification).count({ where: { userId, readAt: IsNull() } });
  }

  async markRead(scope: TenantScope, id: string): Promise<NotificationDto> {
    const repo = this.db.getRepository(Notification);
    const n = await repo.findOneBy({ id, userId: scope.userId });
    if (!n) throw new NotFoundError('Notification');
    if (!n.readAt) {
      n.readAt = new Date();
      await repo.update({ id, userId: scope.userId }, { readAt: n.readAt });
    }
    return toDto(n);
  }

  async markAllRead(scope: TenantScope): Promise<{ updated: number }> {
    const res = await this.db
      .getRepository(Notification)
      .update({ userId: scope.userId, readAt: IsNull() }, { readAt: new Date() });
    return { updated: res.affected ?? 0 };
  }

  /** The region's deliveries in one state (FAILED by default), for the admin to see what did not arrive. */
  async deliveries(scope: TenantScope, q: DeliveryQueryDto): Promise<Page<DeliveryDto>> {
    const qb = this.db
      .getRepository(NotificationDelivery)
      .createQueryBuilder('d')
      .innerJoinAndMapOne('d.notification', Notification, 'n', 'n.id = d.notificationId')
      .where('n.regionId = :regionId', { regionId: regionOf(scope) })
      .andWhere('d.status = :status', { status: q.status ?? 'FAILED' });
    return paginate(qb, { ...q, sort: q.sort ?? '-createdAt' }, ['createdAt', 'nextAttemptAt', 'attempts'], (d) => {
      const row = d as NotificationDelivery & { notification: Notification };
      return {
        id: row.id,
        notificationId: row.notificationId,
        userId: row.userId,
        channel: row.channel,
        status: row.status,
        attempts: row.attempts,
        nextAttemptAt: row.nextAttemptAt.toISOString(),
        lastError: row.lastError,
        sentAt: row.sentAt?.toISOString() ?? null,
        title: row.notification.title,
      };
    });
  }

  async preferences(scope: TenantScope): Promise<PreferencesDto> {
    const p = await this.db.getRepository(NotificationPreference).findOneBy({ userId: scope.userId });
    return {
      email: p?.email ?? null,
      phone: p?.phone ?? null,
      channels: parseChoices(p?.channels),
      available: { EMAIL: this.mail.configured, GATEWAY: this.gateway.configured },
    };
  }

  async putPreferences(scope: TenantScope, dto: PutPreferencesDto): Promise<PreferencesDto> {
    await this.db.transaction(async (m) => {
      const current = await m.findOneBy(NotificationPreference, { userId: scope.userId });
      const channels = { ...parseChoices(current?.channels), ...(dto.channels ?? {}) };
      const row = {
        userId: scope.userId,
        email: dto.email !== undefined ? dto.email : (current?.email ?? null),
        phone: dto.phone !== undefined ? dto.phone : (current?.phone ?? null),
        channels: JSON.stringify(channels),
      };
      if (current) await m.update(NotificationPreference, { userId: scope.userId }, row);
      else await m.insert(NotificationPreference, row);
    });
    return this.preferences(scope);
  }
}
