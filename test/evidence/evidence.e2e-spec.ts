import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import request from 'supertest';
import { EvidenceFile } from '../../src/evidence/entities/evidence-file.entity';
import { EvidenceItem } from '../../src/evidence/entities/evidence-item.entity';
import { EvidenceLinkService } from '../../src/evidence/evidence-links.service';
import type { MadeUser } from '../factories/factories';
import { createTestApp, type TestApp } from '../utils/test-app';
import { docx, exe, pdf, png, xlsx, zipBomb } from './evidence-files';
import { writeZip, XLSX_CONTENT_TYPES } from './zip-writer';

/** Small enough that an oversized upload is quick to build, large enough for the real files below. */
const MAX_BYTES = 256 * 1024;

/** Every file under a folder, as paths relative to it. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => statSync(join(dir, p)).isFile())
    .sort();
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Collects a binary response body. */
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('Evidence (bukti dukung): upload, dedup, refusal of malicious files, scoped download', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ UPLOAD_MAX_BYTES: String(MAX_BYTES) });
  });
  afterAll(() => t.close());

  const upload = (
    user: MadeUser,
    content: Buffer,
    filename: string,
    fields: Record<string, string> = {},
    contentType?: string,
  ) => {
    const req = request(t.http).post('/api/v1/evidence').set(t.auth(user));
    for (const [k, v] of Object.entries(fields)) req.field(k, v);
    // `filepath` (a form-data option superagent passes through) sends the name with its directories; `filename` would strip them.
    const options = { filepath: filename, contentType: contentType ?? 'application/octet-stream' };
    return req.attach('file', content, options);
  };

  /** What is stored: rows in both tables and every file in the storage folder (temp files included). */
  const snapshot = async () => ({
    items: await t.db.getRepository(EvidenceItem).count(),
    files: await t.db.getRepository(EvidenceFile).count(),
    disk: filesUnder(t.config.STORAGE_DIR),
  });

  const planner = async () => {
    const region = await t.make.region();
    const skpd = await t.make.skpd(region.id);
    return { region, skpd, user: await t.make.user({ role: 'PLANNER', regionId: region.id, skpdId: skpd.id }) };
  };

  it('stores a PDF under its sha256 and returns sniffed metadata', async () => {
    const { region, skpd, user } = await planner();
    const content = pdf();
    const res = await upload(user, content, 'Laporan TW I.pdf', {}, 'application/pdf').expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      regionId: region.id,
      skpdId: skpd.id,
      originalName: 'Laporan TW I.pdf',
      mime: 'application/pdf',
      ext: 'pdf',
      size: content.length,
      sha256: sha256(content),
      uploadedBy: user.id,
      createdAt: expect.any(String),
    });
    const h = sha256(content);
    const stored = join(t.config.STORAGE_DIR, 'evidence', h.slice(0, 2), h.slice(2, 4), h);
    expect(readFileSync(stored).equals(content)).toBe(true);
    await request(t.http).get(`/api/v1/evidence/${res.body.id}`).set(t.auth(user)).expect(200, res.body);
  });

  it.each([
    ['a PNG written by hand', () => png(), 'foto.png', 'png', 'image/png'],
    [
      'an exceljs workbook',
      () => xlsx(),
      'realisasi.xlsx',
      'xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    [
      'a Word document',
      () => docx(),
      'notulen.docx',
      'docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
  ])('accepts %s, typed by its content', async (_, make, name, ext, mime) => {
    const { user } = await planner();
    const res = await upload(user, await make(), name, {}, 'text/plain').expect(201);
    expect([res.body.ext, res.body.mime]).toEqual([ext, mime]);
  });

  it('stores the same file uploaded twice once: two uploads (items), one content row, one file on disk', async () => {
    const { user } = await planner();
    const other = await planner(); // another region uploads the same bytes too
    const content = pdf();
    const before = await snapshot();
    const a = await upload(user, content, 'bukti.pdf').expect(201);
    const b = await upload(user, content, 'bukti (salinan).pdf').expect(201);
    const c = await upload(other.user, content, 'bukti.pdf').expect(201);
    const after = await snapshot();

    expect(new Set([a.body.id, b.body.id, c.body.id]).size).toBe(3);
    expect([b.body.sha256, c.body.sha256]).toEqual([a.body.sha256, a.body.sha256]);
    expect(after.items - before.items).toBe(3);
    expect(after.files - before.files).toBe(1);
    const h = sha256(content);
    expect(after.disk.filter((p) => !before.disk.includes(p))).toEqual([
      join('evidence', h.slice(0, 2), h.slice(2, 4), h),
    ]);
    // The other region's upload is its own item: neither sees the other's.
    await request(t.http).get(`/api/v1/evidence/${c.body.id}`).set(t.auth(user)).expect(404);
  });

  describe('refuses malicious uploads and stores nothing', () => {
    it.each([
      ['an .exe renamed .pdf', () => exe(), 'laporan.pdf', 'application/pdf', 422, 'UNSUPPORTED_FILE_TYPE'],
      [
        'a zip bomb posing as xlsx',
        () => zipBomb(),
        'realisasi.xlsx',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        422,
        'UNSAFE_ARCHIVE/RATIO_TOO_HIGH',
      ],
      [
        'a zip bomb that lies about its size',
        () =>
          writeZip([
            { name: '[Content_Types].xml', data: XLSX_CONTENT_TYPES },
            { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(20 * 1024 * 1024), declaredSize: 1000 },
          ]),
        'realisasi.xlsx',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        422,
        'UNSAFE_ARCHIVE/SIZE_MISMATCH',
      ],
      [
        'a plain zip',
        () => writeZip([{ name: 'a.txt', data: Buffer.from('halo') }]),
        'arsip.xlsx',
        'application/zip',
        422,
        'UNSUPPORTED_FILE_TYPE',
      ],
      [
        'HTML named .pdf',
        () => Buffer.from('<html><script>alert(1)</script></html>'),
        'x.pdf',
        'application/pdf',
        422,
        'UNSUPPORTED_FILE_TYPE',
      ],
      ['a path-traversal file name', () => pdf(), '../../etc/passwd.pdf', 'application/pdf', 422, 'UNSAFE_FILE_NAME'],
      [
        'a Windows path-traversal file name',
        () => pdf(),
        '..\\..\\..\\windows\\win.ini.pdf',
        'application/pdf',
        422,
        'UNSAFE_FILE_NAME',
      ],
      [
        'an oversized file',
        () => Buffer.concat([pdf(), Buffer.alloc(MAX_BYTES)]),
        'besar.pdf',
        'application/pdf',
        413,
        'PAYLOAD_TOO_LARGE',
      ],
      ['an empty file', () => Buffer.alloc(0), 'kosong.pdf', 'application/pdf', 422, 'EMPTY_FILE'],
    ])('%s', async (_, make, name, contentType, status, expected) => {
      const [code, reason] = expected.split('/');
      const { user } = await planner();
      const before = await snapshot();
      const res = await upload(user, make(), name, {}, contentType).expect(status);
      expect(res.body).toEqual(
        expect.objectContaining({
          statusCode: status,
          code,
          message: expect.any(String),
          correlationId: expect.any(String),
        }),
      );
      if (reason) expect(res.body.errors[0].reason).toBe(reason);
      expect(await snapshot()).toEqual(before);
    });

    it('writes nothing outside storage for a traversal name, and cleans names with directories or control characters', async () => {
      const { user } = await planner();
      const content = pdf();
      await upload(user, content, '../../etc/passwd.pdf').expect(422);
      expect(existsSync(resolve(t.config.STORAGE_DIR, '../../etc/passwd.pdf'))).toBe(false);
      expect(existsSync(resolve(t.config.STORAGE_DIR, '..', 'passwd.pdf'))).toBe(false);

      const res = await upload(user, content, 'C:\\Users\\operator\\Desktop\\bukti\t \u202Egnp.pdf').expect(201);
      expect(res.body.originalName).toBe('bukti gnp.pdf');
      expect(
        filesUnder(t.config.STORAGE_DIR).every(
          (p) => !relative(t.config.STORAGE_DIR, join(t.config.STORAGE_DIR, p)).startsWith('..'),
        ),
      ).toBe(true);
      expect(filesUnder(t.config.STORAGE_DIR).some((p) => p.includes('bukti') || p.includes('passwd'))).toBe(false);
    });

    it('refuses a file name with control characters in the part header (multipart parser) and stores nothing', async () => {
      const { user } = await planner();
      const before = await snapshot();
      const res = await upload(user, pdf(), 'bukti\u0007.pdf').expect(400);
      expect(res.body.code).toBe('BAD_REQUEST');
      expect(await snapshot()).toEqual(before);
    });

    it('refuses a request without a file and a second file', async () => {
      const { user } = await planner();
      const none = await request(t.http)
        .post('/api/v1/evidence')
        .set(t.auth(user))
        .field('skpdId', user.skpdId!)
        .expect(422);
      expect(none.body.code).toBe('FILE_REQUIRED');
      const two = await request(t.http)
        .post('/api/v1/evidence')
        .set(t.auth(user))
        .attach('file', pdf(), 'a.pdf')
        .attach('file', pdf(), 'b.pdf');
      expect([two.status, two.body.code]).toEqual([400, 'BAD_REQUEST']);
    });
  });

  describe('who may upload for which SKPD', () => {
    it('a planner uploads for their own SKPD only', async () => {
      const { region, user } = await planner();
      const otherSkpd = await t.make.skpd(region.id);
      const before = await snapshot();
      const res = await upload(user, pdf(), 'x.pdf', { skpdId: otherSkpd.id }).expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
      expect(await snapshot()).toEqual(before);
    });

    it('an evaluator names an SKPD of their region, or none for region-level evidence', async () => {
      const region = await t.make.region();
      const skpd = await t.make.skpd(region.id);
      const foreign = await t.make.skpd((await t.make.region()).id);
      const evaluator = await t.make.user({ role: 'EVALUATOR', regionId: region.id });
      const forSkpd = await upload(evaluator, pdf(), 'lhe.pdf', { skpdId: skpd.id }).expect(201);
      expect(forSkpd.body.skpdId).toBe(skpd.id);
      const regionLevel = await upload(evaluator, pdf(), 'lhe-pemda.pdf').expect(201);
      expect(regionLevel.body.skpdId).toBeNull();
      await upload(evaluator, pdf(), 'x.pdf', { skpdId: foreign.id }).expect(404);
      const bad = await upload(evaluator, pdf(), 'x.pdf', { skpdId: 'bukan-uuid' }).expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
    });

    it('a head may read but not upload', async () => {
      const head = await t.make.user({ role: 'HEAD' });
      await upload(head, pdf(), 'x.pdf').expect(403);
    });
  });

  describe('download', () => {
    it('serves the content as an attachment with the sniffed type and protective headers', async () => {
      const { user } = await planner();
      const content = png();
      const item = await upload(user, content, 'Foto kegiatan “Posyandu”.pdf', {}, 'application/pdf').expect(201);
      const res = await request(t.http)
        .get(`/api/v1/evidence/${item.body.id}/download`)
        .set(t.auth(user))
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect((res.body as Buffer).equals(content)).toBe(true);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['content-length']).toBe(String(content.length));
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
      expect(res.headers['content-security-policy']).toMatch(/sandbox/);
      expect(res.headers['cache-control']).toBe('private, no-store');
      // Sniffed as PNG: the offered name gets the real extension; RFC 5987 carries the exact UTF-8 name.
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="Foto kegiatan _Posyandu_.pdf.png"; filename*=UTF-8''Foto%20kegiatan%20%E2%80%9CPosyandu%E2%80%9D.pdf.png`,
      );
    });

    it('is 404 for another region and for a planner of another SKPD; region-wide roles of the region may read', async () => {
      const { region, user } = await planner();
      const item = await upload(user, pdf(), 'rahasia.pdf').expect(201);
      const outsider = await t.make.user({ role: 'REGION_ADMIN' }); // another region
      const otherPlanner = await t.make.user({ role: 'PLANNER', regionId: region.id }); // another SKPD of the same region
      for (const who of [outsider, otherPlanner]) {
        for (const path of [`/api/v1/evidence/${item.body.id}`, `/api/v1/evidence/${item.body.id}/download`]) {
          const res = await request(t.http).get(path).set(t.auth(who)).expect(404);
          expect(res.body).toEqual(expect.objectContaining({ statusCode: 404, code: 'NOT_FOUND' }));
          expect(res.headers['content-disposition']).toBeUndefined();
        }
      }
      for (const role of ['REGION_ADMIN', 'EVALUATOR', 'HEAD'] as const) {
        const reader = await t.make.user({ role, regionId: region.id });
        await request(t.http).get(`/api/v1/evidence/${item.body.id}/download`).set(t.auth(reader)).expect(200);
      }
    });

    it('a planner cannot see region-level evidence', async () => {
      const { region, user } = await planner();
      const evaluator = await t.make.user({ role: 'EVALUATOR', regionId: region.id });
      const item = await upload(evaluator, pdf(), 'lhe.pdf').expect(201);
      await request(t.http).get(`/api/v1/evidence/${item.body.id}/download`).set(t.auth(user)).expect(404);
    });
  });

  describe('list', () => {
    it('is scoped to the region, and to the own SKPD for planners; filters by SKPD, type, name and target', async () => {
      const { region, skpd, user } = await planner();
      const second = await t.make.user({ role: 'PLANNER', regionId: region.id });
      const mine = await upload(user, pdf(), 'Laporan TW II.pdf').expect(201);
      const myPng = await upload(user, png(), 'foto.png').expect(201);
      const theirs = await upload(second, pdf(), 'milik dinas lain.pdf').expect(201);
      await upload(await t.make.user({ role: 'PLANNER' }), pdf(), 'region lain.pdf').expect(201);

      const ids = (res: request.Response) => res.body.items.map((i: { id: string }) => i.id).sort();
      const asPlanner = await request(t.http).get('/api/v1/evidence').set(t.auth(user)).expect(200);
      expect(ids(asPlanner)).toEqual([mine.body.id, myPng.body.id].sort());
      const admin = await t.make.user({ role: 'REGION_ADMIN', regionId: region.id });
      const all = await request(t.http).get('/api/v1/evidence').set(t.auth(admin)).expect(200);
      expect(ids(all)).toEqual([mine.body.id, myPng.body.id, theirs.body.id].sort());
      expect(all.body.total).toBe(3);
      const filtered = await request(t.http)
        .get(`/api/v1/evidence?skpdId=${skpd.id}&ext=pdf&q=TW%20II`)
        .set(t.auth(admin))
        .expect(200);
      expect(ids(filtered)).toEqual([mine.body.id]);
      // A planner asking for another SKPD gets nothing of it.
      const snoop = await request(t.http)
        .get(`/api/v1/evidence?skpdId=${theirs.body.skpdId}`)
        .set(t.auth(user))
        .expect(200);
      expect(snoop.body.items).toEqual([]);
    });
  });

  describe('links (the API realisations and evaluation answers use)', () => {
    it('links, lists, replaces and unlinks inside the caller transaction; refuses another SKPD and invisible evidence', async () => {
      const links = t.app.get(EvidenceLinkService);
      const { region, skpd, user } = await planner();
      const a = (await upload(user, pdf(), 'a.pdf').expect(201)).body;
      const b = (await upload(user, png(), 'b.png').expect(201)).body;
      const other = (
        await upload(await t.make.user({ role: 'PLANNER', regionId: region.id }), pdf(), 'c.pdf').expect(201)
      ).body;
      const foreign = (await upload(await t.make.user({ role: 'PLANNER' }), pdf(), 'd.pdf').expect(201)).body;
      const scope = {
        userId: user.id,
        username: user.username,
        role: user.role,
        regionId: region.id,
        skpdId: skpd.id,
        isQa: false,
        correlationId: 'test',
      };
      const target = { type: 'REALISATION' as const, id: '11111111-1111-4111-8111-111111111111', skpdId: skpd.id };

      await t.db.transaction((m) => links.link(m, scope, target, [a.id, b.id, a.id]));
      await t.db.transaction((m) => links.link(m, scope, target, [a.id])); // idempotent
      expect((await links.list(t.db.manager, scope, target)).map((e) => e.id).sort()).toEqual([a.id, b.id].sort());
      const listed = await request(t.http)
        .get(`/api/v1/evidence?targetType=REALISATION&targetId=${target.id}`)
        .set(t.auth(user))
        .expect(200);
      expect(listed.body.total).toBe(2);

      // A failed caller transaction leaves no link behind.
      await expect(
        t.db.transaction(async (m) => {
          await links.unlink(m, scope, target, [a.id]);
          throw new Error('caller failed');
        }),
      ).rejects.toThrow('caller failed');
      expect((await links.linkedIds(t.db.manager, scope, 'REALISATION', [target.id])).get(target.id)?.sort()).toEqual(
        [a.id, b.id].sort(),
      );

      // Another SKPD's evidence: not visible to this planner → 404; visible to a region admin but not linkable → 422.
      await expect(t.db.transaction((m) => links.link(m, scope, target, [other.id]))).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      const adminScope = { ...scope, role: 'REGION_ADMIN' as const, skpdId: null };
      await expect(t.db.transaction((m) => links.link(m, adminScope, target, [other.id]))).rejects.toMatchObject({
        code: 'EVIDENCE_OTHER_SKPD',
      });
      await expect(t.db.transaction((m) => links.link(m, adminScope, target, [foreign.id]))).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });

      await t.db.transaction((m) => links.replace(m, scope, target, [b.id]));
      expect((await links.list(t.db.manager, scope, target)).map((e) => e.id)).toEqual([b.id]);
      expect(await t.db.transaction((m) => links.unlink(m, scope, target, [b.id, a.id]))).toBe(1);
      expect(await links.list(t.db.manager, scope, target)).toEqual([]);

      const audit = await request(t.http)
        .get(`/api/v1/audit-log?entity=EvidenceItem&entityId=${a.id}`)
        .set(t.auth(await t.make.user({ role: 'REGION_ADMIN', regionId: region.id })))
        .expect(200);
      expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual(['CREATE', 'LINK', 'UNLINK']);
    });
  });
});
