import request from 'supertest';
import type { RuleSet } from '../../src/evaluation/domain/rule-set';
import { TEST_PASSWORD, type MadeUser } from '../factories/factories';
import { api, asBody, registryOf, uniform, versionOf } from './evaluation-fixtures';
import { createTestApp, type TestApp } from '../utils/test-app';

const EV = '/api/v1/evaluations';
const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';

/** Issue 16 item 24: lists in the order people expect, not in UUID order. */
describe('Evaluation list order (API and console)', () => {
  let t: TestApp;
  let rs: RuleSet;
  let evaluator: MadeUser;
  /** SKPD code → name, evaluator answer (total), in creation order (neither code nor name order). */
  const SKPD: [string, string, string | null][] = [
    ['3.01.01', 'Badan Keuangan', 'B'],
    ['1.02.01', 'Dinas Kesehatan', 'AA'],
    ['2.10.01', 'Anggaran dan Aset', null],
    ['1.10.01', 'Camat Utara', 'C'],
  ];

  let regionId: string;
  beforeAll(async () => {
    t = await createTestApp();
    rs = registryOf(t).find('permenpanrb-88-2021', 1)!;
    const region = await t.make.region();
    regionId = region.id;
    const admin = await t.make.user({ role: 'REGION_ADMIN', regionId: region.id });
    evaluator = await t.make.user({ role: 'EVALUATOR', regionId: region.id });
    await api(t).post(EV).set(t.auth(admin)).send({ pemda: true, year: 2025 }).expect(201);
    for (const [code, name, answer] of SKPD) {
      const skpd = await t.make.skpd(region.id, { code, name });
      const opened = (await api(t).post(EV).set(t.auth(admin)).send({ skpdId: skpd.id, year: 2025 }).expect(201)).body;
      if (!answer) continue;
      await api(t)
        .post(`${EV}/${opened.id}/advance`)
        .set(t.auth(evaluator))
        .send({ version: opened.version })
        .expect(200);
      await api(t)
        .put(`${EV}/${opened.id}/answers`)
        .set(t.auth(evaluator))
        .send({ ...asBody(uniform(rs, answer)), version: await versionOf(t, opened.id) })
        .expect(200);
    }
  });
  afterAll(() => t.close());

  const names = async (query: string) =>
    (await api(t).get(`${EV}?year=2025${query}`).set(t.auth(evaluator)).expect(200)).body.items.map(
      (e: { skpdName: string | null }) => e.skpdName ?? 'Pemda',
    );

  it('sorts by SKPD code by default (the Pemda first), and by name or total on request', async () => {
    expect(await names('')).toEqual(['Pemda', 'Dinas Kesehatan', 'Camat Utara', 'Anggaran dan Aset', 'Badan Keuangan']);
    expect(await names('&sort=-skpdCode&pageSize=2')).toEqual(['Badan Keuangan', 'Anggaran dan Aset']);
    expect(await names('&sort=name')).toEqual([
      'Pemda',
      'Anggaran dan Aset',
      'Badan Keuangan',
      'Camat Utara',
      'Dinas Kesehatan',
    ]);
    expect((await names('&sort=-total')).slice(0, 3)).toEqual(['Dinas Kesehatan', 'Badan Keuangan', 'Camat Utara']);
    const bad = await api(t).get(`${EV}?year=2025&sort=id`).set(t.auth(evaluator)).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['sort']);
  });

  it("orders one SKPD's years oldest first, whatever order they were opened in", async () => {
    const admin = await t.make.user({ role: 'REGION_ADMIN', regionId });
    const skpd = await t.make.skpd(regionId, { code: '1.99.01', name: 'Dinas Lintas Tahun' });
    for (const year of [2024, 2022, 2023])
      await api(t).post(EV).set(t.auth(admin)).send({ skpdId: skpd.id, year }).expect(201);
    const listed = (await api(t).get(`${EV}?pageSize=100`).set(t.auth(admin)).expect(200)).body;
    const ofSkpd = listed.items.filter((e: { skpdId: string | null }) => e.skpdId === skpd.id);
    expect(ofSkpd.map((e: { year: number }) => e.year)).toEqual([2022, 2023, 2024]);
  });

  it('the console list follows the same order, and ?urut= changes it', async () => {
    const agent = request.agent(t.http);
    const login = await agent.get('/konsol/masuk').expect(200);
    await agent
      .post('/konsol/masuk')
      .type('form')
      .send({ _csrf: hidden(login.text, '_csrf'), username: evaluator.username, password: TEST_PASSWORD })
      .expect(303);
    const order = (html: string) => [...html.matchAll(/<a href="\/konsol\/lke\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(order((await agent.get('/konsol/lke?tahun=2025').expect(200)).text)).toEqual([
      'Pemerintah Daerah',
      'Dinas Kesehatan',
      'Camat Utara',
      'Anggaran dan Aset',
      'Badan Keuangan',
    ]);
    expect(order((await agent.get('/konsol/lke?tahun=2025&urut=-total').expect(200)).text).slice(0, 3)).toEqual([
      'Dinas Kesehatan',
      'Badan Keuangan',
      'Camat Utara',
    ]);
  });
});
