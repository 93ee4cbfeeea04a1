import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { User } from '../../src/auth/entities/user.entity';
import { TokenService } from '../../src/auth/token.service';
import { Evaluation } from '../../src/evaluation/entities/evaluation.entity';
import type { BenchContext } from '../context';
import { check, type Figure, round } from '../measure';

export const TITLE = 'HTTP GET evaluation score breakdown vs bare constant endpoint';
export const CONSTANT_PATH = '/bench/constant';
const CONNECTIONS = 10;
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 5);

/**
 * The baseline route, on the same Express instance as the API and behind the same app-wide middleware (correlation
 * id, helmet, body parsers) but without Nest's guards, pipes, service or database: the framework's floor. Registered
 * by the benchmark only, before app.init(); it is not part of the service.
 */
export function addConstantRoute(app: NestExpressApplication): void {
  app.use(CONSTANT_PATH, (_req: Request, res: Response) => {
    res.json({ status: 'ok' });
  });
}

interface CannonResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** autocannon in its own process (the server keeps its event loop to itself), loopback, fixed duration. */
async function cannon(url: string, headers: Record<string, string>, seconds: number): Promise<CannonResult> {
  const args = [require.resolve('autocannon/autocannon.js'), '-c', String(CONNECTIONS), '-d', String(seconds), '-j'];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  args.push(url);
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 });
  const r = JSON.parse(stdout.trim().split('\n').pop() as string) as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    errors: number;
  };
  return {
    requestsPerSecond: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

/** (e) Throughput of GET /api/v1/evaluations/:id/score (JWT, permission guard, tenancy, DB, 4-stage scoring) vs the constant route. */
export async function httpScoreCase(ctx: BenchContext): Promise<Figure> {
  const server = ctx.app.getHttpServer();
  if (!server.listening) await ctx.app.listen(0, '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const user = await ctx.ds.getRepository(User).findOneByOrFail({ id: ctx.province.userId });
  const { accessToken } = await ctx.app.get(TokenService).issue(user);
  const year = ctx.province.years[ctx.province.years.length - 1];
  const ev = await ctx.ds
    .getRepository(Evaluation)
    .findOneOrFail({ where: { regionId: ctx.province.regionId, year, kind: 'SKPD' }, order: { id: 'ASC' } });
  const scoreUrl = `${base}/api/v1/evaluations/${ev.id}/score`;
  const auth = { Authorization: `Bearer ${accessToken}` };

  const probe = await fetch(scoreUrl, { headers: auth });
  if (probe.status !== 200) throw new Error(`GET score answered ${probe.status}: ${await probe.text()}`);
  const bodyBytes = (await probe.arrayBuffer()).byteLength;

  await cannon(scoreUrl, auth, 1); // warm-up
  const score = await cannon(scoreUrl, auth, SECONDS);
  await cannon(`${base}${CONSTANT_PATH}`, {}, 1);
  const constant = await cannon(`${base}${CONSTANT_PATH}`, {}, SECONDS);
  const ratio = score.requestsPerSecond / constant.requestsPerSecond;
  const failures = score.non2xx + score.errors + constant.non2xx + constant.errors;
  return {
    case: 'e',
    title: TITLE,
    dialect: ctx.dialect,
    status: 'measured',
    measured: { label: 'GET /evaluations/:id/score', value: round(score.requestsPerSecond, 0), unit: 'req/s' },
    baseline: { label: 'constant JSON route, same app', value: round(constant.requestsPerSecond, 0), unit: 'req/s' },
    checks: [check('ratio', ratio, '×', '>=', 0.4)],
    details: {
      connections: CONNECTIONS,
      seconds: SECONDS,
      scoreP50Ms: score.p50,
      scoreP99Ms: score.p99,
      constantP50Ms: constant.p50,
      constantP99Ms: constant.p99,
      scoreBodyBytes: bodyBytes,
      failedRequests: failures,
      ratio: round(ratio),
    },
    note: failures ? `${failures} requests failed or were not 2xx` : undefined,
  };
}
