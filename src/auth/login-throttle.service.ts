import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { DomainError } from '../common/errors/domain-error';
import { LoginThrottle } from './entities/login-throttle.entity';

/** Counts failed logins per username + IP; after LOGIN_MAX_FAILURES the pair is locked for LOGIN_LOCK_SECONDS. */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectRepository(LoginThrottle) private readonly rows: Repository<LoginThrottle>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private key(username: string, ip: string): string {
    return createHash('sha256').update(`${username.toLowerCase()}|${ip}`).digest('hex');
  }

  async assertAllowed(username: string, ip: string, now = new Date()): Promise<void> {
    const row = await this.rows.findOneBy({ key: this.key(username, ip) });
    if (row?.lockedUntil && row.lockedUntil > now) {
      const seconds = Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 1000);
      throw new DomainError(
        'TOO_MANY_LOGIN_ATTEMPTS',
        'too_many',
        `Too many failed logins; try again in ${seconds} seconds`,
        undefined,
        {
          'Retry-After': String(seconds),
        },
      );
    }
  }

  async recordFailure(username: string, ip: string, now = new Date()): Promise<void> {
    const key = this.key(username, ip);
    const row = (await this.rows.findOneBy({ key })) ?? this.rows.create({ key, failures: 0, lockedUntil: null });
    const expiredLock = row.lockedUntil !== null && row.lockedUntil <= now;
    row.failures = (expiredLock ? 0 : row.failures) + 1;
    row.lockedUntil =
      row.failures >= this.config.LOGIN_MAX_FAILURES
        ? new Date(now.getTime() + this.config.LOGIN_LOCK_SECONDS * 1000)
        : expiredLock
          ? null
          : row.lockedUntil;
    row.updatedAt = now;
    await this.rows.save(row);
  }

  async reset(username: string, ip: string): Promise<void> {
    await this.rows.delete({ key: this.key(username, ip) });
  }
}
