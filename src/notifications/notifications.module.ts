import { Module } from '@nestjs/common';
import { GatewayChannel, MailChannel } from './channels';
import { DeliveryWorker } from './delivery-worker';
import { NotificationOutbox } from './notification-outbox';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { ReminderScheduler } from './reminder-scheduler';
import { ReminderSources } from './reminder-sources';

/** Reminders (H-7/H-3/H-1/overdue), immediate notices, the inbox, e-mail and the HTTP gateway. */
@Module({
  controllers: [NotificationsController],
  providers: [
    MailChannel,
    GatewayChannel,
    NotificationOutbox,
    ReminderSources,
    DeliveryWorker,
    ReminderScheduler,
    NotificationsService,
  ],
  exports: [NotificationOutbox, ReminderScheduler, NotificationsService, MailChannel, GatewayChannel],
})
export class NotificationsModule {}
