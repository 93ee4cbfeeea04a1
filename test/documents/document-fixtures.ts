import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import forge from 'node-forge';
import request from 'supertest';
import { Region } from '../../src/organization/entities/region.entity';
import { Skpd } from '../../src/organization/entities/skpd.entity';
import { signWithP12 } from '../../src/documents/signing/local-p12.provider';
import type { MadeUser } from '../factories/factories';
import { indicator, planningWorld, skpdPlan, type PlanningWorld, type SkpdPlan } from '../planning/planning-fixtures';
import type { TestApp } from '../utils/test-app';

/** A self-signed RSA certificate with its key as a PKCS#12 file in a temp folder (generated, never committed). */
export function makeP12(passphrase: string, commonName = 'Pemerintah Kabupaten Uji (test CA)'): string {
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
  const attrs = [
    { name: 'commonName', value: commonName },
    { name: 'countryName', value: 'ID' },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const asn1 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], passphrase, { algorithm: '3des' });
  const path = join(mkdtempSync(join(tmpdir(), 'sakip-p12-')), 'signing.p12');
  writeFileSync(path, Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'), { mode: 0o600 });
  return path;
}

export interface PdfSignature {
  valid: boolean;
  wholeDocument: boolean;
  validation: string;
}

/** pdfsig (poppler-utils): one entry per signature, in document order. */
export function pdfsig(pdf: Buffer): PdfSignature[] {
  const file = writeTemp(pdf, 'check.pdf');
  let out: string;
  try {
    out = execFileSync('pdfsig', [file], { encoding: 'utf8' });
  } catch (err) {
    // pdfsig exits non-zero when a signature is invalid; its report is still on stdout.
    out = String((err as { stdout?: string }).stdout ?? '');
  }
  return out
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .map((block) => {
      const validation = /Signature Validation: (.*)$/m.exec(block)?.[1] ?? '';
      return {
        valid: validation === 'Signature is Valid.',
        wholeDocument: /^\s*- Total document signed$/m.test(block),
        validation,
      };
    });
}

export const pdftotext = (pdf: Buffer): string =>
  execFileSync('pdftotext', ['-layout', writeTemp(pdf, 'text.pdf'), '-'], { encoding: 'utf8' });

/** Page 1 as PNG into test-output/ (gitignored; CI keeps it as an artefact). */
export function renderFirstPage(pdf: Buffer, name: string): string {
  const dir = join(__dirname, '../../test-output');
  mkdirSync(dir, { recursive: true });
  const stem = join(dir, name);
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', writeTemp(pdf, 'page.pdf'), stem]);
  return `${stem}.png`;
}

/** The visible text of a DOCX (its word/document.xml without tags), one paragraph per line. */
export function docxText(docx: Buffer): string {
  return execFileSync('unzip', ['-p', writeTemp(docx, 'doc.docx'), 'word/document.xml'], { encoding: 'utf8' })
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

function writeTemp(content: Buffer, name: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sakip-pdf-')), name);
  writeFileSync(path, content);
  return path;
}

export const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

export interface PkWorld {
  w: PlanningWorld;
  x: SkpdPlan;
  pkId: string;
  head: MadeUser;
  /** A planner of another SKPD of the same region. */
  otherPlanner: MadeUser;
}

/**
 * A region with its head (Bupati) and seat city, an SKPD with an acting head (Plt.), two indicators with annual and
 * TW I–IV targets in the SKPD's PK 2025, approved by the region admin unless `approve: false`.
 */
export async function approvedPk(t: TestApp, opts: { approve?: boolean } = {}): Promise<PkWorld> {
  const w = await planningWorld(t);
  const x = await skpdPlan(t, w);
  await t.db
    .getRepository(Region)
    .update(
      { id: w.regionId },
      { headTitle: 'Bupati Maju Bersama', headName: 'H. Ahmad Sujarwo, S.H.', seatCity: 'Sukamaju' },
    );
  await t.db.getRepository(Skpd).update(
    { id: x.skpdId },
    {
      name: 'Dinas Kesehatan Kabupaten Maju Bersama',
      headTitle: 'Kepala Dinas Kesehatan',
      headName: 'dr. Sari Wulandari, M.Kes.',
      headNip: '197501012000032001',
      headRank: 'Pembina Utama Muda (IV/c)',
      headActing: 'PLT',
    },
  );
  const visits = await indicator(t, x.planner, x.sasaranId, {
    name: 'Jumlah kunjungan pasien puskesmas',
    aggregation: 'CUMULATIVE_SUM',
  });
  const rate = await indicator(t, x.planner, x.sasaranId, {
    name: 'Persentase balita gizi baik',
    satuan: '%',
    aggregation: 'LAST_VALUE',
  });
  const api = (path: string) => `/api/v1${path}`;
  const pk = await request(t.http).post(api('/pk')).set(t.auth(x.planner)).send({ skpdId: x.skpdId, year: 2025 });
  if (pk.status !== 201) throw new Error(`pk ${pk.status} ${JSON.stringify(pk.body)}`);
  const put = await request(t.http)
    .put(api(`/pk/${pk.body.id}/indicators`))
    .set(t.auth(x.planner))
    .send({
      version: pk.body.version,
      items: [
        {
          indicatorId: visits.id,
          annualTarget: '12500',
          q1Target: '3000',
          q2Target: '3200',
          q3Target: '3100',
          q4Target: '3200',
        },
        {
          indicatorId: rate.id,
          annualTarget: '92.5',
          q1Target: '90',
          q2Target: '91',
          q3Target: '92',
          q4Target: '92.5',
        },
      ],
    });
  if (put.status !== 200) throw new Error(`indicators ${put.status} ${JSON.stringify(put.body)}`);
  if (opts.approve !== false) {
    await request(t.http)
      .post(api(`/pk/${pk.body.id}/submit`))
      .set(t.auth(x.planner))
      .expect(200);
    await request(t.http)
      .post(api(`/pk/${pk.body.id}/approve`))
      .set(t.auth(w.admin))
      .expect(200);
  }
  return {
    w,
    x,
    pkId: pk.body.id,
    head: await t.make.user({ role: 'HEAD', regionId: w.regionId }),
    otherPlanner: await t.make.user({ role: 'PLANNER', regionId: w.regionId }),
  };
}

/** Collects the app's log lines (createTestApp's logStream). */
export class LogCapture extends Writable {
  lines: string[] = [];
  override _write(chunk: Buffer, _: string, done: () => void) {
    this.lines.push(chunk.toString());
    done();
  }
}

export type GatewayMode = 'sign' | 'refuse' | 'fail';

export interface FakeGateway {
  url: string;
  mode: GatewayMode;
  /** Every request the gateway received: its NIK, whether the client credentials were right. */
  calls: { nik: string | null; authorized: boolean }[];
  stop(): Promise<void>;
  start(): Promise<void>;
}

/**
 * A local stand-in for the national e-signature gateway: POST /api/sign/pdf, HTTP Basic client credentials,
 * multipart file + nik + passphrase → the signed PDF (signed with a test p12); a wrong passphrase → 400 JSON error.
 */
export async function fakeGateway(opts: {
  p12: string;
  p12Passphrase: string;
  user: string;
  password: string;
  passphrase: string;
}): Promise<FakeGateway> {
  const p12 = readFileSync(opts.p12);
  let server: Server | undefined;
  let port = 0;
  const gw: FakeGateway = {
    url: '',
    mode: 'sign',
    calls: [],
    stop: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
    start: async () => {
      server = createServer((req, res) => {
        handle(req)
          .then(({ status, type, body }) => res.writeHead(status, { 'Content-Type': type }).end(body))
          .catch(() => res.writeHead(500).end());
      });
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
      gw.url = `http://127.0.0.1:${port}`;
    },
  };
  const json = (status: number, body: object) => ({ status, type: 'application/json', body: JSON.stringify(body) });
  async function handle(req: IncomingMessage): Promise<{ status: number; type: string; body: string | Buffer }> {
    if (req.method !== 'POST' || req.url !== '/api/sign/pdf') return json(404, { error: 'not found' });
    const expected = `Basic ${Buffer.from(`${opts.user}:${opts.password}`).toString('base64')}`;
    const authorized = req.headers.authorization === expected;
    const form = await new Request(`http://gateway${req.url}`, {
      method: 'POST',
      headers: req.headers as Record<string, string>,
      body: Readable.toWeb(req) as ReadableStream,
      duplex: 'half',
    } as RequestInit).formData();
    const nik = form.get('nik');
    gw.calls.push({ nik: typeof nik === 'string' ? nik : null, authorized });
    if (!authorized) return json(401, { error: 'Unauthorized client' });
    if (gw.mode === 'fail') return json(503, { error: 'Service temporarily unavailable' });
    if (gw.mode === 'refuse' || form.get('passphrase') !== opts.passphrase)
      return json(400, { error: 'Passphrase anda salah', status_code: 2031 });
    const file = form.get('file') as Blob;
    const signed = await signWithP12(
      { pdf: Buffer.from(await file.arrayBuffer()), signerName: String(nik), location: 'BSrE', reason: 'test' },
      p12,
      opts.p12Passphrase,
    );
    return { status: 200, type: 'application/pdf', body: signed };
  }
  await gw.start();
  return gw;
}
