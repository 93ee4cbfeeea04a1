import request from 'supertest';
import { TEST_PASSWORD } from '../factories/factories';
import { cast, type Cast, versionOf } from '../evaluation/evaluation-fixtures';
import { createTestApp, type TestApp } from '../utils/test-app';

const EV = '/api/v1/evaluations';
const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';

/** The console's LKE answer form carries the evaluation version it showed (issue 16 item 15). */
describe('Console LKE answer form: a stale page is refused with the newer answers shown', () => {
  let t: TestApp;
  let c: Cast;
  let id: string;
  beforeAll(async () => {
    t = await createTestApp();
    c = await cast(t);
    const opened = (
      await request(t.http).post(EV).set(t.auth(c.admin)).send({ skpdId: c.skpdId, year: 2025 }).expect(201)
    ).body;
    await request(t.http)
      .post(`${EV}/${opened.id}/submit`)
      .set(t.auth(c.planner))
      .send({ version: opened.version })
      .expect(200);
    id = opened.id;
  });
  afterAll(() => t.close());

  it('answers 409 with an Indonesian message and writes nothing; the reloaded form saves', async () => {
    const agent = request.agent(t.http);
    const login = await agent.get('/konsol/masuk').expect(200);
    await agent
      .post('/konsol/masuk')
      .type('form')
      .send({ _csrf: hidden(login.text, '_csrf'), username: c.evaluator.username, password: TEST_PASSWORD })
      .expect(303);
    const page = await agent.get(`/konsol/lke/${id}`).expect(200);
    const shown = { _csrf: hidden(page.text, '_csrf'), version: hidden(page.text, 'version') };
    expect(Number(shown.version)).toBe(await versionOf(t, id));

    // A colleague saves through the API while the page is open.
    const other = await t.make.user({ role: 'EVALUATOR', regionId: c.regionId });
    await request(t.http)
      .put(`${EV}/${id}/answers`)
      .set(t.auth(other))
      .send({ version: Number(shown.version), answers: [{ criterionId: '1.a.2', answer: 'A', note: 'Catatan rekan' }] })
      .expect(200);

    const stale = await agent
      .post(`/konsol/lke/${id}/jawaban`)
      .type('form')
      .send({ ...shown, 'answer_1.a.1': 'B', 'note_1.a.1': 'Catatan saya' })
      .expect(409);
    expect(stale.text).toContain('baru saja diubah orang lain');
    expect(stale.text).toContain('Catatan rekan');
    const answers = (await request(t.http).get(`${EV}/${id}/answers`).set(t.auth(c.evaluator)).expect(200)).body;
    const row = (k: string) => answers.find((a: { criterionId: string }) => a.criterionId === k);
    expect(row('1.a.1')).toMatchObject({ evaluatorAnswer: null, evaluatorNote: null });
    expect(row('1.a.2')).toMatchObject({ evaluatorAnswer: 'A', evaluatorNote: 'Catatan rekan' });

    await agent
      .post(`/konsol/lke/${id}/jawaban`)
      .type('form')
      .send({
        _csrf: shown._csrf,
        version: hidden(stale.text, 'version'),
        'answer_1.a.1': 'B',
        'note_1.a.1': 'Catatan saya',
        'answer_1.a.2': 'A',
        'note_1.a.2': 'Catatan rekan',
      })
      .expect(303);
    const after = (await request(t.http).get(`${EV}/${id}/answers`).set(t.auth(c.evaluator)).expect(200)).body;
    expect(after.find((a: { criterionId: string }) => a.criterionId === '1.a.1')).toMatchObject({
      evaluatorAnswer: 'B',
      evaluatorNote: 'Catatan saya',
    });
  });
});
