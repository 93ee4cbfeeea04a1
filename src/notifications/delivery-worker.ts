import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource } from 'typeorm';
import { User } from '../auth/entities/user.entity';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { Region } from '../organization/entities/region.entity';
import { GatewayChannel, MailChannel, PermanentDeliveryError, type OutgoingMessage } from './channels';
import { emailOf } from './domain/messages';
import { afterQuietHours, MAX_DELIVERY_ATTEMPTS, retryDelaySeconds, safeError } from './domain/reminder-rules';
import { NotificationDelivery } from './entities/notification-delivery.entity';
import { NotificationPreference } from './entities/notification-preference.entity';
import { Notification } from './entities/notification.entity';

/** How long a replica owns a delivery it claimed; after that another may take it over. */
const LEASE_MS = 5 * 60_000;
const BATCH = 100;

/**
 * Sends pending deliveries: each is claimed with a conditional UPDATE (only one replica's succeeds), sent, and
 * marked SENT, or retried later with backoff (network errors, SMTP 4xx, gateway 5xx), or FAILED (4xx from the
 * gateway, SMTP 5xx, too many attempts). Deactivated users and missing addresses cancel the delivery.
 */
@Injectable()
export class DeliveryWorker {
  private readonly log = new Logger(DeliveryWorker.name);
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mail: MailChannel,
    private readonly gateway: GatewayChannel,
  ) {}

  async sendDue(now: Date): Promise<number> {
    const candidates = await this.db
      .getRepository(NotificationDelivery)
      .createQueryBuilder('d')
      .where('d.status = :pending AND d.nextAttemptAt <= :now', { pending: 'PENDING', now })
      .andWhere(new Brackets((b) => b.where('d.leaseUntil IS NULL').orWhere('d.leaseUntil < :now', { now })))
      .orderBy('d.nextAttemptAt', 'ASC')
      .limit(BATCH)
      .getMany();
    let sent = 0;
    for (const d of candidates) if ((await this.claim(d.id, now)) && (await this.deliver(d, now))) sent++;
    return sent;
  }

  private async claim(id: string, now: Date): Promise<boolean> {
    const res = await this.db
      .createQueryBuilder()
      .update(NotificationDelivery)
      .set({ leaseUntil: new Date(now.getTime() + LEASE_MS) })
      .where('id = :id AND status = :pending AND nextAttemptAt <= :now', { id, pending: 'PENDING', now })
      .andWhere(new Brackets((b) => b.where('leaseUntil IS NULL').orWhere('leaseUntil < :now', { now })))
      .execute();
    return res.affected === 1;
  }

  private async deliver(d: NotificationDelivery, now: Date): Promise<boolean> {
    const repo = this.db.getRepository(NotificationDelivery);
    const n = await this.db.getRepository(Notification).findOneBy({ id: d.notificationId });
    const user = await this.db.getRepository(User).findOneBy({ id: d.userId });
    const prefs = await this.db.getRepository(NotificationPreference).findOneBy({ userId: d.userId });
    const to = d.channel === 'EMAIL' ? prefs?.email : prefs?.phone;
    const cancel = !n || !user?.active ? 'recipient is not active' : !to ? 'no address for this channel' : null;
    if (cancel) {
      await repo.update({ id: d.id }, { status: 'CANCELLED', lastError: cancel, leaseUntil: null });
      return false;
    }
    const link = n!.link ? `${this.config.PUBLIC_URL}${n!.link}` : null;
    const message: OutgoingMessage = {
      to: to!,
      title: n!.title,
      body: n!.body,
      link,
      ...emailOf(n!, link, n!.category),
    };
    const attempts = d.attempts + 1;
    try {
      await (d.channel === 'EMAIL' ? this.mail : this.gateway).send(message);
      await repo.update({ id: d.id }, { status: 'SENT', attempts, sentAt: now, leaseUntil: null, lastError: null });
      return true;
    } catch (err) {
      const permanent = err instanceof PermanentDeliveryError || attempts >= MAX_DELIVERY_ATTEMPTS;
      const zone = (await this.db.getRepository(Region).findOneBy({ id: n!.regionId }))?.timezone ?? 'Asia/Jakarta';
      const retryAt = afterQuietHours(new Date(now.getTime() + retryDelaySeconds(attempts) * 1000), zone);
      await repo.update(
        { id: d.id },
        {
          status: permanent ? 'FAILED' : 'PENDING',
          attempts,
          nextAttemptAt: retryAt,
          leaseUntil: null,
          lastError: safeError(err),
        },
      );
      this.log.warn({ deliveryId: d.id, channel: d.channel, attempts, permanent }, 'notification delivery failed');
      return false;
    }
  }
}
