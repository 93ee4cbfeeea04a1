import type { PopulateStep, TenantFixture } from '../access/tenant-fixtures';
import { Notification } from '../../src/notifications/entities/notification.entity';
import { stableId } from '../../src/notifications/domain/reminder-rules';

/** Notification routes in the access matrix: a notification is its recipient's alone (others get 404). */
export const NOTIFICATION_PARAM_RESOURCES: Record<string, { resource: string; skpdOwned: boolean }> = {
  'notifications/:id': { resource: 'notification', skpdOwned: true },
};

export const NOTIFICATION_BODIES: Record<string, (f: TenantFixture) => object> = {
  'POST /api/v1/notifications/:id/read': () => ({}),
  'POST /api/v1/notifications/read-all': () => ({}),
  'PUT /api/v1/notifications/preferences': () => ({ email: 'matriks@pemda.example', channels: { PK: [] } }),
};

/** A notice in the inbox of a planner of the other SKPD. */
export const populateNotifications: PopulateStep = async (t, f) => {
  const planner = await t.make.user({ role: 'PLANNER', regionId: f.regionId, skpdId: f.otherSkpdId });
  const id = stableId(planner.id, 'fixture');
  await t.make.db.getRepository(Notification).insert({
    id,
    regionId: f.regionId,
    userId: planner.id,
    category: 'PK',
    kind: 'IMMEDIATE',
    subjectType: 'PK',
    subjectId: 'fixture',
    dueKey: 'fixture',
    title: 'PK 2031 dikembalikan untuk diperbaiki',
    body: 'Perjanjian Kinerja 2031 dikembalikan dengan alasan: matriks akses',
    link: null,
    readAt: null,
  });
  f.ids.notification = id;
};
