import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';

const ROOT = resolve(__dirname, '../..');
const SECRET = 'cli-test-secret-0123456789-0123456789';

/** Runs a TypeScript entry point the way the npm scripts do, with only the given variables. */
function run(script: string, args: string[], env: Record<string, string>) {
  const result = spawnSync(
    process.execPath,
    [require.resolve('ts-node/dist/bin.js'), '--transpile-only', script, ...args],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.trim() };
}

describe('process entry points', () => {
  it('stops with one line naming a bad variable and a non-zero exit', () => {
    const r = run('src/main.ts', [], { PORT: 'eighty' });
    expect(r.status).not.toBe(0);
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^sakip-service: Invalid configuration: PORT/);
  });

  it('stops with one clear line when DB_URL points at a database that does not answer', () => {
    const r = run('src/main.ts', [], {
      DB_URL: 'mysql://sakip:s3cret@127.0.0.1:1/sakip',
      JWT_SECRET: SECRET,
      DB_CONNECT_RETRIES: '0',
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/cannot connect to the database \(ECONNREFUSED at 127\.0\.0\.1:1\)/);
    expect(r.stderr).not.toContain('s3cret');
  });

  it('user:create makes the first SUPERADMIN with an argon2id hash, never with a default password', () => {
    const sqlite = join(mkdtempSync(join(tmpdir(), 'sakip-cli-')), 'sakip.sqlite');
    const args = ['--role', 'SUPERADMIN', '--username', 'admin.platform', '--display-name', 'Admin Platform'];
    const noPassword = run('src/bin/create-user.ts', args, { SQLITE_PATH: sqlite });
    expect(noPassword.status).not.toBe(0);
    expect(noPassword.stderr).toMatch(/SAKIP_PASSWORD/);

    const created = run('src/bin/create-user.ts', args, { SQLITE_PATH: sqlite, SAKIP_PASSWORD: 'Sangat-Rahasia-2026' });
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    const db = new Database(sqlite, { readonly: true });
    const row = db
      .prepare('SELECT role, regionId, passwordHash FROM users WHERE username = ?')
      .get('admin.platform') as Record<string, string>;
    db.close();
    expect(row).toEqual({ role: 'SUPERADMIN', regionId: null, passwordHash: expect.stringMatching(/^\$argon2id\$/) });
    expect(created.stdout).not.toContain('Sangat-Rahasia-2026');

    const again = run('src/bin/create-user.ts', args, { SQLITE_PATH: sqlite, SAKIP_PASSWORD: 'Sangat-Rahasia-2026' });
    expect(again.status).not.toBe(0);
    expect(again.stderr).toBe('user:create: an account with this username already exists');
  });
});
