import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../common/auth/decorators';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * 200 when the database answers a ping, 503 while it does not. Notification channels are reported, never failed:
   * without SMTP_URL mail is `configured: false` and the inbox still works.
   */
  @Public()
  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 1500 }),
      () => ({ mail: { status: 'up', configured: Boolean(this.config.SMTP_URL) } }),
      () => ({ gateway: { status: 'up', configured: Boolean(this.config.GATEWAY_URL) } }),
    ]);
  }
}
