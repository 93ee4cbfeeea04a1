import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig } from './config/env';
import { describeStartupError } from './startup-error';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.PORT, config.HOST);
  const where = config.isEmbedded ? `embedded SQLite at ${config.SQLITE_PATH}` : 'MySQL/MariaDB from DB_URL';
  new Logger('Main').log(`sakip-service listening on http://localhost:${config.PORT} (${where}); API docs at /docs`);
}

main().catch((err: unknown) => {
  // One line naming the reason; no stack trace.
  console.error(`sakip-service: ${err instanceof ConfigError ? err.message : describeStartupError(err)}`);
  process.exit(1);
});
