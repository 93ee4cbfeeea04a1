import Decimal from 'decimal.js';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { Region } from '../../src/organization/entities/region.entity';
import { Realisation } from '../../src/performance/entities/realisation.entity';
import type { MadeUser } from '../factories/factories';
import {
  approvePk,
  indicator,
  planningWorld,
  skpdPlan,
  type PlanningWorld,
  type SkpdPlan,
} from '../planning/planning-fixtures';
import type { TestApp } from '../utils/test-app';

export const api = (path: string) => `/api/v1${path}`;

/** A region in a zone with its admin and RPJMD period. */
export async function regionIn(t: TestApp, timezone: string): Promise<PlanningWorld> {
  const w = await planningWorld(t);
  await t.make.db.getRepository(Region).update({ id: w.regionId }, { timezone });
  return w;
}

/** An SKPD with an approved PK 2025 of one indicator; `reportedQ1` fills its TW I realisation. */
export async function skpdWithPk(t: TestApp, w: PlanningWorld, opts: { reportedQ1: boolean }): Promise<SkpdPlan> {
  const x = await skpdPlan(t, w);
  const ind = await indicator(t, x.planner, x.sasaranId);
  await approvePk(t, w, x, 2025, [
    { indicatorId: ind.id, annualTarget: '100', q1Target: '25', q2Target: '25', q3Target: '25', q4Target: '25' },
  ]);
  if (opts.reportedQ1)
    await t.make.db.getRepository(Realisation).insert({
      regionId: w.regionId,
      skpdId: x.skpdId,
      indicatorId: ind.id,
      year: 2025,
      quarter: 1,
      value: new Decimal(25),
      version: 1,
    });
  return x;
}

export async function setWindow(t: TestApp, admin: MadeUser, deadline: string) {
  return request(t.http)
    .put(api('/realisation-windows'))
    .set(t.auth(admin))
    .send({ year: 2025, quarter: 1, deadline })
    .expect(200);
}

export async function setContact(t: TestApp, user: MadeUser, body: Record<string, unknown>) {
  await request(t.http).put(api('/notifications/preferences')).set(t.auth(user)).send(body).expect(200);
}

export interface CapturedMail {
  to: string[];
  raw: string;
}

/** A real SMTP server on a free local port capturing every message. */
export async function startSmtp(): Promise<{
  url: string;
  mails: CapturedMail[];
  /** Resolves once every message the server has begun receiving is captured (the client may see 250 first). */
  settled(): Promise<void>;
  close(): Promise<void>;
}> {
  const mails: CapturedMail[] = [];
  let receiving = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      receiving++;
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        receiving--;
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  const settled = async () => {
    for (let i = 0; i < 200 && receiving > 0; i++) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setImmediate(r));
  };
  return { url: `smtp://127.0.0.1:${port}`, mails, settled, close: () => new Promise((r) => server.close(() => r())) };
}
