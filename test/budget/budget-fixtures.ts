import ExcelJS from 'exceljs';
import request from 'supertest';
import type { MadeUser } from '../factories/factories';
import type { TestApp } from '../utils/test-app';

const api = (path: string) => `/api/v1${path}`;

/** A DPA / realisation row as SIPD exports it: SKPD code, sub-kegiatan code, name, then the figures. */
export type SheetRow = (string | number | null)[];

/**
 * A generated SIPD-like workbook: two title rows, the header on row 3 (as exported, with the given texts), data
 * from row 4.
 */
export async function budgetWorkbook(sheet: string, headers: string[], rows: SheetRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.getCell(1, 1).value = sheet === 'DPA' ? 'DOKUMEN PELAKSANAAN ANGGARAN' : 'LAPORAN REALISASI ANGGARAN';
  ws.getRow(3).values = headers;
  rows.forEach((r, i) => (ws.getRow(4 + i).values = r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const DPA_HEADERS = ['Kode SKPD', 'Kode Sub Kegiatan', 'Nama Sub Kegiatan', 'Pagu Murni', 'Pagu Perubahan'];
export const REALISATION_HEADERS = [
  'Kode OPD',
  'Kode',
  'Uraian',
  'Realisasi Triwulan I',
  'Realisasi Triwulan II',
  'Realisasi TW III',
  'Realisasi TW IV',
];

/** Uploads a file to `<base>/preview<query>`. */
export const previewFile = (
  t: TestApp,
  user: MadeUser,
  base: string,
  query: string,
  file: Buffer,
  name = 'file.xlsx',
) =>
  request(t.http)
    .post(api(`${base}/preview${query}`))
    .set(t.auth(user))
    .attach('file', file, name);

/** Preview then commit a file (`<base>/preview|commit<query>`); returns the commit body, throws with any failure. */
export async function importFile(
  t: TestApp,
  user: MadeUser,
  base: string,
  query: string,
  file: Buffer,
  name = 'file.xlsx',
): Promise<Record<string, unknown>> {
  const preview = await previewFile(t, user, base, query, file, name);
  if (preview.status !== 200) throw new Error(`preview ${preview.status} ${JSON.stringify(preview.body)}`);
  const commit = await request(t.http)
    .post(api(`${base}/commit${query}`))
    .set(t.auth(user))
    .field('previewToken', preview.body.previewToken)
    .attach('file', file, name);
  if (commit.status !== 200) throw new Error(`commit ${commit.status} ${JSON.stringify(commit.body)}`);
  return commit.body;
}
