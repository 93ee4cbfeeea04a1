import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Pembinaan1766000000050 } from '../../src/database/migrations/1766000000050-pembinaan';
import { PEMBINAAN_SHEET } from '../../src/progress/progress-workbook';
import { RECOMMENDATION_STATUS_LABELS } from '../../src/reporting/domain/lke-sheet';
import { HEADER_ROW } from '../../src/reporting/sheet-style';
import type { MadeUser } from '../factories/factories';
import { download, text, workbookOf } from '../reporting/report-fixtures';
import { convertToPdf, overlappingLines, pdfLayout, pdfText } from '../utils/pdf-layout';
import { createTestApp, type TestApp } from '../utils/test-app';

const P = '/api/v1/province/regions';
const OWN = '/api/v1/pembinaan';
const followUpPath = (id: string) => `${OWN}/recommendations/${id}/follow-up`;

const body = (over: object = {}) => ({
  date: '2026-03-12',
  topic: 'Pendampingan penyusunan Perjanjian Kinerja',
  findings: 'IKU perangkat daerah belum selaras dengan sasaran RPJMD.',
  recommendations: [
    { text: 'Agar menyelaraskan IKU perangkat daerah dengan sasaran RPJMD.', dueDate: '2026-06-30' },
    { text: 'Agar menetapkan PK seluruh perangkat daerah paling lambat akhir Januari.', dueDate: '2026-04-30' },
  ],
  ...over,
});

/** Issue 21 item 4: the province records pembinaan of a kabupaten/kota, which follows it up; both see the history. */
describe('pembinaan', () => {
  let t: TestApp;
  let kabId: string;
  let siblingId: string;
  let otherChildId: string;
  let provinceId: string;
  let provEvaluator: MadeUser;
  let provHead: MadeUser;
  let otherProvEvaluator: MadeUser;
  let kabAdmin: MadeUser;
  let kabHead: MadeUser;
  let kabEvaluator: MadeUser;
  let siblingAdmin: MadeUser;
  let recIds: string[];

  beforeAll(async () => {
    t = await createTestApp();
    const province = await t.make.region({ kind: 'PROVINSI', name: 'Provinsi Uji Pembinaan' });
    const otherProvince = await t.make.region({ kind: 'PROVINSI' });
    provinceId = province.id;
    kabId = (await t.make.region({ provinceId: province.id, name: 'Kabupaten Binaan' })).id;
    siblingId = (await t.make.region({ provinceId: province.id })).id;
    otherChildId = (await t.make.region({ provinceId: otherProvince.id })).id;
    provEvaluator = await t.make.user({ role: 'PROVINCE_EVALUATOR', regionId: province.id });
    provHead = await t.make.user({ role: 'PROVINCE_HEAD', regionId: province.id });
    otherProvEvaluator = await t.make.user({ role: 'PROVINCE_EVALUATOR', regionId: otherProvince.id });
    kabAdmin = await t.make.user({ role: 'REGION_ADMIN', regionId: kabId });
    kabHead = await t.make.user({ role: 'HEAD', regionId: kabId });
    kabEvaluator = await t.make.user({ role: 'EVALUATOR', regionId: kabId });
    siblingAdmin = await t.make.user({ role: 'REGION_ADMIN', regionId: siblingId });
  }, 120_000);
  afterAll(() => t.close());

  it('lets the province evaluator record a pembinaan with its recommendations, audited', async () => {
    const res = await request(t.http).post(`${P}/${kabId}/pembinaan`).set(t.auth(provEvaluator)).send(body());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      regionId: kabId,
      date: '2026-03-12',
      topic: 'Pendampingan penyusunan Perjanjian Kinerja',
      recommendations: [
        { ordinal: 1, dueDate: '2026-06-30', status: 'OPEN', followUp: null, version: 1 },
        { ordinal: 2, dueDate: '2026-04-30', status: 'OPEN', followUp: null, version: 1 },
      ],
    });
    recIds = res.body.recommendations.map((r: { id: string }) => r.id);
    const audit = await t.db.query('SELECT action, entity FROM audit_log WHERE entityId = ?', [res.body.id]);
    expect(audit).toEqual([{ action: 'CREATE', entity: 'PembinaanVisit' }]);
  });

  it('refuses bad input with 400/422 and writes nothing', async () => {
    const auth = t.auth(provEvaluator);
    const cases: [object, number][] = [
      [body({ date: '2026-02-30' }), 400],
      [body({ date: '12-03-2026' }), 400],
      [body({ topic: 'x'.repeat(201) }), 400],
      [body({ recommendations: [] }), 400],
      [body({ recommendations: [{ text: 'Agar menyusun rencana aksi.', dueDate: '2026-13-01' }] }), 400],
      [body({ recommendations: [{ text: 'Agar menyusun rencana aksi.', dueDate: '2026-03-11' }] }), 422],
      [body({ unknown: 1 }), 400],
    ];
    for (const [b, status] of cases) {
      const res = await request(t.http).post(`${P}/${kabId}/pembinaan`).set(auth).send(b);
      expect([b, res.status]).toEqual([b, status]);
    }
    expect(await t.db.query('SELECT id FROM pembinaan_visits WHERE regionId = ?', [kabId])).toHaveLength(1);
  });

  it('answers 404 for a region outside the province and to province roles that may not write, 403 to others', async () => {
    // Another province's kabupaten and the province's own region are not children of the caller.
    for (const id of [otherChildId, provinceId]) {
      await request(t.http).post(`${P}/${id}/pembinaan`).set(t.auth(provEvaluator)).send(body()).expect(404);
      await request(t.http).get(`${P}/${id}/pembinaan`).set(t.auth(provEvaluator)).expect(404);
    }
    await request(t.http).post(`${P}/${kabId}/pembinaan`).set(t.auth(otherProvEvaluator)).send(body()).expect(404);
    await request(t.http).get(`${P}/${kabId}/pembinaan`).set(t.auth(otherProvEvaluator)).expect(404);
    const refusal = (role: string) => (role.startsWith('PROVINCE_') ? [404, 'NOT_FOUND'] : [403, 'PERMISSION_DENIED']);
    for (const user of [provHead, kabAdmin, kabHead]) {
      const res = await request(t.http).post(`${P}/${kabId}/pembinaan`).set(t.auth(user)).send(body());
      expect([user.role, res.status, res.body.code]).toEqual([user.role, ...refusal(user.role)]);
    }
    const followUp = { version: 1, followUp: 'Sudah.', status: 'DONE' };
    for (const user of [provEvaluator, provHead, kabEvaluator, kabHead]) {
      const res = await request(t.http).put(followUpPath(recIds[0])).set(t.auth(user)).send(followUp);
      expect([user.role, res.status, res.body.code]).toEqual([user.role, ...refusal(user.role)]);
    }
  });

  it('lets the kabupaten/kota admin follow up its recommendations; a sibling gets 404 and sees none', async () => {
    const res = await request(t.http)
      .put(followUpPath(recIds[1]))
      .set(t.auth(kabAdmin))
      .send({ version: 1, followUp: 'PK seluruh perangkat daerah telah ditetapkan.', status: 'DONE' })
      .expect(200);
    expect(res.body).toMatchObject({ status: 'DONE', version: 2 });
    await request(t.http)
      .put(followUpPath(recIds[0]))
      .set(t.auth(kabAdmin))
      .send({ version: 1, followUp: 'Penyelarasan IKU sedang dibahas.', status: 'IN_PROGRESS' })
      .expect(200);
    const stale = await request(t.http)
      .put(followUpPath(recIds[0]))
      .set(t.auth(kabAdmin))
      .send({ version: 1, followUp: 'Lain.', status: 'DONE' });
    expect([stale.status, stale.body.code]).toEqual([409, 'STALE_VERSION']);
    const bad = await request(t.http)
      .put(followUpPath(recIds[0]))
      .set(t.auth(kabAdmin))
      .send({ version: 2, followUp: 'Lain.', status: 'CLOSED' });
    expect(bad.status).toBe(400);
    await request(t.http)
      .put(followUpPath(recIds[0]))
      .set(t.auth(siblingAdmin))
      .send({ version: 2, followUp: 'Bukan milik kami.', status: 'DONE' })
      .expect(404);
    const siblingView = await request(t.http).get(OWN).set(t.auth(siblingAdmin)).expect(200);
    expect(siblingView.body.items).toEqual([]);
    const audit = await t.db.query('SELECT action FROM audit_log WHERE entity = ? AND entityId = ?', [
      'PembinaanRecommendation',
      recIds[0],
    ]);
    expect(audit).toEqual([{ action: 'UPDATE' }]);
  });

  it('shows both sides the same history, and the progress workbook the same texts and figures, printably', async () => {
    const own = await request(t.http).get(`${OWN}?year=2026`).set(t.auth(kabHead)).expect(200);
    const seen = await request(t.http).get(`${P}/${kabId}/pembinaan`).set(t.auth(provHead)).expect(200);
    expect(seen.body).toEqual(own.body);
    expect(own.body.summary).toEqual({ visits: 1, recommendations: 2, open: 0, inProgress: 1, done: 1 });
    expect(own.body.items[0].recommendations.map((r: { followUp: string }) => r.followUp)).toEqual([
      'Penyelarasan IKU sedang dibahas.',
      'PK seluruh perangkat daerah telah ditetapkan.',
    ]);
    const other = await request(t.http).get(`${OWN}?year=2025`).set(t.auth(kabHead)).expect(200);
    expect(other.body.items).toEqual([]);

    const file = (await download(t, '/api/v1/progress/workbook?year=2026', kabHead).expect(200)).body as Buffer;
    const wb = await workbookOf(file);
    const ws = wb.getWorksheet(PEMBINAAN_SHEET)!;
    expect(ws).toBeDefined();
    const cells = (r: number) => (ws.getRow(r).values as unknown[]).slice(1).map((v) => text(v as string));
    expect(cells(HEADER_ROW - 1)[0]).toBe(
      '1 kali pembinaan dengan 2 rekomendasi: 1 selesai, 1 dalam proses, 0 belum ditindaklanjuti.',
    );
    const visit = own.body.items[0];
    const expected = visit.recommendations.map(
      (r: { text: string; dueDate: string; followUp: string; status: string }, i: number) => [
        String(i + 1),
        visit.date,
        visit.topic,
        visit.findings,
        r.text,
        r.dueDate,
        r.followUp,
        RECOMMENDATION_STATUS_LABELS[r.status],
      ],
    );
    expect([cells(HEADER_ROW + 1), cells(HEADER_ROW + 2)]).toEqual(expected);
    expect(cells(HEADER_ROW + 3).filter(Boolean)).toEqual([]);

    // Print-ready: LibreOffice prints the sheet without overlapping lines, with the follow-up texts.
    const dir = mkdtempSync(join(tmpdir(), 'sakip-pembinaan-'));
    try {
      writeFileSync(join(dir, 'kemajuan.xlsx'), file);
      await convertToPdf(dir, [join(dir, 'kemajuan.xlsx')]);
      const pages = await pdfLayout(join(dir, 'kemajuan.pdf'));
      expect(overlappingLines(pages)).toEqual([]);
      const printed = pdfText(pages).replace(/\s+/g, ' ');
      for (const phrase of [
        'PEMBINAAN SAKIP OLEH PEMERINTAH PROVINSI',
        'Penyelarasan IKU sedang dibahas.',
        'Dalam proses',
      ])
        expect(printed).toContain(phrase);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('its migration drops its tables on down and recreates them on up', async () => {
    const runner = t.db.createQueryRunner();
    const tables = ['pembinaan_visits', 'pembinaan_recommendations'];
    const present = () => Promise.all(tables.map((name) => runner.hasTable(name)));
    try {
      await new Pembinaan1766000000050().down(runner);
      expect(await present()).toEqual([false, false]);
      await new Pembinaan1766000000050().up(runner);
      expect(await present()).toEqual([true, true]);
      const recs = await runner.getTable('pembinaan_recommendations');
      expect(recs?.foreignKeys.map((k) => k.referencedTableName).sort()).toEqual(['pembinaan_visits', 'regions']);
    } finally {
      await runner.release();
    }
  });
});
