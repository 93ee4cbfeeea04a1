/**
 * Writes openapi.json from the running application's routes, or with --check fails when the committed file
 * differs (CI runs the check, so the published contract never drifts from the code).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildOpenApi } from '../app.setup';
import { createApp } from '../bootstrap';
import { loadConfig } from '../config/env';

const FILE = resolve(__dirname, '../../openapi.json');

async function main(): Promise<void> {
  const config = loadConfig({ SQLITE_PATH: ':memory:', LOG_LEVEL: 'silent', SEED_DEMO: 'false', NODE_ENV: 'test' });
  const app = await createApp(config, { logger: false });
  await app.init();
  const text = `${JSON.stringify(buildOpenApi(app), null, 2)}\n`;
  await app.close();
  if (!process.argv.includes('--check')) {
    writeFileSync(FILE, text);
    console.log(`openapi: wrote ${FILE}`);
    return;
  }
  let committed = '';
  try {
    committed = readFileSync(FILE, 'utf8');
  } catch {
    /* missing file counts as drift */
  }
  if (committed !== text) {
    console.error(
      'openapi: openapi.json differs from the application routes; run `npm run openapi` and commit the result',
    );
    process.exit(1);
  }
  console.log('openapi: openapi.json matches the application');
}

main().catch((err: unknown) => {
  console.error(`openapi: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  process.exit(1);
});
