import { NotificationDelivery } from './entities/notification-delivery.entity';
import { NotificationPreference } from './entities/notification-preference.entity';
import { Notification } from './entities/notification.entity';

export const NOTIFICATION_ENTITIES = [Notification, NotificationDelivery, NotificationPreference];
