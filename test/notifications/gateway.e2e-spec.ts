import request from 'supertest';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NotificationDelivery } from '../../src/notifications/entities/notification-delivery.entity';
import { ReminderScheduler } from '../../src/notifications/reminder-scheduler';
import type { MadeUser } from '../factories/factories';
import { createTestApp, type TestApp } from '../utils/test-app';
import { regionIn, setContact, setWindow, skpdWithPk } from './notification-fixtures';

interface Call {
  auth: string | undefined;
  body: { to: string; title: string; message: string; link: string | null };
}

/** A fake WhatsApp-style gateway: +62811000001 succeeds, …02 fails once with 503, …03 is refused with 400. */
async function fakeGateway(): Promise<{ url: string; calls: Call[]; server: Server }> {
  const calls: Call[] = [];
  const seen = new Map<string, number>();
  const server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw) as Call['body'];
      calls.push({ auth: req.headers.authorization, body });
      const n = (seen.get(body.to) ?? 0) + 1;
      seen.set(body.to, n);
      res.statusCode = body.to.endsWith('03') ? 400 : body.to.endsWith('02') && n === 1 ? 503 : 200;
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`, calls, server };
}

describe('HTTP gateway channel against a local fake gateway, with a message template', () => {
  let gw: Awaited<ReturnType<typeof fakeGateway>>;
  let t: TestApp;
  beforeAll(async () => {
    gw = await fakeGateway();
    t = await createTestApp({
      GATEWAY_URL: gw.url,
      GATEWAY_TOKEN: 'rahasia-gateway-token',
      GATEWAY_TEMPLATE: '*{judul}*\\n{pesan}\\nBuka: {tautan}',
      PUBLIC_URL: 'https://sakip.majubersama.go.id',
    });
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((r) => gw?.server.close(r));
  });

  it('records success, retries a 5xx with backoff, and fails a 4xx for good', async () => {
    const w = await regionIn(t, 'Asia/Jakarta');
    const phones = ['+62811000001', '+62811000002', '+62811000003'];
    const users: MadeUser[] = [];
    for (const phone of phones) {
      const x = await skpdWithPk(t, w, { reportedQ1: false });
      await setContact(t, x.planner, { phone, channels: { REALISATION: ['GATEWAY'] } });
      users.push(x.planner);
    }
    await setWindow(t, w.admin, '2025-04-10');
    const now = new Date('2025-04-07T03:00:00Z'); // 10:00 WIB, H-3
    const scheduler = t.app.get(ReminderScheduler);
    await scheduler.tick(now);
    const status = async () => {
      const rows = await t.make.db.getRepository(NotificationDelivery).find();
      return users.map((u) => {
        const d = rows.find((r) => r.userId === u.id)!;
        return [d.channel, d.status, d.attempts, d.lastError];
      });
    };
    expect(await status()).toEqual([
      ['GATEWAY', 'SENT', 1, null],
      ['GATEWAY', 'PENDING', 1, 'gateway answered 503'],
      ['GATEWAY', 'FAILED', 1, 'gateway answered 400'],
    ]);
    const first = gw.calls.find((c) => c.body.to === '+62811000001')!;
    expect(first.auth).toBe('Bearer rahasia-gateway-token');
    expect(first.body).toMatchObject({
      to: '+62811000001',
      link: 'https://sakip.majubersama.go.id/konsol/realisasi?tahun=2025',
    });
    // GATEWAY_TEMPLATE shapes the message: title, text and link on their own lines.
    expect(first.body.message.split('\n')).toEqual([
      '*Batas pengisian realisasi TW 1 2025 tinggal 3 hari lagi*',
      expect.stringMatching(/^Realisasi TW 1 tahun 2025 .* belum lengkap\. Batas pengisian: /),
      'Buka: https://sakip.majubersama.go.id/konsol/realisasi?tahun=2025',
    ]);

    await scheduler.tick(new Date(now.getTime() + 30_000)); // before the backoff: nothing
    expect(gw.calls).toHaveLength(3);
    await scheduler.tick(new Date(now.getTime() + 61_000)); // after a minute: retried once, then sent
    expect(await status()).toEqual([
      ['GATEWAY', 'SENT', 1, null],
      ['GATEWAY', 'SENT', 2, null],
      ['GATEWAY', 'FAILED', 1, 'gateway answered 400'],
    ]);
    await scheduler.tick(new Date(now.getTime() + 3_600_000));
    expect(gw.calls).toHaveLength(4);

    // The region admin sees what did not arrive; the token never appears.
    const failed = await request(t.http).get('/api/v1/notifications/deliveries').set(t.auth(w.admin)).expect(200);
    expect(
      failed.body.items.map((d: { userId: string; status: string; lastError: string }) => [
        d.userId,
        d.status,
        d.lastError,
      ]),
    ).toEqual([[users[2].id, 'FAILED', 'gateway answered 400']]);
    expect(JSON.stringify(failed.body)).not.toContain('rahasia');
    const outsider = await t.make.user({ role: 'REGION_ADMIN' });
    const none = await request(t.http).get('/api/v1/notifications/deliveries').set(t.auth(outsider)).expect(200);
    expect(none.body.total).toBe(0);
    await request(t.http).get('/api/v1/notifications/deliveries?status=LOST').set(t.auth(w.admin)).expect(400);
    await request(t.http).get('/api/v1/notifications/deliveries').set(t.auth(users[0])).expect(403);
  });
});
