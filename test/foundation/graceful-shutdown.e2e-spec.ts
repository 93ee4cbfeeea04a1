import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const PORT = 3900 + (process.pid % 90);
const GRACE_SECONDS = 5;

type Answer = { status: number; headers: IncomingMessage['headers'] } | { refused: string };

/** One request on `agent`; resolves with the answer, or with the socket error that refused it. */
function send(agent: Agent, method: string, path: string, body?: (req: ReturnType<typeof httpRequest>) => void) {
  return new Promise<Answer>((done) => {
    const req = httpRequest({ host: '127.0.0.1', port: PORT, method, path, agent }, (res) => {
      res.resume();
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', (err: NodeJS.ErrnoException) => done({ refused: err.code ?? err.message }));
    if (body) body(req);
    else req.end();
  });
}

async function untilHealthy(child: ChildProcess): Promise<void> {
  const until = Date.now() + 90_000;
  while (Date.now() < until && child.exitCode === null) {
    const res = await send(new Agent(), 'GET', '/health');
    if ('status' in res && res.status === 200) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error('the service did not start');
}

describe('SIGTERM with kept-alive connections: drain, finish in-flight requests, exit within the grace period', () => {
  let child: ChildProcess;
  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('finishes the request in flight, refuses new ones on kept-alive connections and exits in time', async () => {
    child = spawn(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(PORT),
        HOST: '127.0.0.1',
        SQLITE_PATH: join(mkdtempSync(join(tmpdir(), 'sakip-drain-')), 'sakip.sqlite'),
        SEED_DEMO: 'false',
        LOG_LEVEL: 'silent',
        SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS),
      },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    await untilHealthy(child);

    const idle = new Agent({ keepAlive: true, maxSockets: 1 });
    const busy = new Agent({ keepAlive: true, maxSockets: 1 });
    expect(await send(idle, 'GET', '/health')).toMatchObject({ status: 200 });

    // A login whose body is still arriving when SIGTERM comes: it is in flight.
    const body = JSON.stringify({ username: 'nobody.here', password: 'Salah-Sandi-2026' });
    let finishBody!: () => void;
    const inFlight = send(busy, 'POST', '/api/v1/auth/login', (req) => {
      req.setHeader('Content-Type', 'application/json');
      req.setHeader('Content-Length', Buffer.byteLength(body));
      req.write(body.slice(0, 10));
      finishBody = () => req.end(body.slice(10));
    });
    await new Promise((r) => setTimeout(r, 500));

    const signalledAt = Date.now();
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));

    // During the notice /health turns 503, on the kept-alive connection and on a new one, and each is then closed.
    expect(await send(idle, 'GET', '/health')).toMatchObject({ status: 503, headers: { connection: 'close' } });
    const fresh = new Agent({ keepAlive: false });
    expect(await send(fresh, 'GET', '/health')).toMatchObject({ status: 503, headers: { connection: 'close' } });
    expect(await send(fresh, 'GET', '/api/v1/skpd')).toMatchObject({ status: 503, headers: { connection: 'close' } });

    finishBody();
    const answer = await inFlight;
    expect(answer).toMatchObject({ status: 401, headers: { connection: 'close' } });

    expect(await exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(GRACE_SECONDS * 1000);
  }, 120_000);
});
