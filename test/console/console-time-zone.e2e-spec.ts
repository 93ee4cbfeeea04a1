import request from 'supertest';
import { TEST_PASSWORD } from '../factories/factories';
import { createTestApp, type TestApp } from '../utils/test-app';

const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';

/** The console shows a deadline in the zone of the caller's region, and says which. */
describe('console dates in the region’s time zone', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it.each([
    ['Asia/Jakarta', 'WIB', '23.59'],
    ['Asia/Makassar', 'WITA', '00.59'],
    ['Asia/Jayapura', 'WIT', '01.59'],
  ])('a region in %s sees 16:59 UTC as %s %s', async (timezone, label, time) => {
    const region = await t.make.region({ timezone });
    const admin = await t.make.user({ role: 'REGION_ADMIN', regionId: region.id });
    await request(t.http)
      .put('/api/v1/realisation-windows')
      .set(t.auth(admin))
      .send({ year: 2025, quarter: 1, deadline: '2025-04-15T16:59:00.000Z' })
      .expect(200);
    const agent = request.agent(t.http);
    const login = await agent.get('/konsol/masuk').expect(200);
    await agent
      .post('/konsol/masuk')
      .type('form')
      .send({ _csrf: hidden(login.text, '_csrf'), username: admin.username, password: TEST_PASSWORD })
      .expect(303);
    const page = (await agent.get('/konsol/admin/jendela?tahun=2025').expect(200)).text;
    expect(page).toContain(`Batas waktu (${label})`);
    expect(page).toMatch(new RegExp(`\\d{1,2} \\w+ 2025,? ${time} ${label}`));
  });
});
