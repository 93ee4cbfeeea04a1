import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, Env, loadConfig } from './env';

const tempSqlite = () => join(mkdtempSync(join(tmpdir(), 'sakip-env-')), 'sub', 'sakip.sqlite');

describe('loadConfig', () => {
  it('defaults to the embedded SQLite file with a generated, persisted secret', () => {
    const sqlite = tempSqlite();
    const config = loadConfig({ SQLITE_PATH: sqlite });
    expect(config.isEmbedded).toBe(true);
    expect(config.PORT).toBe(3000);
    expect(config.MIGRATIONS_RUN).toBe(true);
    const secretFile = join(sqlite, '..', 'jwt-secret');
    expect(readFileSync(secretFile, 'utf8')).toBe(config.JWT_SECRET);
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    expect(loadConfig({ SQLITE_PATH: sqlite }).JWT_SECRET).toBe(config.JWT_SECRET);
  });

  it('uses the default SQLite path ./data/sakip.sqlite', () => {
    expect(new Env().SQLITE_PATH).toBe('./data/sakip.sqlite');
  });

  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ DB_URL: 'postgres://x@h/db', JWT_SECRET: 'x'.repeat(40) }, /DB_URL/],
    [{ JWT_SECRET: 'short' }, /JWT_SECRET/],
    [{ MIGRATIONS_RUN: 'maybe' }, /MIGRATIONS_RUN/],
    [{ BODY_LIMIT: 'huge' }, /BODY_LIMIT/],
    [{ UPLOAD_MAX_BYTES: '-1' }, /UPLOAD_MAX_BYTES/],
  ])('rejects %j with a one-line message naming the variable', (raw, name) => {
    let error: unknown;
    try {
      loadConfig({ SQLITE_PATH: ':memory:', ...raw });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(name);
    expect((error as Error).message).not.toContain('\n');
  });

  it('requires JWT_SECRET with DB_URL and accepts a MySQL URL with one', () => {
    expect(() => loadConfig({ DB_URL: 'mysql://u:p@db:3306/sakip' })).toThrow(/JWT_SECRET is required/);
    const config = loadConfig({
      DB_URL: 'mysql://u:p@db:3306/sakip',
      JWT_SECRET: 'k'.repeat(40),
      MIGRATIONS_RUN: 'false',
    });
    expect(config.isEmbedded).toBe(false);
    expect(config.MIGRATIONS_RUN).toBe(false);
  });
});
