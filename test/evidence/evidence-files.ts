import { crc32, deflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { writeZip, XLSX_CONTENT_TYPES } from './zip-writer';

let n = 0;
/** Each call gives different bytes, so tests of one file never share content by accident. */
const tag = () => `${process.pid}-${Date.now()}-${++n}`;

/** A small valid PDF with a line of text. */
export function pdf(text = `Bukti dukung ${tag()}`): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A 1×1 RGB PNG written byte by byte (signature, IHDR, IDAT, IEND with their CRCs). */
export function png(rgb: [number, number, number] = [n % 256, (n * 7) % 256, (++n * 13) % 256]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(2, 9); // colour type RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, ...rgb]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A real workbook written by exceljs. */
export async function xlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Realisasi');
  ws.addRow(['Indikator', 'TW I']);
  ws.addRow([`Cakupan imunisasi ${tag()}`, 87.5]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A minimal Word document: content types, the main part. */
export function docx(): Buffer {
  const types =
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
  const doc = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Notulen ${tag()}</w:t></w:r></w:p></w:body></w:document>`;
  return writeZip([
    { name: '[Content_Types].xml', data: Buffer.from(types) },
    { name: 'word/document.xml', data: Buffer.from(doc) },
  ]);
}

/** A Windows executable: the MZ header and a DOS stub, as it would be renamed to .pdf. */
export function exe(): Buffer {
  const b = Buffer.alloc(512);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('This program cannot be run in DOS mode.', 0x4e, 'latin1');
  b.write('PE\0\0', 0x80, 'latin1');
  b.write(tag(), 0x100, 'latin1');
  return b;
}

/** A zip bomb posing as a workbook: an xlsx-shaped archive whose sheet expands from ~50 KB to 50 MB of zeros. */
export function zipBomb(): Buffer {
  return writeZip([
    { name: '[Content_Types].xml', data: XLSX_CONTENT_TYPES },
    { name: 'xl/workbook.xml', data: Buffer.from(`<workbook>${tag()}</workbook>`) },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(50 * 1024 * 1024) },
  ]);
}
