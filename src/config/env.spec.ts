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
    [{ SIGNING_PROVIDER: 'bsre' }, /SIGNING_PROVIDER/],
    [{ SIGNING_PROVIDER: 'local-p12' }, /SIGNING_P12_PATH is required/],
    [{ SIGNING_PROVIDER: 'gateway' }, /SIGNING_GATEWAY_URL is required/],
    [{ GATEWAY_TEMPLATE: '{judul} {nama}' }, /GATEWAY_TEMPLATE \(unknown placeholder \{nama\}/],
    [{ GATEWAY_TEMPLATE: '{judul}' }, /GATEWAY_TEMPLATE \(must contain \{pesan\}\)/],
    [{ SIGNING_PROVIDER: 'gateway', SIGNING_GATEWAY_URL: 'esign.local' }, /SIGNING_GATEWAY_URL/],
    [{ PUBLIC_URL: 'sakip.example.go.id' }, /PUBLIC_URL/],
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

  it('defaults to no signing and accepts each signing provider with its settings', () => {
    expect(loadConfig({ SQLITE_PATH: ':memory:' }).SIGNING_PROVIDER).toBe('none');
    const p12 = loadConfig({ SQLITE_PATH: ':memory:', SIGNING_PROVIDER: 'local-p12', SIGNING_P12_PATH: '/etc/x.p12' });
    expect(p12.SIGNING_P12_PATH).toBe('/etc/x.p12');
    const gw = loadConfig({
      SQLITE_PATH: ':memory:',
      SIGNING_PROVIDER: 'gateway',
      SIGNING_GATEWAY_URL: 'https://esign.example.go.id',
      SIGNING_GATEWAY_TIMEOUT_MS: '10000',
    });
    expect([gw.SIGNING_GATEWAY_URL, gw.SIGNING_GATEWAY_TIMEOUT_MS]).toEqual(['https://esign.example.go.id', 10000]);
  });
});
