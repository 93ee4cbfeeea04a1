import { writeZip } from '../../../test/evidence/zip-writer';
import { checkZip, DEFAULT_ZIP_LIMITS, looksLikeZip, type ZipLimits } from './zip-guard';

const small = (name: string, text = 'halo dunia') => ({ name, data: Buffer.from(text) });
const zeros = (n: number) => Buffer.alloc(n);
const limits = (over: Partial<ZipLimits> = {}): ZipLimits => ({ ...DEFAULT_ZIP_LIMITS, ...over });

describe('checkZip', () => {
  it('accepts an ordinary archive and lists its entries', () => {
    const r = checkZip(
      writeZip([
        small('[Content_Types].xml'),
        small('xl/workbook.xml'),
        { name: 'a.txt', data: Buffer.from('x'), store: true },
      ]),
    );
    expect(r.ok && r.entries.map((e) => e.name)).toEqual(['[Content_Types].xml', 'xl/workbook.xml', 'a.txt']);
  });

  it('accepts a highly compressible entry below the ratio floor', () => {
    expect(checkZip(writeZip([{ name: 'xl/sharedStrings.xml', data: zeros(60 * 1024) }])).ok).toBe(true);
  });

  it.each<[string, Buffer, Partial<ZipLimits>, string]>([
    [
      'a huge zero-filled entry (ratio)',
      writeZip([{ name: 'xl/worksheets/sheet1.xml', data: zeros(5 * 1024 * 1024) }]),
      {},
      'RATIO_TOO_HIGH',
    ],
    [
      'too many entries',
      writeZip(Array.from({ length: 6 }, (_, i) => small(`f${i}.xml`))),
      { maxEntries: 5 },
      'TOO_MANY_ENTRIES',
    ],
    [
      'declared sizes over the total',
      writeZip([small('a.xml'), { ...small('b.xml'), declaredSize: 3000 }]),
      { maxTotalUncompressed: 2000, maxRatio: 1e9 },
      'TOTAL_TOO_LARGE',
    ],
    [
      'one entry over the entry limit',
      writeZip([{ ...small('a.xml'), declaredSize: 5000 }]),
      { maxEntryUncompressed: 4000, maxRatio: 1e9 },
      'ENTRY_TOO_LARGE',
    ],
    ['a path-traversal entry name', writeZip([small('../../evil.sh')]), {}, 'UNSAFE_ENTRY_NAME'],
    ['an absolute entry name', writeZip([small('/etc/passwd')]), {}, 'UNSAFE_ENTRY_NAME'],
    ['a backslash entry name', writeZip([small('..\\evil')]), {}, 'UNSAFE_ENTRY_NAME'],
    ['a macro part', writeZip([small('xl/vbaProject.bin')]), {}, 'MACRO_CONTENT'],
  ])('refuses %s', (_, zip, over, reason) => {
    const r = checkZip(zip, limits(over));
    expect(r.ok ? 'ok' : r.reason).toBe(reason);
  });

  it('refuses an encrypted entry', () => {
    const zip = writeZip([small('a.xml')]);
    const cd = zip.indexOf(Buffer.from([0x50, 0x4b, 1, 2]));
    zip.writeUInt16LE(zip.readUInt16LE(cd + 8) | 1, cd + 8);
    const r = checkZip(zip);
    expect(r.ok ? 'ok' : r.reason).toBe('ENCRYPTED');
  });

  it('refuses entries whose data overlap (non-recursive zip bomb)', () => {
    const zip = writeZip([small('a.xml'), small('b.xml')]);
    const second = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 1, 2]));
    zip.writeUInt32LE(0, second + 42); // b.xml now claims a.xml's local header
    const r = checkZip(zip);
    expect(r.ok ? 'ok' : r.reason).toBe('OVERLAPPING_ENTRIES');
  });

  it.each([
    ['a PDF', Buffer.from('%PDF-1.4\n'), 'NOT_A_ZIP'],
    ['a truncated zip', writeZip([small('a.xml')]).subarray(0, 40), 'CORRUPT'],
  ])('refuses %s', (_, buf, reason) => {
    const r = checkZip(buf);
    expect(r.ok ? 'ok' : r.reason).toBe(reason);
  });

  it('looksLikeZip recognises the local-header signature only', () => {
    expect([
      looksLikeZip(writeZip([small('a')])),
      looksLikeZip(Buffer.from('MZ\x90\x00')),
      looksLikeZip(Buffer.alloc(2)),
    ]).toEqual([true, false, false]);
  });
});
