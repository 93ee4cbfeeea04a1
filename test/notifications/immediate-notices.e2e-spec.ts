import request from 'supertest';
import { Evaluation } from '../../src/evaluation/entities/evaluation.entity';
import { Notification } from '../../src/notifications/entities/notification.entity';
import { ReminderScheduler } from '../../src/notifications/reminder-scheduler';
import type { MadeUser } from '../factories/factories';
import { indicator, planningWorld, skpdPlan } from '../planning/planning-fixtures';
import { createTestApp, type TestApp } from '../utils/test-app';
import { api, setContact, startSmtp } from './notification-fixtures';

describe('Immediate notices written in the same transaction as the action', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let t: TestApp;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const inbox = async (u: MadeUser) =>
    (await request(t.http).get(api('/notifications')).set(t.auth(u)).expect(200)).body as {
      unreadCount: number;
      items: { kind: string; category: string; title: string; body: string; link: string }[];
    };

  it('tells the region admins a PK awaits approval and the planners why it came back', async () => {
    const w = await planningWorld(t);
    const secondAdmin = await t.make.user({ role: 'REGION_ADMIN', regionId: w.regionId });
    const x = await skpdPlan(t, w);
    await setContact(t, w.admin, { email: 'admin@pemda.example' });
    const pk = await request(t.http)
      .post(api('/pk'))
      .set(t.auth(x.planner))
      .send({ skpdId: x.skpdId, year: 2025 })
      .expect(201);

    // A refused submit (no indicators) rolls back with its notice: nobody hears of it.
    await request(t.http)
      .post(api(`/pk/${pk.body.id}/submit`))
      .set(t.auth(x.planner))
      .expect(422);
    expect(await t.make.db.getRepository(Notification).countBy({ regionId: w.regionId })).toBe(0);

    const ind = await indicator(t, x.planner, x.sasaranId);
    const items = [
      { indicatorId: ind.id, annualTarget: '100', q1Target: '25', q2Target: '25', q3Target: '25', q4Target: '25' },
    ];
    await request(t.http)
      .put(api(`/pk/${pk.body.id}/indicators`))
      .set(t.auth(x.planner))
      .send({ version: pk.body.version, items })
      .expect(200);
    await request(t.http)
      .post(api(`/pk/${pk.body.id}/submit`))
      .set(t.auth(x.planner))
      .expect(200);
    for (const admin of [w.admin, secondAdmin]) {
      const box = await inbox(admin);
      expect(box.unreadCount).toBe(1);
      expect(box.items[0]).toMatchObject({ kind: 'IMMEDIATE', category: 'PK', link: '/konsol/admin/pk' });
      expect(box.items[0].title).toMatch(/^PK 2025 .* menunggu persetujuan$/);
    }
    expect((await inbox(x.planner)).unreadCount).toBe(0);

    await request(t.http)
      .post(api(`/pk/${pk.body.id}/return`))
      .set(t.auth(w.admin))
      .send({ reason: 'Target TW II belum sesuai Renja' })
      .expect(200);
    const planner = await inbox(x.planner);
    expect(planner.items.map((n) => n.body)).toEqual([
      'Perjanjian Kinerja 2025 dikembalikan dengan alasan: Target TW II belum sesuai Renja',
    ]);

    // The admin chose e-mail: the next run sends the notice.
    // (Quiet hours may defer it to 06:00 region time: run half a day later.)
    await t.app.get(ReminderScheduler).tick(new Date(Date.now() + 12 * 3_600_000));
    await smtp.settled();
    const notices = smtp.mails.filter((m) => m.to.includes('admin@pemda.example') && !/Rekap mingguan/.test(m.raw));
    expect(notices).toHaveLength(1);
  });

  it('tells the evaluators an evaluation was reopened', async () => {
    const region = await t.make.region();
    const skpd = await t.make.skpd(region.id);
    const admin = await t.make.user({ role: 'REGION_ADMIN', regionId: region.id });
    const evaluator = await t.make.user({ role: 'EVALUATOR', regionId: region.id });
    const inactive = await t.make.user({ role: 'EVALUATOR', regionId: region.id, active: false });
    const opened = await request(t.http)
      .post(api('/evaluations'))
      .set(t.auth(admin))
      .send({ skpdId: skpd.id, year: 2025 })
      .expect(201);
    await t.make.db.getRepository(Evaluation).update({ id: opened.body.id }, { status: 'FINAL' });
    const ev = await t.make.db.getRepository(Evaluation).findOneByOrFail({ id: opened.body.id });
    const reopened = await request(t.http)
      .post(api(`/evaluations/${ev.id}/reopen`))
      .set(t.auth(admin))
      .send({ version: ev.version, reason: 'Keberatan SKPD atas nilai komponen 2 diterima' })
      .expect(201);
    const box = await inbox(evaluator);
    expect(box.items).toEqual([
      expect.objectContaining({
        kind: 'IMMEDIATE',
        category: 'EVALUATION',
        title: 'Evaluasi LKE 2025 dibuka kembali',
        link: `/konsol/lke/${reopened.body.id}`,
      }),
    ]);
    expect(await t.make.db.getRepository(Notification).countBy({ userId: inactive.id })).toBe(0);
  });
});
