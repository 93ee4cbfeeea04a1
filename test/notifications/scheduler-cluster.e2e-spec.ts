import request from 'supertest';
import { ReminderScheduler } from '../../src/notifications/reminder-scheduler';
import { createTestApp, createTestCluster, type TestApp, type TestCluster } from '../utils/test-app';
import { usesMysql } from '../utils/test-database';
import { api, regionIn, setContact, setWindow, skpdWithPk, startSmtp } from './notification-fixtures';

// Replicas need a server database: the embedded SQLite file is for one process (TEST_DB=mysql runs this).
(usesMysql() ? describe : describe.skip)(
  'Reminders on three replicas of one MariaDB database with one shared clock',
  () => {
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let cluster: TestCluster;
    beforeAll(async () => {
      smtp = await startSmtp();
      cluster = await createTestCluster(3, { SMTP_URL: smtp.url });
    });
    afterAll(async () => {
      await cluster?.close();
      await smtp?.close();
    });

    it('delivers every reminder exactly once', async () => {
      const t = cluster.apps[0];
      const w = await regionIn(t, 'Asia/Jakarta');
      const planners: { id: string; token: string }[] = [];
      for (let i = 0; i < 3; i++) {
        const x = await skpdWithPk(t, w, { reportedQ1: false });
        await setContact(t, x.planner, { email: `perencana${i}@pemda.example` });
        planners.push(x.planner);
      }
      await setWindow(t, w.admin, '2025-04-10');
      const allTick = (at: string) =>
        Promise.all(cluster.apps.map((a) => a.app.get(ReminderScheduler).tick(new Date(at))));

      for (const at of ['2025-04-03T03:00:00Z', '2025-04-07T03:00:00Z', '2025-04-09T03:00:00Z', '2025-04-11T03:00:00Z'])
        for (let round = 0; round < 2; round++) await allTick(at);
      await smtp.settled();

      for (let i = 0; i < 3; i++) {
        const mine = smtp.mails.filter((m) => m.to.includes(`perencana${i}@pemda.example`));
        expect(mine).toHaveLength(4); // H-7, H-3, H-1, overdue
      }
      expect(smtp.mails).toHaveLength(12);
      const inbox = await request(cluster.apps[2].http).get(api('/notifications')).set(t.auth(planners[0])).expect(200);
      expect(inbox.body.unreadCount).toBe(4);
    });
  },
);

describe('Deadlines in WITA and WIT', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('the same deadline closes an hour earlier in Jayapura than in Makassar', async () => {
    const makassar = await regionIn(t, 'Asia/Makassar');
    const jayapura = await regionIn(t, 'Asia/Jayapura');
    const m = await skpdWithPk(t, makassar, { reportedQ1: false });
    const j = await skpdWithPk(t, jayapura, { reportedQ1: false });
    expect((await setWindow(t, makassar.admin, '2025-04-10')).body.deadline).toBe('2025-04-10T15:59:59.000Z');
    expect((await setWindow(t, jayapura.admin, '2025-04-10')).body.deadline).toBe('2025-04-10T14:59:59.000Z');
    expect((await setWindow(t, jayapura.admin, '2025-04-10T17:00')).body.deadline).toBe('2025-04-10T08:00:00.000Z');
    await setWindow(t, jayapura.admin, '2025-04-10');

    // 15:30 UTC: 23:30 WITA on the 10th (still open), 00:30 WIT on the 11th (closed).
    await t.app.get(ReminderScheduler).tick(new Date('2025-04-10T15:30:00Z'));
    const kinds = async (u: typeof m.planner) =>
      (await request(t.http).get(api('/notifications')).set(t.auth(u)).expect(200)).body.items.map(
        (n: { kind: string }) => n.kind,
      );
    expect(await kinds(m.planner)).toEqual(['H1']);
    expect(await kinds(j.planner)).toEqual(['OVERDUE']);
  });
});
