import request from 'supertest';
import type { PopulateStep, TenantFixture } from '../access/tenant-fixtures';

/** Pembinaan routes in the access matrix (test/access/tenant-fixtures.ts). */
export const PEMBINAAN_PARAM_RESOURCES: Record<string, { resource: string; skpdOwned: boolean }> = {
  'recommendations/:pembinaanRecommendationId': { resource: 'pembinaanRecommendation', skpdOwned: false },
};

export const PEMBINAAN_BODIES: Record<string, (f: TenantFixture) => object> = {
  'POST /api/v1/province/regions/:regionId/pembinaan': () => ({
    date: '2031-02-10',
    topic: 'Matriks akses',
    findings: 'Temuan matriks akses.',
    recommendations: [{ text: 'Rekomendasi matriks akses.', dueDate: '2031-06-30' }],
  }),
  'PUT /api/v1/pembinaan/recommendations/:pembinaanRecommendationId/follow-up': () => ({
    version: 1,
    followUp: 'Tindak lanjut matriks akses.',
    status: 'IN_PROGRESS',
  }),
};

/** One pembinaan of the tenant by its province, with one recommendation. */
export const populatePembinaan: PopulateStep = async (t, f) => {
  const province = await t.make.user({ role: 'PROVINCE_EVALUATOR', regionId: f.provinceId });
  const res = await request(t.http)
    .post(`/api/v1/province/regions/${f.regionId}/pembinaan`)
    .set(t.auth(province))
    .send({
      date: '2030-03-01',
      topic: 'Pendampingan PK',
      findings: 'IKU belum selaras.',
      recommendations: [{ text: 'Agar menyelaraskan IKU.', dueDate: '2030-06-30' }],
    })
    .expect(201);
  f.ids.pembinaanRecommendation = res.body.recommendations[0].id;
};
