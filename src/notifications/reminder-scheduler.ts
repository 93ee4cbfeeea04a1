import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { DeliveryWorker } from './delivery-worker';
import { NotificationOutbox } from './notification-outbox';
import { ReminderSources } from './reminder-sources';

export interface TickResult {
  /** Reminders due at this run (already recorded ones included: their inserts are ignored). */
  due: number;
  sent: number;
}

/**
 * One run: record what is due (idempotent inserts), then send pending deliveries (leased). The database is the
 * only source of truth, so runs on several replicas, restarts and missed runs neither duplicate nor lose a reminder.
 * A timer runs it every REMINDER_INTERVAL_SECONDS (0 = off; tests call tick with their own clock).
 */
@Injectable()
export class ReminderScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(ReminderScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<TickResult> | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sources: ReminderSources,
    private readonly outbox: NotificationOutbox,
    private readonly worker: DeliveryWorker,
  ) {}

  async tick(now: Date = new Date()): Promise<TickResult> {
    const due = await this.sources.dueNow(now);
    const recorded = due.length ? await this.db.transaction((m) => this.outbox.record(m, due, now)) : 0;
    const sent = await this.worker.sendDue(now);
    return { due: recorded, sent };
  }

  onApplicationBootstrap(): void {
    const seconds = this.config.REMINDER_INTERVAL_SECONDS;
    if (seconds <= 0) return;
    this.timer = setInterval(() => void this.runOnce(), seconds * 1000);
    this.timer.unref();
  }

  /** A timer run: skipped while the previous one is still going; errors are logged, never thrown. */
  private async runOnce(): Promise<void> {
    if (this.running) return;
    this.running = this.tick();
    try {
      const r = await this.running;
      if (r.sent) this.log.log(r, 'reminders run');
    } catch (err) {
      this.log.error({ err: err instanceof Error ? err.message : String(err) }, 'reminders run failed');
    } finally {
      this.running = null;
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }
}
