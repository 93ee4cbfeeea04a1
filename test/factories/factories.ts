import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import type { DataSource } from 'typeorm';
import { User } from '../../src/auth/entities/user.entity';
import type { Role } from '../../src/auth/roles';
import { TokenService } from '../../src/auth/token.service';
import { Region } from '../../src/organization/entities/region.entity';
import { Skpd, type SkpdKind } from '../../src/organization/entities/skpd.entity';

/** The password of every user the factories make. */
export const TEST_PASSWORD = 'Rahasia-2026-uji';
let hashOnce: Promise<string> | undefined;
const testHash = () =>
  (hashOnce ??= argon2.hash(TEST_PASSWORD, { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 }));

let counter = 0;
/** Unique per process: codes and usernames never collide between tests of one file. */
export const unique = () => ++counter;

export interface MadeUser extends User {
  token: string;
  refreshToken: string;
}

/** Builds rows directly through the data source; each test makes what it needs, shares nothing. */
export class Factories {
  readonly db: DataSource;
  constructor(private readonly app: INestApplication) {
    this.db = app.get<DataSource>(getDataSourceToken());
  }

  async region(attrs: Partial<Region> = {}): Promise<Region> {
    const n = unique();
    return this.db.getRepository(Region).save({
      code: `${String(10 + (Math.floor(n / 100) % 90)).padStart(2, '0')}.${String(n % 100).padStart(2, '0')}`,
      name: `Kabupaten Uji ${n}`,
      kind: 'KABUPATEN',
      lowerIsBetterFormula: 'INVERSE_DIFF',
      capaianCap: null,
      timezone: 'Asia/Jakarta',
      isDemo: false,
      ...attrs,
    });
  }

  async skpd(regionId: string, attrs: Partial<Skpd> = {}): Promise<Skpd> {
    const n = unique();
    return this.db.getRepository(Skpd).save({
      regionId,
      code: `1.0${n % 9}.${n}`,
      name: `Dinas Uji ${n}`,
      shortName: `DU${n}`,
      kind: 'DINAS' as SkpdKind,
      active: true,
      ...attrs,
    });
  }

  /** A user with a valid access token. Region defaults to a new one; PLANNER defaults to a new SKPD in it. */
  async user(opts: {
    role: Role;
    regionId?: string | null;
    skpdId?: string | null;
    isQa?: boolean;
    active?: boolean;
  }): Promise<MadeUser> {
    const n = unique();
    const regionId = opts.role === 'SUPERADMIN' ? null : (opts.regionId ?? (await this.region()).id);
    const skpdId = opts.role === 'PLANNER' ? (opts.skpdId ?? (await this.skpd(regionId!)).id) : null;
    const user = await this.db.getRepository(User).save({
      username: `${opts.role.toLowerCase().replace('_', '')}.${n}`,
      displayName: `Pengguna Uji ${n}`,
      passwordHash: await testHash(),
      role: opts.role,
      regionId,
      skpdId,
      isQa: Boolean(opts.isQa),
      active: opts.active ?? true,
      tokenVersion: 0,
    });
    const pair = await this.app.get(TokenService).issue(user);
    return Object.assign(user, { token: pair.accessToken, refreshToken: pair.refreshToken });
  }
}
