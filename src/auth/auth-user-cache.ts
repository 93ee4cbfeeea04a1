import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import type { User } from './entities/user.entity';

/** What authentication checks and puts into the scope: the user row's columns that decide access. */
export type AuthUser = Pick<
  User,
  'id' | 'username' | 'role' | 'regionId' | 'skpdId' | 'isQa' | 'active' | 'tokenVersion'
>;

/** Users kept at most; the oldest entry leaves first. */
const MAX_ENTRIES = 10_000;

/**
 * A short-lived in-process copy of each user's access-deciding columns, so an authenticated request does not read the
 * user row every time. Every write that ends sessions or changes access on this replica (logout, password change or
 * reset, deactivation, role change, refresh-token reuse) calls `forget` after its commit, so on this replica it applies
 * at once; on other replicas (and after direct database edits) an entry lives at most AUTH_CACHE_SECONDS.
 */
@Injectable()
export class AuthUserCache {
  private readonly entries = new Map<string, { user: AuthUser; until: number }>();
  /** Bumped by every `forget`: a read that started before one is not cached (it may predate the change). */
  private generation = 0;
  private readonly ttlMs: number;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'AUTH_CACHE_SECONDS'>) {
    this.ttlMs = config.AUTH_CACHE_SECONDS * 1000;
  }

  /** The cached user, or the one `read` returns (cached when no `forget` ran meanwhile). */
  async get(id: string, read: (id: string) => Promise<AuthUser | null>): Promise<AuthUser | null> {
    const now = Date.now();
    const hit = this.entries.get(id);
    if (hit && hit.until > now) return hit.user;
    if (hit) this.entries.delete(id);
    const generation = this.generation;
    const user = await read(id);
    if (user && this.ttlMs > 0 && generation === this.generation) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(id, { user, until: now + this.ttlMs });
    }
    return user;
  }

  /** Drops the user's entry; call it after the change is committed. */
  forget(id: string): void {
    this.generation++;
    this.entries.delete(id);
  }
}
