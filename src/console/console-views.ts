import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Region } from '../organization/entities/region.entity';
import type { Response } from 'express';
import { ConsoleCsrf } from './console-csrf';
import { navFor, ROLE_LABELS } from './console-nav';
import { NotificationsService } from '../notifications/notifications.service';
import type { ConsoleRequest } from './console-session';

/** Renders a console page with what every page needs: the user, the menu and the CSRF token for its forms. */
@Injectable()
export class ConsoleViews {
  constructor(
    private readonly csrf: ConsoleCsrf,
    private readonly notifications: NotificationsService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Renders once the menu's unread count is known (a failed count shows no number rather than no page). */
  render(req: ConsoleRequest, res: Response, view: string, model: Record<string, unknown> = {}, status = 200): void {
    const scope = req.scope;
    const unread = scope ? this.notifications.unreadCount(scope.userId).catch(() => 0) : Promise.resolve(0);
    // Dates on the page are shown in the caller's region's zone (WIB / WITA / WIT).
    const zone = scope?.regionId
      ? this.db
          .getRepository(Region)
          .findOne({ select: { id: true, timezone: true }, where: { id: scope.regionId } })
          .then((r) => r?.timezone)
          .catch(() => undefined)
      : Promise.resolve(undefined);
    void Promise.all([unread, zone]).then(([count, zonaWaktu]) => {
      res.set('Cache-Control', 'private, no-store');
      res.status(status).render(view, {
        ...model,
        zonaWaktu,
        csrf: this.csrf.token(req, res),
        user: scope ? { username: scope.username, roleLabel: ROLE_LABELS[scope.role] } : null,
        nav: scope ? navFor(scope.role, req.path, { '/konsol/pemberitahuan': count }) : [],
      });
    });
  }
}
