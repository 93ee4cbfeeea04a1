import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
// A pure rule (no Nest, no database): which placeholders a gateway template may use.
import { gatewayTemplateProblem } from '../notifications/domain/gateway-template';

const toBool = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? ['true', '1', 'yes'].includes(value.toLowerCase())
      ? true
      : ['false', '0', 'no'].includes(value.toLowerCase())
        ? false
        : value
    : value;

export const SIGNING_PROVIDERS = ['none', 'local-p12', 'gateway'] as const;
export type SigningProviderName = (typeof SIGNING_PROVIDERS)[number];

/**
 * Every setting the service reads, validated once at startup. `.env.example` documents each one.
 * Unset DB_URL means the embedded SQLite file; a mysql:// or mariadb:// URL means MySQL/MariaDB.
 */
export class Env {
  @IsIn(['development', 'test', 'production']) NODE_ENV: string = 'development';
  @Type(() => Number) @IsInt() @Min(1) @Max(65535) PORT: number = 3000;
  @IsString() HOST: string = '0.0.0.0';
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL: string = 'info';

  @IsOptional()
  @Matches(/^(mysql|mariadb):\/\/[^/]+\/[A-Za-z0-9_$-]+/, {
    message: 'DB_URL must look like mysql://user:pass@host:3306/database',
  })
  DB_URL?: string;
  @IsString() SQLITE_PATH: string = './data/sakip.sqlite';
  @Transform(toBool) @IsBoolean() MIGRATIONS_RUN: boolean = true;
  @Type(() => Number) @IsInt() @Min(0) @Max(30) DB_CONNECT_RETRIES: number = 2;
  @Type(() => Number) @IsInt() @Min(1) @Max(200) DB_POOL_SIZE: number = 10;
  @Type(() => Number) @IsInt() @Min(100) @Max(600_000) DB_QUERY_TIMEOUT_MS: number = 15_000;
  @Type(() => Number) @IsInt() @Min(0) @Max(600) SHUTDOWN_GRACE_SECONDS: number = 10;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;
  @Type(() => Number) @IsInt() @Min(60) @Max(86400) JWT_ACCESS_TTL_SECONDS: number = 900;
  @Type(() => Number) @IsInt() @Min(1) @Max(365) REFRESH_TTL_DAYS: number = 14;
  /** How long a replica may reuse a user's checked state for authentication; 0 reads it on every request. */
  @Type(() => Number) @IsInt() @Min(0) @Max(60) AUTH_CACHE_SECONDS: number = 5;
  @Type(() => Number) @IsInt() @Min(1) @Max(100) LOGIN_MAX_FAILURES: number = 5;
  @Type(() => Number) @IsInt() @Min(1) @Max(86400) LOGIN_LOCK_SECONDS: number = 900;

  @IsString() STORAGE_DIR: string = './data/storage';
  @Type(() => Number) @IsInt() @Min(1024) @Max(1024 * 1024 * 1024) UPLOAD_MAX_BYTES: number = 20 * 1024 * 1024;
  @Matches(/^\d+(b|kb|mb)$/i, { message: 'BODY_LIMIT must look like 1mb or 512kb' }) BODY_LIMIT: string = '1mb';

  @IsOptional() @IsIn(['true', 'false']) SEED_DEMO?: string;

  /** Seconds between reminder runs (compute due reminders, send pending deliveries); 0 turns the timer off. */
  @Type(() => Number) @IsInt() @Min(0) @Max(86400) REMINDER_INTERVAL_SECONDS: number = 300;
  /** smtp://user:pass@host:587 or smtps://…; unset → e-mail is not configured (the inbox still works). */
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must look like smtp://user:pass@host:587' })
  SMTP_URL?: string;
  @IsString() SMTP_FROM: string = 'SAKIP <sakip@localhost>';
  /** An HTTP gateway (WhatsApp-style provider) that takes POST {to, title, message, link} as JSON; unset → off. */
  @IsOptional() @Matches(/^https?:\/\/\S+$/, { message: 'GATEWAY_URL must be an http(s) URL' }) GATEWAY_URL?: string;
  @IsOptional() @IsString() GATEWAY_TOKEN?: string;
  /**
   * The gateway's `message` text with placeholders {judul}, {pesan} (required) and {tautan}; a backslash-n breaks a
   * line. Unset: the notification's text alone.
   */
  @IsOptional() @IsString() GATEWAY_TEMPLATE?: string;
  /**
   * The address people reach the service at: put before the links in e-mails and gateway messages and the short
   * verification URLs printed on signed documents, e.g. https://sakip.example.go.id.
   */
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'PUBLIC_URL must look like https://sakip.example.go.id' })
  PUBLIC_URL: string = 'http://localhost:3000';
  /** How documents are signed: none (signing refused), local-p12 (a PKCS#12 file), gateway (an HTTP signing service). */
  @IsIn(SIGNING_PROVIDERS) SIGNING_PROVIDER: SigningProviderName = 'none';
  @IsOptional() @IsString() SIGNING_P12_PATH?: string;
  @IsOptional() @IsString() SIGNING_P12_PASSPHRASE?: string;
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'SIGNING_GATEWAY_URL must look like https://esign.example.go.id' })
  SIGNING_GATEWAY_URL?: string;
  @IsOptional() @IsString() SIGNING_GATEWAY_USER?: string;
  @IsOptional() @IsString() SIGNING_GATEWAY_PASSWORD?: string;
  @Type(() => Number) @IsInt() @Min(1000) @Max(300_000) SIGNING_GATEWAY_TIMEOUT_MS: number = 30_000;
}

export class ConfigError extends Error {}

/** The validated configuration with the JWT secret resolved; the only way code reads settings. */
export type AppConfig = Env & { JWT_SECRET: string; isEmbedded: boolean };

/** Validates raw variables; a bad value throws a ConfigError whose one-line message names the variable. */
export function loadConfig(raw: NodeJS.ProcessEnv | Record<string, string | undefined> = process.env): AppConfig {
  const defined = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  const env = plainToInstance(Env, defined, { exposeDefaultValues: true, excludeExtraneousValues: false });
  const errors = validateSync(env, { forbidUnknownValues: false });
  if (errors.length) {
    const reasons = errors.map((e) => `${e.property} (${Object.values(e.constraints ?? {}).join('; ')})`);
    throw new ConfigError(`Invalid configuration: ${reasons.join(', ')}`);
  }
  const templateProblem = env.GATEWAY_TEMPLATE === undefined ? null : gatewayTemplateProblem(env.GATEWAY_TEMPLATE);
  if (templateProblem) throw new ConfigError(`Invalid configuration: GATEWAY_TEMPLATE (${templateProblem})`);
  if (env.SIGNING_PROVIDER === 'local-p12' && !env.SIGNING_P12_PATH)
    throw new ConfigError('Invalid configuration: SIGNING_P12_PATH is required when SIGNING_PROVIDER=local-p12');
  if (env.SIGNING_PROVIDER === 'gateway' && !env.SIGNING_GATEWAY_URL)
    throw new ConfigError('Invalid configuration: SIGNING_GATEWAY_URL is required when SIGNING_PROVIDER=gateway');
  const isEmbedded = !env.DB_URL;
  if (!isEmbedded && !env.JWT_SECRET)
    throw new ConfigError('Invalid configuration: JWT_SECRET is required when DB_URL is set');
  return Object.assign(env, { JWT_SECRET: env.JWT_SECRET ?? embeddedSecret(env.SQLITE_PATH), isEmbedded });
}

/** For the embedded default: a random secret generated once and kept beside the SQLite file (mode 600). */
function embeddedSecret(sqlitePath: string): string {
  if (sqlitePath === ':memory:') return randomBytes(48).toString('base64url');
  const file = join(dirname(resolve(sqlitePath)), 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
