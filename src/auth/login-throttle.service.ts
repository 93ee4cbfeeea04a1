import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThan, LessThanOrEqual, MoreThanOrEqual, type Repository } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { DomainError } from '../common/errors/domain-error';
import { LoginThrottle } from './entities/login-throttle.entity';

/**
 * Counts password checks per username + IP; at most LOGIN_MAX_FAILURES of them may fail, then the pair is locked
 * for LOGIN_LOCK_SECONDS. A check is counted before it runs, by one conditional increment in the database, so
 * parallel attempts on any number of replicas cannot get more checks than that; a successful login clears the count.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectRepository(LoginThrottle) private readonly rows: Repository<LoginThrottle>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private key(username: string, ip: string): string {
    return createHash('sha256').update(`${username.toLowerCase()}|${ip}`).digest('hex');
  }

  /** Reserves one password check for the pair, or refuses with 429 (and checks nothing) while it is locked. */
  async reserveCheck(username: string, ip: string, now = new Date()): Promise<void> {
    const key = this.key(username, ip);
    const max = this.config.LOGIN_MAX_FAILURES;
    await this.rows
      .createQueryBuilder()
      .insert()
      .values({ key, failures: 0, lockedUntil: null, updatedAt: now })
      .orIgnore()
      .execute();
    await this.rows.update({ key, lockedUntil: LessThanOrEqual(now) }, { failures: 0, lockedUntil: null });
    const reserved = await this.rows.update(
      { key, failures: LessThan(max) },
      { failures: () => 'failures + 1', updatedAt: now },
    );
    if (!reserved.affected) throw await this.lockedError(key, now);
    // The last check allowed starts the lock; a successful login (reset) lifts it.
    const lockedUntil = new Date(now.getTime() + this.config.LOGIN_LOCK_SECONDS * 1000);
    await this.rows.update({ key, failures: MoreThanOrEqual(max), lockedUntil: IsNull() }, { lockedUntil });
  }

  async reset(username: string, ip: string): Promise<void> {
    await this.rows.delete({ key: this.key(username, ip) });
  }

  private async lockedError(key: string, now: Date): Promise<DomainError> {
    const lockedUntil = (await this.rows.findOneBy({ key }))?.lockedUntil;
    const ms = lockedUntil ? lockedUntil.getTime() - now.getTime() : this.config.LOGIN_LOCK_SECONDS * 1000;
    const seconds = Math.max(1, Math.ceil(ms / 1000));
    return new DomainError(
      'TOO_MANY_LOGIN_ATTEMPTS',
      'too_many',
      `Too many failed logins; try again in ${seconds} seconds`,
      undefined,
      { 'Retry-After': String(seconds) },
    );
  }
}
