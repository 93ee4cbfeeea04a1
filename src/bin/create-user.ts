/**
 * Creates an account without the API, e.g. the first SUPERADMIN of a production install:
 *   npm run user:create -- --role SUPERADMIN --username admin --display-name "Admin Platform"
 * The password comes from SAKIP_PASSWORD or is asked twice on the terminal (never echoed); there is no default.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AppModule } from '../app.module';
import { CreateUserDto } from '../auth/dto/user.dto';
import { UsersService } from '../auth/users.service';
import { DomainError } from '../common/errors/domain-error';
import { isUniqueViolation } from '../common/filters/to-error-body';
import { ConfigError, loadConfig } from '../config/env';
import { describeStartupError } from '../startup-error';

const USAGE =
  'usage: npm run user:create -- --role <SUPERADMIN|REGION_ADMIN|PLANNER|EVALUATOR|HEAD> --username <name> [--display-name <text>] [--region-id <uuid>] [--skpd-id <uuid>] [--qa]';

class UsageError extends Error {}

/** Reads a line from the terminal without echoing it. */
function askHidden(question: string): Promise<string> {
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  process.stdout.write(question);
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
  return new Promise((resolve) =>
    rl.question('', (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    }),
  );
}

async function readPassword(): Promise<string> {
  if (process.env.SAKIP_PASSWORD) return process.env.SAKIP_PASSWORD;
  if (!process.stdin.isTTY) throw new UsageError('set SAKIP_PASSWORD or run in a terminal to type the password');
  const first = await askHidden('Password: ');
  if (first !== (await askHidden('Repeat password: '))) throw new UsageError('the passwords do not match');
  return first;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      username: { type: 'string' },
      'display-name': { type: 'string' },
      'region-id': { type: 'string' },
      'skpd-id': { type: 'string' },
      qa: { type: 'boolean', default: false },
    },
  });
  if (!values.role || !values.username) throw new UsageError(USAGE);
  const dto = plainToInstance(CreateUserDto, {
    role: values.role,
    username: values.username,
    displayName: values['display-name'] ?? values.username,
    regionId: values['region-id'],
    skpdId: values['skpd-id'],
    isQa: values.qa,
    password: await readPassword(),
  });
  const problems = validateSync(dto).flatMap((e) => Object.values(e.constraints ?? {}));
  if (problems.length) throw new UsageError(problems.join('; '));

  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...config, LOG_LEVEL: 'silent' }), {
    logger: false,
    abortOnError: false,
  });
  try {
    const user = await app.get(UsersService).create(null, dto);
    console.log(`user:create: created ${user.role} ${user.username} (${user.id})`);
  } finally {
    await app.close();
  }
}

main().catch((err: unknown) => {
  const known = err instanceof UsageError || err instanceof DomainError || err instanceof ConfigError;
  const detail = err instanceof DomainError && err.errors ? ` ${JSON.stringify(err.errors)}` : '';
  const reason = isUniqueViolation(err) ? 'an account with this username already exists' : describeStartupError(err);
  console.error(`user:create: ${known ? (err as Error).message + detail : reason}`);
  process.exit(1);
});
