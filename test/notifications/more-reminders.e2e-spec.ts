import request from 'supertest';
import { Notification } from '../../src/notifications/entities/notification.entity';
import { ReminderScheduler } from '../../src/notifications/reminder-scheduler';
import { makeP12, approvedPk } from '../documents/document-fixtures';
import type { MadeUser } from '../factories/factories';
import { indicator, skpdPlan } from '../planning/planning-fixtures';
import { createTestApp, type TestApp } from '../utils/test-app';
import { api, regionIn, setContact, setWindow, skpdWithPk, startSmtp } from './notification-fixtures';

const P12_PASSPHRASE = 'uji-pengingat-2026';

/** Mail text with quoted-printable soft breaks and encodings undone enough to match Indonesian phrases. */
const plain = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');

describe('Reminder days per region, PK deadlines, follow-up due dates, pending signatures and the weekly digest', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let t: TestApp;
  jest.setTimeout(120_000);
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({
      SMTP_URL: smtp.url,
      SIGNING_PROVIDER: 'local-p12',
      SIGNING_P12_PATH: makeP12(P12_PASSPHRASE),
      SIGNING_P12_PASSPHRASE: P12_PASSPHRASE,
    });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  /** A run at `at` and one 12 hours later, so mail deferred by quiet hours is sent too. */
  const tick = async (at: Date | string) => {
    const when = new Date(at);
    await t.app.get(ReminderScheduler).tick(when);
    await t.app.get(ReminderScheduler).tick(new Date(when.getTime() + 12 * 3_600_000));
    await smtp.settled();
  };
  const mailsTo = (addr: string) => smtp.mails.filter((m) => m.to.includes(addr)).map((m) => plain(m.raw));
  const subjects = (addr: string) =>
    mailsTo(addr).map((m) => /Subject: (.*(?:\r?\n .*)*)/.exec(m)?.[1].replace(/\r?\n /g, ' '));
  const inbox = async (u: MadeUser) =>
    (await request(t.http).get(api('/notifications')).set(t.auth(u)).expect(200)).body as {
      unreadCount: number;
      items: { kind: string; category: string; title: string; body: string; link: string }[];
    };

  it('reminds at the days a region chose (validated; null restores H-7, H-3, H-1)', async () => {
    const w = await regionIn(t, 'Asia/Makassar');
    const x = await skpdWithPk(t, w, { reportedQ1: false });
    await setContact(t, x.planner, { email: 'hari@pemda.example' });
    const region = await request(t.http)
      .get(api(`/regions/${w.regionId}`))
      .set(t.auth(w.admin))
      .expect(200);
    expect(region.body.reminderDays).toEqual([7, 3, 1]);
    for (const bad of [[], [0], [31], [2, 2], ['7'], [1, 2, 3, 4, 5, 6], 7])
      expect(
        (
          await request(t.http)
            .patch(api(`/regions/${w.regionId}`))
            .set(t.auth(w.admin))
            .send({ version: region.body.version, reminderDays: bad })
            .expect(400)
        ).body.code,
      ).toBe('VALIDATION_FAILED');
    const set = await request(t.http)
      .patch(api(`/regions/${w.regionId}`))
      .set(t.auth(w.admin))
      .send({ version: region.body.version, reminderDays: [2, 14] })
      .expect(200);
    expect(set.body.reminderDays).toEqual([14, 2]);
    await setWindow(t, w.admin, '2025-04-10'); // end of 10 April WITA

    await tick('2025-03-26T02:00:00Z'); // H-15
    await tick('2025-03-27T02:00:00Z'); // H-14
    await tick('2025-04-03T02:00:00Z'); // H-7: not chosen
    await tick('2025-04-08T02:00:00Z'); // H-2
    expect(subjects('hari@pemda.example')).toEqual([
      '[SAKIP] Batas pengisian realisasi TW 1 2025 tinggal 14 hari lagi',
      '[SAKIP] Batas pengisian realisasi TW 1 2025 tinggal 2 hari lagi',
    ]);
    // Both notices may carry the same second: compare them as a set.
    expect((await inbox(x.planner)).items.map((n) => n.kind).sort()).toEqual(['H14', 'H2']);

    const reset = await request(t.http)
      .patch(api(`/regions/${w.regionId}`))
      .set(t.auth(w.admin))
      .send({ version: set.body.version, reminderDays: null })
      .expect(200);
    expect(reset.body.reminderDays).toEqual([7, 3, 1]);
  });

  it('reminds planners before the PK submission deadline and admins before the approval deadline', async () => {
    const w = await regionIn(t, 'Asia/Jakarta');
    const approved = await skpdWithPk(t, w, { reportedQ1: false });
    const late = await skpdPlan(t, w);
    const waiting = await skpdPlan(t, w);
    const ind = await indicator(t, waiting.planner, waiting.sasaranId);
    const pk = await request(t.http)
      .post(api('/pk'))
      .set(t.auth(waiting.planner))
      .send({ skpdId: waiting.skpdId, year: 2025 })
      .expect(201);
    await request(t.http)
      .put(api(`/pk/${pk.body.id}/indicators`))
      .set(t.auth(waiting.planner))
      .send({
        version: pk.body.version,
        items: [{ indicatorId: ind.id, annualTarget: '4', q1Target: '1', q2Target: '1', q3Target: '1', q4Target: '1' }],
      })
      .expect(200);
    await request(t.http)
      .post(api(`/pk/${pk.body.id}/submit`))
      .set(t.auth(waiting.planner))
      .expect(200);
    await setContact(t, approved.planner, { email: 'pk-disetujui@pemda.example' });
    await setContact(t, late.planner, { email: 'pk-terlambat@pemda.example' });
    await setContact(t, waiting.planner, { email: 'pk-menunggu@pemda.example' });
    await setContact(t, w.admin, { email: 'pk-admin@pemda.example', channels: { DIGEST: [] } });

    // Validation: dates, order, and who may set them.
    const put = (u: MadeUser, body: object) => request(t.http).put(api('/pk-deadlines')).set(t.auth(u)).send(body);
    expect((await put(w.admin, { year: 2025, submitDeadline: 'besok' }).expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
    expect(
      (await put(w.admin, { year: 2025, submitDeadline: '2025-01-31', approvalDeadline: '2025-01-20' }).expect(422))
        .body.code,
    ).toBe('PK_DEADLINES_ORDER');
    await put(late.planner, { year: 2025, submitDeadline: '2025-01-31' }).expect(403);
    const set = await put(w.admin, { year: 2025, submitDeadline: '2025-01-31', approvalDeadline: '2025-02-14' }).expect(
      200,
    );
    expect(set.body).toEqual({
      year: 2025,
      submitDeadline: '2025-01-31T16:59:59.000Z',
      approvalDeadline: '2025-02-14T16:59:59.000Z',
      version: 1,
    });
    const read = await request(t.http).get(api('/pk-deadlines?year=2025')).set(t.auth(late.planner)).expect(200);
    expect(read.body).toEqual(set.body);
    const outsider = await t.make.user({ role: 'REGION_ADMIN' });
    expect(
      (await request(t.http).get(api('/pk-deadlines?year=2025')).set(t.auth(outsider)).expect(200)).body.version,
    ).toBe(0);

    await tick('2025-01-28T03:00:00Z'); // H-3 of submission, 10:00 WIB
    await tick('2025-01-28T03:00:00Z');
    expect(subjects('pk-terlambat@pemda.example')).toEqual(['[SAKIP] Batas pengajuan PK 2025 tinggal 3 hari lagi']);
    expect(mailsTo('pk-terlambat@pemda.example')[0]).toContain('/konsol/pk?tahun=2025');
    expect(mailsTo('pk-disetujui@pemda.example')).toHaveLength(0);
    expect(mailsTo('pk-menunggu@pemda.example')).toHaveLength(0);
    expect(mailsTo('pk-admin@pemda.example')).toHaveLength(0);

    await tick('2025-02-13T03:00:00Z'); // H-1 of approval; submission overdue
    expect(subjects('pk-terlambat@pemda.example')).toEqual([
      '[SAKIP] Batas pengajuan PK 2025 tinggal 3 hari lagi',
      '[SAKIP] Batas pengajuan PK 2025 sudah lewat',
    ]);
    expect(subjects('pk-admin@pemda.example')).toEqual(['[SAKIP] Batas persetujuan PK 2025 berakhir besok']);
    const names = (
      await request(t.http)
        .get(api(`/skpd/${waiting.skpdId}`))
        .set(t.auth(w.admin))
        .expect(200)
    ).body.name as string;
    expect(mailsTo('pk-admin@pemda.example')[0]).toContain(`1 Perjanjian Kinerja 2025 menunggu persetujuan: ${names}`);
    expect(mailsTo('pk-menunggu@pemda.example')).toHaveLength(0);
  });

  it('reminds the SKPD of a recommendation follow-up before its due date, until an evaluator marks it done', async () => {
    const w = await regionIn(t, 'Asia/Jakarta');
    const x = await skpdPlan(t, w);
    const evaluator = await t.make.user({ role: 'EVALUATOR', regionId: w.regionId });
    await setContact(t, x.planner, { email: 'tindak-lanjut@pemda.example' });
    const ev = await request(t.http)
      .post(api('/evaluations'))
      .set(t.auth(w.admin))
      .send({ skpdId: x.skpdId, year: 2025 })
      .expect(201);
    const recs = api(`/evaluations/${ev.body.id}/recommendations`);
    await request(t.http)
      .post(recs)
      .set(t.auth(evaluator))
      .send({ text: 'Agar menyusun rencana aksi.', dueDate: '30 Juni' })
      .expect(400);
    const rec = await request(t.http)
      .post(recs)
      .set(t.auth(evaluator))
      .send({ text: 'Agar menyusun rencana aksi triwulanan untuk setiap sasaran.', dueDate: '2025-06-30' })
      .expect(201);
    expect(rec.body.dueAt).toBe('2025-06-30T16:59:59.000Z');
    await request(t.http)
      .post(recs)
      .set(t.auth(evaluator))
      .send({ text: 'Agar mereviu laporan kinerja tanpa batas waktu.' })
      .expect(201);

    await tick('2025-06-23T03:00:00Z'); // H-7
    expect(subjects('tindak-lanjut@pemda.example')).toEqual([
      '[SAKIP] Batas tindak lanjut rekomendasi LKE 2025 tinggal 7 hari lagi',
    ]);
    expect(mailsTo('tindak-lanjut@pemda.example')[0]).toContain('Agar menyusun rencana aksi triwulanan');
    const box = await inbox(x.planner);
    expect(box.items[0]).toMatchObject({ kind: 'H7', category: 'EVALUATION', link: `/konsol/lke/${ev.body.id}` });

    await request(t.http)
      .put(api(`/evaluations/${ev.body.id}/recommendations/${rec.body.id}/follow-up`))
      .set(t.auth(evaluator))
      .send({ version: rec.body.version, followUp: 'Rencana aksi ditetapkan dengan SK.', status: 'DONE' })
      .expect(200);
    await tick('2025-06-27T03:00:00Z'); // H-3: done, nothing more
    expect(mailsTo('tindak-lanjut@pemda.example')).toHaveLength(1);
  });

  it('reminds the regional head of a PK waiting for the second signature on the 1st and 7th day, then stops', async () => {
    const { w, x, pkId, head } = await approvedPk(t);
    await setContact(t, head, { email: 'bupati@pemda.example' });
    await setContact(t, w.admin, { email: 'ttd-admin@pemda.example', channels: { DIGEST: [] } });
    await request(t.http)
      .post(api(`/pk/${pkId}/sign`))
      .set(t.auth(x.planner))
      .send({})
      .expect(200);
    const signedAt = Date.now();

    await tick(new Date(signedAt + 2 * 3_600_000)); // the same or next local day: at most P1
    await tick(new Date(signedAt + 26 * 3_600_000)); // P1
    await tick(new Date(signedAt + 8 * 86_400_000)); // P7 (P3 was missed: only the latest is caught up)
    expect(subjects('bupati@pemda.example')).toEqual([
      '[SAKIP] PK 2025 Dinas Kesehatan Kabupaten Maju Bersama menunggu tanda tangan Anda',
      '[SAKIP] PK 2025 Dinas Kesehatan Kabupaten Maju Bersama menunggu tanda tangan Anda',
    ]);
    expect(mailsTo('bupati@pemda.example')[0]).toContain('sudah 1 hari menunggu tanda tangan pihak kedua');
    expect(mailsTo('bupati@pemda.example')[1]).toContain('sudah 7 hari menunggu tanda tangan pihak kedua');
    expect(mailsTo('bupati@pemda.example')[0]).toContain(`/konsol/pk/${pkId}/dokumen`);
    expect(mailsTo('ttd-admin@pemda.example')).toHaveLength(0);

    await request(t.http)
      .post(api(`/pk/${pkId}/sign`))
      .set(t.auth(head))
      .send({})
      .expect(200);
    await tick(new Date(signedAt + 9 * 86_400_000));
    expect(mailsTo('bupati@pemda.example')).toHaveLength(2);
  });

  it('sends the weekly digest once per ISO week from Monday 07:00 region time, after quiet hours and by preference', async () => {
    const w = await regionIn(t, 'Asia/Jayapura');
    const optedOut = await t.make.user({ role: 'REGION_ADMIN', regionId: w.regionId });
    const inactive = await t.make.user({ role: 'REGION_ADMIN', regionId: w.regionId, active: false });
    const filled = await skpdWithPk(t, w, { reportedQ1: true });
    const empty = await skpdPlan(t, w);
    await request(t.http)
      .post(api('/evaluations'))
      .set(t.auth(w.admin))
      .send({ skpdId: filled.skpdId, year: 2025 })
      .expect(201);
    await setContact(t, w.admin, { email: 'rekap@pemda.example' });
    await setContact(t, optedOut, { email: 'tanpa-rekap@pemda.example', channels: { DIGEST: [] } });
    const run = (at: string) => t.app.get(ReminderScheduler).tick(new Date(at));
    const weekly = async (u: MadeUser) => (await inbox(u)).items.filter((n) => n.kind === 'WEEKLY');

    await run('2025-10-05T21:59:00Z'); // Monday 6 Oct 06:59 WIT: not yet
    expect(await weekly(w.admin)).toHaveLength(0);
    await run('2025-10-06T12:30:00Z'); // Monday 21:30 WIT (a late first run): quiet hours
    await smtp.settled();
    expect(await weekly(w.admin)).toHaveLength(1);
    expect(await weekly(optedOut)).toHaveLength(1);
    expect(await t.make.db.getRepository(Notification).countBy({ userId: inactive.id })).toBe(0);
    expect(mailsTo('rekap@pemda.example')).toHaveLength(0);
    await run('2025-10-06T21:00:00Z'); // Tuesday 06:00 WIT
    await run('2025-10-08T03:00:00Z'); // Wednesday: the same week, nothing new
    await smtp.settled();
    expect(subjects('rekap@pemda.example')).toEqual(['[SAKIP] Rekap mingguan kelengkapan SAKIP 2025-W41']);
    expect(mailsTo('tanpa-rekap@pemda.example')).toHaveLength(0);
    const [digest] = await weekly(w.admin);
    const skpdName = async (id: string) =>
      (
        await request(t.http)
          .get(api(`/skpd/${id}`))
          .set(t.auth(w.admin))
          .expect(200)
      ).body.name as string;
    expect(digest.body.split('\n')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Kelengkapan data \d+ SKPD \(0 lengkap untuk 2025\):$/),
        `- ${await skpdName(filled.skpdId)}: realisasi 2025 TW terisi I; PK disetujui; LKE 2025 penilaian mandiri`,
        `- ${await skpdName(empty.skpdId)}: realisasi 2025 TW terisi belum ada; PK belum ada; LKE belum dibuka`,
      ]),
    );
    expect(mailsTo('rekap@pemda.example')[0]).toMatch(/<ul><li>/);

    await run('2025-10-12T22:00:00Z'); // Monday 13 Oct 07:00 WIT: the next week
    await smtp.settled();
    expect(subjects('rekap@pemda.example')).toEqual([
      '[SAKIP] Rekap mingguan kelengkapan SAKIP 2025-W41',
      '[SAKIP] Rekap mingguan kelengkapan SAKIP 2025-W42',
    ]);
  });
});
