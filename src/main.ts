import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig } from './config/env';
import { Drain } from './health/drain';
import { describeStartupError } from './startup-error';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.PORT, config.HOST);
  const where = config.isEmbedded ? `embedded SQLite at ${config.SQLITE_PATH}` : 'MySQL/MariaDB from DB_URL';
  const log = new Logger('Main');
  log.log(`sakip-service listening on http://localhost:${config.PORT} (${where}); API docs at /docs`);
  // SIGTERM (orchestrators, docker stop) and SIGINT (Ctrl-C): finish requests in flight, then exit.
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.once(signal, () => {
      log.log(`${signal}: draining, at most ${config.SHUTDOWN_GRACE_SECONDS} s`);
      setTimeout(() => process.exit(1), config.SHUTDOWN_GRACE_SECONDS * 1000 + 5000).unref();
      void app
        .get(Drain)
        .drain(app.getHttpServer(), config.SHUTDOWN_GRACE_SECONDS * 1000)
        .then(() => app.close())
        .finally(() => process.exit(0));
    });
}

main().catch((err: unknown) => {
  // One line naming the reason; no stack trace.
  console.error(`sakip-service: ${err instanceof ConfigError ? err.message : describeStartupError(err)}`);
  process.exit(1);
});
