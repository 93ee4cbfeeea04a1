import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentScope, RequirePermission } from '../common/auth/decorators';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { DeliveryQueryDto, InboxQueryDto, PutPreferencesDto } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

/** The caller's inbox (reminders and notices, newest first, with the unread count) and channel preferences. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly service: NotificationsService) {}

  @RequirePermission('notification.self')
  @Get()
  inbox(@CurrentScope() scope: TenantScope, @Query() query: InboxQueryDto) {
    return this.service.inbox(scope, query);
  }

  @RequirePermission('notification.self')
  @Post('read-all')
  @HttpCode(200)
  readAll(@CurrentScope() scope: TenantScope) {
    return this.service.markAllRead(scope);
  }

  /** The region's e-mail and gateway deliveries by state: FAILED (default), PENDING, SENT or CANCELLED. */
  @RequirePermission('notification.admin')
  @Get('deliveries')
  deliveries(@CurrentScope() scope: TenantScope, @Query() query: DeliveryQueryDto) {
    return this.service.deliveries(scope, query);
  }

  @RequirePermission('notification.self')
  @Get('preferences')
  preferences(@CurrentScope() scope: TenantScope) {
    return this.service.preferences(scope);
  }

  /** E-mail address, gateway number and, per category, the channels beside the inbox ([] unsubscribes). */
  @RequirePermission('notification.self')
  @Put('preferences')
  putPreferences(@CurrentScope() scope: TenantScope, @Body() dto: PutPreferencesDto) {
    return this.service.putPreferences(scope, dto);
  }

  @RequirePermission('notification.self')
  @Post(':id/read')
  @HttpCode(200)
  read(@CurrentScope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string) {
    return this.service.markRead(scope, id);
  }
}
