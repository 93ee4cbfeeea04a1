import { Module } from '@nestjs/common';
import { GatewayChannel, MailChannel } from './channels';
import { DeliveryWorker } from './delivery-worker';
import { NotificationOutbox } from './notification-outbox';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { ReminderScheduler } from './reminder-scheduler';
import { FollowUpSources } from './follow-up-sources';
import { PkDeadlineSources } from './pk-deadline-sources';
import { ReminderSources } from './reminder-sources';
import { WeeklyDigest } from './weekly-digest';

/** Reminders (H-n/overdue per region, pending signatures, the weekly digest), immediate notices, the inbox, e-mail and the HTTP gateway. */
@Module({
  controllers: [NotificationsController],
  providers: [
    MailChannel,
    GatewayChannel,
    NotificationOutbox,
    PkDeadlineSources,
    FollowUpSources,
    WeeklyDigest,
    ReminderSources,
    DeliveryWorker,
    ReminderScheduler,
    NotificationsService,
  ],
  exports: [NotificationOutbox, ReminderScheduler, NotificationsService, MailChannel, GatewayChannel],
})
export class NotificationsModule {}
