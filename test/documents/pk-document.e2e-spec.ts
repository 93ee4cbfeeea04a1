import { readFileSync } from 'node:fs';
import request from 'supertest';
import { DocumentSignature } from '../../src/documents/entities/document-signature.entity';
import { SignedDocument } from '../../src/documents/entities/signed-document.entity';
import { TEST_PASSWORD } from '../factories/factories';
import { createTestApp, type TestApp } from '../utils/test-app';
import { approvedPk, binary, makeP12, pdfsig, pdftotext, renderFirstPage } from './document-fixtures';

const api = (path: string) => `/api/v1${path}`;
const P12_PASSPHRASE = 'uji-sertifikat-2026';

describe('PK document: PDF, signatures of both parties (local-p12), public verification, immutability', () => {
  let t: TestApp;
  jest.setTimeout(60_000);
  beforeAll(async () => {
    t = await createTestApp({
      SIGNING_PROVIDER: 'local-p12',
      SIGNING_P12_PATH: makeP12(P12_PASSPHRASE),
      SIGNING_P12_PASSPHRASE: P12_PASSPHRASE,
      PUBLIC_URL: 'https://sakip.majubersama.go.id',
    });
  });
  afterAll(() => t.close());

  const download = (path: string, user: { token: string }) =>
    request(t.http).get(api(path)).set(t.auth(user)).buffer(true).parse(binary);

  it('serves a draft watermarked DRAF with the parties, targets and TW I–IV targets', async () => {
    const { x, pkId } = await approvedPk(t, { approve: false });
    const res = await download(`/pk/${pkId}/document.pdf`, x.planner).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/Perjanjian-Kinerja-2025-.*-DRAF\.pdf/);
    const text = pdftotext(res.body);
    for (const expected of [
      'PERJANJIAN KINERJA TAHUN 2025',
      'DINAS KESEHATAN KABUPATEN MAJU BERSAMA',
      'PIHAK PERTAMA',
      'PIHAK KEDUA',
      'Plt. Kepala Dinas Kesehatan',
      'dr. Sari Wulandari, M.Kes.',
      'NIP. 197501012000032001',
      'Bupati Maju Bersama',
      'H. Ahmad Sujarwo, S.H.',
      'Jumlah kunjungan pasien puskesmas',
      'Persentase balita gizi baik',
      '12.500',
      '92,5',
      'TW IV',
      'Sukamaju, ',
      'DRAF',
    ])
      expect([expected, text.includes(expected)]).toEqual([expected, true]);
    expect(pdfsig(res.body)).toEqual([]);
    renderFirstPage(res.body, 'pk-document-draft-page1');
    // A draft cannot be signed.
    const refused = await request(t.http)
      .post(api(`/pk/${pkId}/sign`))
      .set(t.auth(x.planner))
      .send({})
      .expect(409);
    expect(refused.body.code).toBe('PK_NOT_AGREED');
    expect(await t.db.getRepository(SignedDocument).countBy({ subjectId: pkId })).toBe(0);
  });

  it('is signed by the SKPD head then the regional head, verifies with pdfsig and the public page, and stays immutable until a revision', async () => {
    const { w, x, pkId, head, otherPlanner } = await approvedPk(t);

    // Order and roles: the regional head cannot sign first; a planner of another SKPD cannot see the PK.
    const early = await request(t.http)
      .post(api(`/pk/${pkId}/sign`))
      .set(t.auth(head))
      .send({})
      .expect(403);
    expect(early.body.code).toBe('FORBIDDEN');
    const outOfOrder = await request(t.http)
      .post(api(`/pk/${pkId}/sign`))
      .set(t.auth(w.admin))
      .send({ party: 'SECOND' })
      .expect(409);
    expect(outOfOrder.body.code).toBe('SIGNING_OUT_OF_ORDER');
    await request(t.http)
      .post(api(`/pk/${pkId}/sign`))
      .set(t.auth(otherPlanner))
      .send({})
      .expect(404);

    const first = await request(t.http)
      .post(api(`/pk/${pkId}/sign`))
      .set(t.auth(x.planner))
      .send({})
      .expect(200);
    expect(first.body).toEqual(
      expect.objectContaining({ signed: true, complete: false, nextParty: 'SECOND', code: expect.any(String) }),
    );
    const afterFirst = (await download(`/pk/${pkId}/signed.pdf`, x.planner).expect(200)).body as Buffer;
    const second = await request(t.http)
      .post(api(`/pk/${pkId}/sign`))
      .set(t.auth(head))
      .send({})
      .expect(200);
    expect(second.body).toEqual(expect.objectContaining({ complete: true, nextParty: null, code: first.body.code }));
    expect(
      second.body.signatures.map((s: { party: string; name: string; title: string }) => [s.party, s.name, s.title]),
    ).toEqual([
      ['FIRST', 'dr. Sari Wulandari, M.Kes.', 'Plt. Kepala Dinas Kesehatan'],
      ['SECOND', 'H. Ahmad Sujarwo, S.H.', 'Bupati Maju Bersama'],
    ]);
    const again = await request(t.http)
      .post(api(`/pk/${pkId}/sign`))
      .set(t.auth(w.admin))
      .send({})
      .expect(409);
    expect(again.body.code).toBe('DOCUMENT_COMPLETE');

    // The signed file: both signatures valid for pdfsig, the last one over the whole document.
    const signed = (await download(`/pk/${pkId}/signed.pdf`, head).expect(200)).body as Buffer;
    expect((await download(`/pk/${pkId}/document.pdf`, x.planner).expect(200)).body).toEqual(signed);
    const sigs = pdfsig(signed);
    expect(sigs.map((s) => s.valid)).toEqual([true, true]);
    expect(sigs[1].wholeDocument).toBe(true);
    const text = pdftotext(signed);
    expect(text).not.toContain('DRAF');
    expect(text).toContain(`https://sakip.majubersama.go.id/verifikasi/${first.body.code}`);
    expect(text).toContain('Plt. Kepala Dinas Kesehatan');
    expect(text).toContain('Jumlah kunjungan pasien puskesmas');
    expect(readFileSync(renderFirstPage(signed, 'pk-document-signed-page1')).subarray(1, 4).toString()).toBe('PNG');
    // Stored once by sha256 in the evidence registry, linked to the PK revision.
    const doc = await t.db.getRepository(SignedDocument).findOneByOrFail({ subjectId: pkId });
    expect(doc.sha256).toBe(second.body.sha256);
    expect(await t.db.getRepository(DocumentSignature).countBy({ documentId: doc.id })).toBe(2);

    // Public verification (no login): JSON and the page, with the file presented as is and with one byte changed.
    const code = first.body.code as string;
    const json = await request(t.http)
      .get(api(`/documents/verify/${code.toLowerCase()}`))
      .expect(200);
    expect(json.body).toEqual(
      expect.objectContaining({ code, title: 'PERJANJIAN KINERJA TAHUN 2025', sha256: doc.sha256, complete: true }),
    );
    expect(json.body.signatures).toHaveLength(2);
    const ok = await request(t.http)
      .post(api(`/documents/verify/${code}`))
      .attach('file', signed, 'pk.pdf')
      .expect(200);
    expect(ok.body.presented).toEqual({ sha256: doc.sha256, matches: true, matchesEarlierVersion: false });
    const earlier = await request(t.http)
      .post(api(`/documents/verify/${code}`))
      .attach('file', afterFirst, 'pk.pdf')
      .expect(200);
    expect(earlier.body.presented).toEqual(expect.objectContaining({ matches: false, matchesEarlierVersion: true }));

    const tampered = Buffer.from(signed);
    const at = tampered.indexOf('Jumlah kunjungan');
    const target = at > 0 ? at : Math.floor(tampered.length / 3);
    tampered[target] = tampered[target] ^ 0x01;
    expect(pdfsig(tampered).some((s) => s.valid && s.wholeDocument)).toBe(false);
    const page = await request(t.http).get(`/verifikasi/${code}`).expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('dr. Sari Wulandari, M.Kes.');
    expect(page.text).toContain(doc.sha256);
    const bad = await request(t.http).post(`/verifikasi/${code}`).attach('file', tampered, 'pk.pdf').expect(200);
    expect(bad.text).toContain('TIDAK SAH');
    const good = await request(t.http).post(`/verifikasi/${code}`).attach('file', signed, 'pk.pdf').expect(200);
    expect(good.text).toContain('COCOK');
    await request(t.http).get('/verifikasi/ZZZZZZZZZZZZ').expect(404);
    const noFile = await request(t.http)
      .post(api(`/documents/verify/${code}`))
      .expect(422);
    expect(noFile.body.code).toBe('FILE_REQUIRED');
    await request(t.http).get(api('/documents/verify/not-a-code')).expect(404);

    // Immutable: a target change is refused until a revision is started; the revision starts unsigned.
    const pk = (
      await request(t.http)
        .get(api(`/pk/${pkId}`))
        .set(t.auth(x.planner))
        .expect(200)
    ).body;
    const items = pk.indicators.map((i: Record<string, string>) => ({
      indicatorId: i.indicatorId,
      annualTarget: i.annualTarget,
      q1Target: i.q1Target,
      q2Target: i.q2Target,
      q3Target: i.q3Target,
      q4Target: i.q4Target,
    }));
    items[1] = { ...items[1], annualTarget: '95', q4Target: '95' };
    const locked = await request(t.http)
      .put(api(`/pk/${pkId}/indicators`))
      .set(t.auth(x.planner))
      .send({ version: pk.version, items })
      .expect(409);
    expect(locked.body.code).toBe('LOCKED');
    const revision = await request(t.http)
      .post(api(`/pk/${pkId}/revisions`))
      .set(t.auth(x.planner))
      .send({ reason: 'Perubahan APBD' })
      .expect(201);
    await request(t.http)
      .put(api(`/pk/${revision.body.id}/indicators`))
      .set(t.auth(x.planner))
      .send({ version: revision.body.version, items })
      .expect(200);
    const fresh = await request(t.http)
      .get(api(`/pk/${revision.body.id}/document`))
      .set(t.auth(x.planner))
      .expect(200);
    expect(fresh.body).toEqual(expect.objectContaining({ signed: false, signatures: [], nextParty: null }));
    // The signed revision and its file are unchanged.
    expect((await download(`/pk/${pkId}/signed.pdf`, x.planner).expect(200)).body).toEqual(signed);
  });

  it('is signed from the console form by each party in turn (the same rules; no NIK asked with local-p12)', async () => {
    const { x, pkId, head } = await approvedPk(t);
    const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
    const consoleAs = async (user: { username: string }) => {
      const agent = request.agent(t.http);
      const login = await agent.get('/konsol/masuk').expect(200);
      await agent
        .post('/konsol/masuk')
        .type('form')
        .send({ _csrf: hidden(login.text, '_csrf'), username: user.username, password: TEST_PASSWORD })
        .expect(303);
      return agent;
    };
    const planner = await consoleAs(x.planner);
    const page = (await planner.get(`/konsol/tanda-tangan/pk/${pkId}`).expect(200)).text;
    expect(page).toContain('Belum ditandatangani');
    expect(page).toContain('PIHAK PERTAMA');
    expect(page).not.toContain('name="passphrase"');
    await planner
      .post(`/konsol/tanda-tangan/pk/${pkId}`)
      .type('form')
      .send({ _csrf: hidden(page, '_csrf') })
      .expect(303)
      .expect('Location', `/konsol/tanda-tangan/pk/${pkId}?ok=1`);
    // The planner cannot sign as the regional head: the form answers with the reason, nothing is stored.
    const after = (await planner.get(`/konsol/tanda-tangan/pk/${pkId}?ok=1`).expect(200)).text;
    expect(after).toContain('berhasil ditandatangani');
    expect(after).toContain('dr. Sari Wulandari, M.Kes.');
    const refused = await planner
      .post(`/konsol/tanda-tangan/pk/${pkId}`)
      .type('form')
      .send({ _csrf: hidden(after, '_csrf') })
      .expect(403);
    expect(refused.text).toContain('tidak dapat menandatangani');
    const bupati = await consoleAs(head);
    const second = (await bupati.get(`/konsol/tanda-tangan/pk/${pkId}`).expect(200)).text;
    expect(second).toContain('PIHAK KEDUA');
    await bupati
      .post(`/konsol/tanda-tangan/pk/${pkId}`)
      .type('form')
      .send({ _csrf: hidden(second, '_csrf') })
      .expect(303);
    const status = await request(t.http)
      .get(api(`/pk/${pkId}/document`))
      .set(t.auth(x.planner))
      .expect(200);
    expect(status.body).toEqual(expect.objectContaining({ complete: true }));
    expect(pdfsig((await download(`/pk/${pkId}/signed.pdf`, head).expect(200)).body).map((s) => s.valid)).toEqual([
      true,
      true,
    ]);
  });

  it('refuses to sign while the SKPD head is not recorded, storing nothing', async () => {
    const { x, pkId } = await approvedPk(t);
    await t.db.query('UPDATE skpd SET headName = NULL WHERE id = ?', [x.skpdId]);
    const res = await request(t.http)
      .post(api(`/pk/${pkId}/sign`))
      .set(t.auth(x.planner))
      .send({})
      .expect(422);
    expect(res.body.code).toBe('SIGNER_MISSING');
    expect(await t.db.getRepository(SignedDocument).countBy({ subjectId: pkId })).toBe(0);
  });
});

describe('public verification rate limit', () => {
  it('limits file checks per client (429 with Retry-After), on its own app so no other test shares the window', async () => {
    const t = await createTestApp();
    try {
      let last: request.Response | undefined;
      for (let i = 0; i < 40 && last?.status !== 429; i++)
        last = await request(t.http)
          .post(api('/documents/verify/ZZZZZZZZZZZZ'))
          .attach('file', Buffer.from('x'), 'x.pdf');
      expect(last?.status).toBe(429);
      expect(last?.body.code).toBe('TOO_MANY_REQUESTS');
      expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });
});
