import request from 'supertest';
import { ReminderScheduler } from '../../src/notifications/reminder-scheduler';
import { createTestDatabase, type TestDatabase } from '../utils/test-database';
import { createTestApp, type TestApp } from '../utils/test-app';
import { api, regionIn, setContact, setWindow, skpdWithPk, startSmtp } from './notification-fixtures';

/** Local 10:00 WITA (UTC+8) on a day of April 2025. */
const witaMorning = (day: number) => new Date(Date.UTC(2025, 3, day, 2, 0));

describe('E-mail reminders of a realisation window over a real SMTP server, across a restart', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let database: TestDatabase;
  let t: TestApp;
  const start = () =>
    createTestApp({ SMTP_URL: smtp.url }, { database: { drop: async () => undefined, env: database.env } });

  beforeAll(async () => {
    smtp = await startSmtp();
    database = await createTestDatabase({ shared: true });
    t = await start();
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
    await smtp?.close();
  });

  it('sends H-3, then H-1, then overdue, once each, only to planners of SKPD with missing data', async () => {
    const w = await regionIn(t, 'Asia/Makassar');
    const missing = await skpdWithPk(t, w, { reportedQ1: false });
    const complete = await skpdWithPk(t, w, { reportedQ1: true });
    await setContact(t, missing.planner, { email: 'kurang@pemda.example' });
    await setContact(t, complete.planner, { email: 'lengkap@pemda.example' });
    // The admin unsubscribed from the weekly digest by e-mail (7 April 2025 is a Monday): no mail at all.
    await setContact(t, w.admin, { email: 'admin@pemda.example', channels: { DIGEST: [] } });
    const win = await setWindow(t, w.admin, '2025-04-10'); // closes at the end of 10 April WITA
    expect(win.body.deadline).toBe('2025-04-10T15:59:59.000Z');
    const tick = async (at: Date) => {
      await t.app.get(ReminderScheduler).tick(at);
      await smtp.settled();
    };
    const mailsTo = (addr: string) => smtp.mails.filter((m) => m.to.includes(addr));

    await tick(witaMorning(2)); // H-8: nothing yet
    expect(smtp.mails).toHaveLength(0);

    await tick(witaMorning(7)); // window closes in three days
    await tick(witaMorning(7));
    expect(mailsTo('kurang@pemda.example')).toHaveLength(1);
    expect(mailsTo('kurang@pemda.example')[0].raw).toMatch(
      /Subject: \[SAKIP\] Batas pengisian realisasi TW 1 2025 tinggal\s+3 hari lagi/,
    );
    expect(mailsTo('kurang@pemda.example')[0].raw).toMatch(/Content-Type: text\/html/);
    expect(smtp.mails).toHaveLength(1);

    // Restart: a new instance on the same database sends nothing already sent.
    await t.app.close();
    t = await start();
    await tick(witaMorning(7));
    expect(smtp.mails).toHaveLength(1);

    await tick(witaMorning(9)); // H-1
    await tick(witaMorning(11)); // overdue
    await tick(witaMorning(12));
    expect(
      mailsTo('kurang@pemda.example').map(
        (m) => /tinggal 3 hari|berakhir besok|sudah lewat/.exec(m.raw.replace(/=\r?\n/g, ''))?.[0],
      ),
    ).toEqual(['tinggal 3 hari', 'berakhir besok', 'sudah lewat']);
    expect(mailsTo('lengkap@pemda.example')).toHaveLength(0);
    expect(mailsTo('admin@pemda.example')).toHaveLength(0);

    // The inbox has the same three reminders, with the unread count; read one, then all.
    const inbox = await request(t.http).get(api('/notifications')).set(t.auth(missing.planner)).expect(200);
    expect(inbox.body.unreadCount).toBe(3);
    expect(inbox.body.items.map((n: { kind: string }) => n.kind).sort()).toEqual(['H1', 'H3', 'OVERDUE']);
    expect(inbox.body.items[0].link).toBe('/konsol/realisasi?tahun=2025');
    await request(t.http)
      .post(api(`/notifications/${inbox.body.items[0].id}/read`))
      .set(t.auth(missing.planner))
      .expect(200);
    await request(t.http)
      .post(api(`/notifications/${inbox.body.items[0].id}/read`))
      .set(t.auth(complete.planner))
      .expect(404);
    const after = await request(t.http).get(api('/notifications')).set(t.auth(missing.planner)).expect(200);
    expect(after.body.unreadCount).toBe(2);
    await request(t.http).post(api('/notifications/read-all')).set(t.auth(missing.planner)).expect(200, { updated: 2 });
  });

  it('defers e-mail during quiet hours but not the inbox, and sends nothing to a deactivated user', async () => {
    const w = await regionIn(t, 'Asia/Jayapura');
    const a = await skpdWithPk(t, w, { reportedQ1: false });
    const b = await skpdWithPk(t, w, { reportedQ1: false });
    await setContact(t, a.planner, { email: 'malam@pemda.example' });
    await setContact(t, b.planner, { email: 'nonaktif@pemda.example' });
    await t.make.db.query('UPDATE users SET active = ? WHERE id = ?', [false, b.planner.id]);
    await setWindow(t, w.admin, '2025-04-10');
    const tick = async (at: Date) => {
      await t.app.get(ReminderScheduler).tick(at);
      await smtp.settled();
    };
    const count = (addr: string) => smtp.mails.filter((m) => m.to.includes(addr)).length;

    await tick(new Date('2025-04-07T13:00:00Z')); // 7 Apr 22:00 WIT: H-3, quiet hours
    const inbox = await request(t.http).get(api('/notifications')).set(t.auth(a.planner)).expect(200);
    expect(inbox.body.unreadCount).toBe(1);
    expect(count('malam@pemda.example')).toBe(0);
    await tick(new Date('2025-04-07T20:59:00Z')); // 8 Apr 05:59 WIT
    expect(count('malam@pemda.example')).toBe(0);
    await tick(new Date('2025-04-07T21:00:00Z')); // 8 Apr 06:00 WIT
    expect(count('malam@pemda.example')).toBe(1);
    expect(count('nonaktif@pemda.example')).toBe(0);
  });

  it('reports mail as configured in /health details and refuses bad preferences', async () => {
    const res = await request(t.http).get('/health').expect(200);
    expect(res.body.details.mail).toEqual({ status: 'up', configured: true });
    const u = await t.make.user({ role: 'PLANNER' });
    for (const body of [
      { email: 'not-an-address' },
      { channels: { PK: ['SMS'] } },
      { channels: null },
      { phone: 'x' },
      { extra: 1 },
    ]) {
      const r = await request(t.http).put(api('/notifications/preferences')).set(t.auth(u)).send(body).expect(400);
      expect(r.body.code).toBe('VALIDATION_FAILED');
    }
    await request(t.http).get(api('/notifications?limit=0')).set(t.auth(u)).expect(400);
    await request(t.http).post(api('/notifications/not-a-uuid/read')).set(t.auth(u)).expect(400);
  });
});
