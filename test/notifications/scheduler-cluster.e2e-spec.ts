import request from 'supertest';
import { ReminderScheduler } from '../../src/notifications/reminder-scheduler';
import { approvedPk, makeP12 } from '../documents/document-fixtures';
import { skpdPlan } from '../planning/planning-fixtures';
import { createTestApp, createTestCluster, type TestApp, type TestCluster } from '../utils/test-app';
import { usesMysql } from '../utils/test-database';
import { api, regionIn, setContact, setWindow, skpdWithPk, startSmtp } from './notification-fixtures';

const P12_PASSPHRASE = 'uji-klaster-2026';

// Replicas need a server database: the embedded SQLite file is for one process (TEST_DB=mysql runs this).
(usesMysql() ? describe : describe.skip)(
  'Reminders on three replicas of one MariaDB database with one shared clock',
  () => {
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let cluster: TestCluster;
    beforeAll(async () => {
      smtp = await startSmtp();
      cluster = await createTestCluster(3, {
        SMTP_URL: smtp.url,
        SIGNING_PROVIDER: 'local-p12',
        SIGNING_P12_PATH: makeP12(P12_PASSPHRASE),
        SIGNING_P12_PASSPHRASE: P12_PASSPHRASE,
      });
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
      expect(smtp.mails.filter((m) => m.to.some((a) => a.startsWith('perencana')))).toHaveLength(12);
      const inbox = await request(cluster.apps[2].http).get(api('/notifications')).set(t.auth(planners[0])).expect(200);
      expect(inbox.body.unreadCount).toBe(4);
    });

    it('delivers PK deadline, follow-up, pending-signature and weekly digest reminders exactly once', async () => {
      const t = cluster.apps[0];
      const allTick = async (at: Date) => {
        for (let round = 0; round < 2; round++)
          await Promise.all(cluster.apps.map((a) => a.app.get(ReminderScheduler).tick(at)));
      };
      const w = await regionIn(t, 'Asia/Jakarta');
      const late = await skpdPlan(t, w);
      const evaluator = await t.make.user({ role: 'EVALUATOR', regionId: w.regionId });
      await setContact(t, late.planner, { email: 'terlambat@pemda.example' });
      await setContact(t, w.admin, { email: 'rekap-klaster@pemda.example' });
      await request(t.http)
        .put(api('/pk-deadlines'))
        .set(t.auth(w.admin))
        .send({ year: 2025, submitDeadline: '2025-06-20' })
        .expect(200);
      const ev = await request(t.http)
        .post(api('/evaluations'))
        .set(t.auth(w.admin))
        .send({ skpdId: late.skpdId, year: 2025 })
        .expect(201);
      await request(t.http)
        .post(api(`/evaluations/${ev.body.id}/recommendations`))
        .set(t.auth(evaluator))
        .send({ text: 'Agar menyusun rencana aksi triwulanan.', dueDate: '2025-06-30' })
        .expect(201);
      const signing = await approvedPk(t);
      await setContact(t, signing.head, { email: 'kepala-daerah@pemda.example' });
      await request(t.http)
        .post(api(`/pk/${signing.pkId}/sign`))
        .set(t.auth(signing.x.planner))
        .send({})
        .expect(200);
      const signedAt = Date.now();

      // Monday 16 and 23 June 2025, 10:00 WIB; then the 1st and 8th day after the first signature (and half a day
      // later, past any quiet hours).
      for (const at of [
        new Date('2025-06-16T03:00:00Z'),
        new Date('2025-06-23T03:00:00Z'),
        new Date(signedAt + 26 * 3_600_000),
        new Date(signedAt + 38 * 3_600_000),
        new Date(signedAt + 8 * 86_400_000),
        new Date(signedAt + 8.5 * 86_400_000),
      ])
        await allTick(at);
      await smtp.settled();

      const subjectsTo = (addr: string) =>
        smtp.mails
          .filter((m) => m.to.includes(addr))
          .map((m) => /^Subject: (.*)$/m.exec(m.raw.replace(/\r?\n /g, ' '))?.[1])
          .sort();
      expect(subjectsTo('terlambat@pemda.example')).toEqual([
        '[SAKIP] Batas pengajuan PK 2025 sudah lewat',
        '[SAKIP] Batas pengajuan PK 2025 tinggal 7 hari lagi',
        '[SAKIP] Batas tindak lanjut rekomendasi LKE 2025 tinggal 7 hari lagi',
      ]);
      const digests = subjectsTo('rekap-klaster@pemda.example');
      expect(digests.slice(0, 2)).toEqual([
        '[SAKIP] Rekap mingguan kelengkapan SAKIP 2025-W25',
        '[SAKIP] Rekap mingguan kelengkapan SAKIP 2025-W26',
      ]);
      expect(new Set(digests).size).toBe(digests.length); // the later weeks of the signature runs: once each too
      expect(subjectsTo('kepala-daerah@pemda.example')).toEqual([
        '[SAKIP] PK 2025 Dinas Kesehatan Kabupaten Maju Bersama menunggu tanda tangan Anda',
        '[SAKIP] PK 2025 Dinas Kesehatan Kabupaten Maju Bersama menunggu tanda tangan Anda',
      ]);
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
