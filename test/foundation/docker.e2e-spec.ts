import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { load } from 'js-yaml';
import { Env } from '../../src/config/env';
import { createTestApp } from '../utils/test-app';

// No Docker engine runs on our machines: these checks read the files the engine would read.
const ROOT = resolve(__dirname, '../..');
const dockerfile = readFileSync(join(ROOT, 'docker/Dockerfile'), 'utf8');
const stages = dockerfile.split(/^FROM /m).slice(1);
const runtime = stages[stages.length - 1];

interface ComposeService {
  build?: { context: string; dockerfile: string };
  depends_on?: Record<string, { condition: string }>;
  environment: Record<string, string>;
  volumes: string[];
  healthcheck?: unknown;
}
const compose = load(readFileSync(join(ROOT, 'docker/compose.yaml'), 'utf8')) as {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
};

describe('docker/', () => {
  it('Dockerfile builds in one stage and runs production dependencies only, as a non-root user, with a healthcheck', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^HEALTHCHECK /m);
    expect(runtime).toMatch(/^CMD \["node", "dist\/main.js"\]$/m);
    const copied = [...dockerfile.matchAll(/^COPY (?!--from)(?:--\S+ )*(.+) \S+$/gm)].flatMap((m) => m[1].split(' '));
    for (const source of copied) expect(existsSync(join(ROOT, source))).toBe(true);
  });

  it('the image healthcheck command reports a running service healthy', async () => {
    const t = await createTestApp();
    try {
      await new Promise<void>((r) => t.http.listen(0, '127.0.0.1', r));
      const port = (t.http.address() as AddressInfo).port;
      const command = /CMD node -e "(.+)"\s*$/m.exec(runtime.replace(/\\\n\s*/g, ''))![1];
      // Exit code 0 = healthy (execFile rejects on any other exit code).
      await expect(
        promisify(execFile)(process.execPath, ['-e', command], { env: { PORT: String(port) }, timeout: 10_000 }),
      ).resolves.toBeDefined();
    } finally {
      await t.close();
    }
  });

  it('compose wires the app to MySQL 8 with named volumes and only known settings', () => {
    const { app, db } = compose.services;
    expect(app.build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
    expect(app.depends_on).toEqual({ db: { condition: 'service_healthy' } });
    expect(db.healthcheck).toBeDefined();
    expect((db as unknown as { image: string }).image).toMatch(/^mysql:8/);

    const url = new URL(app.environment.DB_URL.replace(/\$\{MYSQL_PASSWORD[^}]*\}/, 'x'));
    expect(url.hostname).toBe('db');
    expect(url.pathname.slice(1)).toBe(db.environment.MYSQL_DATABASE);
    expect(url.username).toBe(db.environment.MYSQL_USER);
    expect(app.environment.DB_URL).toContain('${MYSQL_PASSWORD');
    expect(db.environment.MYSQL_PASSWORD).toContain('${MYSQL_PASSWORD');
    expect(app.environment.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?/);

    const known = Object.keys(new Env());
    for (const name of Object.keys(app.environment))
      expect([name, known.includes(name) || name === 'DB_URL' || name === 'JWT_SECRET']).toEqual([name, true]);
    for (const mount of [...app.volumes, ...db.volumes])
      expect(Object.keys(compose.volumes)).toContain(mount.split(':')[0]);
  });
});
