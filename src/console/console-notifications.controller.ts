import { Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequirePermission } from '../common/auth/decorators';
import { NotificationsService } from '../notifications/notifications.service';
import { ConsoleController } from './console-controller.decorator';
import { uuidParam } from './console-params';
import type { ConsoleRequest } from './console-session';
import { ConsoleViews } from './console-views';

/** "Pemberitahuan": the caller's inbox (reminders and notices) with links to the things they are about. */
@ConsoleController('pemberitahuan')
export class ConsoleNotificationsController {
  constructor(
    private readonly views: ConsoleViews,
    private readonly notifications: NotificationsService,
  ) {}

  @RequirePermission('notification.self')
  @Get()
  async list(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    const inbox = await this.notifications.inbox(req.scope!, { limit: 100 });
    this.views.render(req, res, 'pemberitahuan', {
      title: 'Pemberitahuan',
      items: inbox.items.map((n) => ({ ...n, unread: n.readAt === null })),
      unreadCount: inbox.unreadCount,
    });
  }

  @RequirePermission('notification.self')
  @Post('baca-semua')
  async readAll(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    await this.notifications.markAllRead(req.scope!);
    res.redirect(303, '/konsol/pemberitahuan');
  }

  /** Marks one notification read and opens what it is about. */
  @RequirePermission('notification.self')
  @Post(':id/buka')
  async open(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', uuidParam) id: string): Promise<void> {
    const n = await this.notifications.markRead(req.scope!, id);
    res.redirect(303, n.link?.startsWith('/konsol') ? n.link : '/konsol/pemberitahuan');
  }
}
