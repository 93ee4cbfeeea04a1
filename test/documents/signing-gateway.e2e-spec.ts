import request from 'supertest';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { DocumentSignature } from '../../src/documents/entities/document-signature.entity';
import { SignedDocument } from '../../src/documents/entities/signed-document.entity';
import { EvidenceFile } from '../../src/evidence/entities/evidence-file.entity';
import { createTestApp, type TestApp } from '../utils/test-app';
import { approvedPk, binary, fakeGateway, type FakeGateway, LogCapture, makeP12, pdfsig } from './document-fixtures';

const api = (path: string) => `/api/v1${path}`;
const NIK_HEAD_SKPD = '3201010101800001';
const NIK_BUPATI = '3201010101700002';
const PASSPHRASE = 'Passphrase-Rahasia-BSrE-77';

describe('signing through the e-signature gateway (a local fake of it)', () => {
  let t: TestApp;
  let gw: FakeGateway;
  const logs = new LogCapture();
  jest.setTimeout(60_000);
  beforeAll(async () => {
    gw = await fakeGateway({
      p12: makeP12('p12-gateway', 'Balai Sertifikasi Elektronik (test)'),
      p12Passphrase: 'p12-gateway',
      user: 'sakip-client',
      password: 'client-secret',
      passphrase: PASSPHRASE,
    });
    t = await createTestApp(
      {
        SIGNING_PROVIDER: 'gateway',
        SIGNING_GATEWAY_URL: gw.url,
        SIGNING_GATEWAY_USER: 'sakip-client',
        SIGNING_GATEWAY_PASSWORD: 'client-secret',
        SIGNING_GATEWAY_TIMEOUT_MS: '5000',
      },
      { logStream: logs },
    );
  });
  afterAll(async () => {
    await t.close();
    await gw.stop();
  });
  beforeEach(() => {
    gw.mode = 'sign';
  });

  /** No signed-document row for the PK, no signature of its region, no new stored file. */
  const nothingStored = async (pkId: string, regionId: string, filesBefore: number) => {
    expect(await t.db.getRepository(SignedDocument).countBy({ subjectId: pkId })).toBe(0);
    expect(await t.db.getRepository(DocumentSignature).countBy({ regionId })).toBe(0);
    expect(await t.db.getRepository(EvidenceFile).count()).toBe(filesBefore);
  };

  it('signs as both parties with their NIK and passphrase; the passphrase is stored and logged nowhere', async () => {
    const { x, pkId, head } = await approvedPk(t);
    const first = await request(t.http)
      .post(api(`/pk/${pkId}/sign`))
      .set(t.auth(x.planner))
      .send({ nik: NIK_HEAD_SKPD, passphrase: PASSPHRASE })
      .expect(200);
    expect(first.body.nextParty).toBe('SECOND');
    const second = await request(t.http)
      .post(api(`/pk/${pkId}/sign`))
      .set(t.auth(head))
      .send({ party: 'SECOND', nik: NIK_BUPATI, passphrase: PASSPHRASE })
      .expect(200);
    expect(second.body.complete).toBe(true);
    expect(gw.calls.slice(-2)).toEqual([
      { nik: NIK_HEAD_SKPD, authorized: true },
      { nik: NIK_BUPATI, authorized: true },
    ]);
    const signed = await request(t.http)
      .get(api(`/pk/${pkId}/signed.pdf`))
      .set(t.auth(head))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const sigs = pdfsig(signed.body);
    expect(sigs.map((s) => s.valid)).toEqual([true, true]);
    expect(sigs[1].wholeDocument).toBe(true);
    const audit = JSON.stringify(await t.db.getRepository(AuditEntry).find());
    expect(audit).toContain('SIGN');
    expect(audit).not.toContain(PASSPHRASE);
    expect(audit).not.toContain(NIK_BUPATI);
    expect(logs.lines.join('')).toContain('/sign');
    expect(logs.lines.join('')).not.toContain(PASSPHRASE);
  });

  it('needs the signer’s NIK and passphrase (422 SIGNING_CREDENTIALS_REQUIRED)', async () => {
    const { x, pkId } = await approvedPk(t);
    const res = await request(t.http)
      .post(api(`/pk/${pkId}/sign`))
      .set(t.auth(x.planner))
      .send({})
      .expect(422);
    expect(res.body.code).toBe('SIGNING_CREDENTIALS_REQUIRED');
  });

  it('answers 422 SIGNING_REFUSED with the gateway’s reason when it refuses (wrong passphrase), storing nothing', async () => {
    const { w, x, pkId } = await approvedPk(t);
    const files = await t.db.getRepository(EvidenceFile).count();
    const res = await request(t.http)
      .post(api(`/pk/${pkId}/sign`))
      .set(t.auth(x.planner))
      .send({ nik: NIK_HEAD_SKPD, passphrase: 'salah' })
      .expect(422);
    expect(res.body).toEqual(
      expect.objectContaining({ code: 'SIGNING_REFUSED', message: expect.stringContaining('Passphrase anda salah') }),
    );
    await nothingStored(pkId, w.regionId, files);
  });

  it('answers 502 SIGNING_GATEWAY_UNAVAILABLE when the gateway fails (5xx) or is down, storing nothing', async () => {
    const { w, x, pkId } = await approvedPk(t);
    const files = await t.db.getRepository(EvidenceFile).count();
    gw.mode = 'fail';
    const failed = await request(t.http)
      .post(api(`/pk/${pkId}/sign`))
      .set(t.auth(x.planner))
      .send({ nik: NIK_HEAD_SKPD, passphrase: PASSPHRASE })
      .expect(502);
    expect(failed.body.code).toBe('SIGNING_GATEWAY_UNAVAILABLE');
    await gw.stop();
    try {
      const down = await request(t.http)
        .post(api(`/pk/${pkId}/sign`))
        .set(t.auth(x.planner))
        .send({ nik: NIK_HEAD_SKPD, passphrase: PASSPHRASE })
        .expect(502);
      expect(down.body).toEqual(
        expect.objectContaining({ code: 'SIGNING_GATEWAY_UNAVAILABLE', correlationId: expect.any(String) }),
      );
      expect(JSON.stringify(down.body)).not.toContain(PASSPHRASE);
      expect(logs.lines.join('')).not.toContain(PASSPHRASE);
    } finally {
      await gw.start();
    }
    await nothingStored(pkId, w.regionId, files);
  });
});
