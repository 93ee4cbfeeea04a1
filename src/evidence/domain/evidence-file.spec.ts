import {
  acceptedType,
  blobPath,
  contentDisposition,
  downloadName,
  isTraversalName,
  sanitizeFileName,
} from './evidence-file';

describe('isTraversalName', () => {
  it.each([
    ['../../etc/passwd.pdf', true],
    ['..\\..\\win.ini.pdf', true],
    ['a/../b.pdf', true],
    ['..', true],
    ['laporan..final.pdf', false],
    ['..laporan.pdf', false],
    ['C:\\Users\\x\\a.pdf', false],
    ['laporan.pdf', false],
  ])('%j → %s', (name, expected) => expect(isTraversalName(name)).toBe(expected));
});

describe('acceptedType', () => {
  it.each([
    [{ ext: 'pdf', mime: 'application/pdf' }, 'pdf'],
    [{ ext: 'png', mime: 'image/png' }, 'png'],
    [{ ext: 'jpg', mime: 'image/jpeg' }, 'jpg'],
    [{ ext: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, 'xlsx'],
    [{ ext: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }, 'docx'],
    [{ ext: 'exe', mime: 'application/x-msdownload' }, null],
    [{ ext: 'zip', mime: 'application/zip' }, null],
    [{ ext: 'xlsm', mime: 'application/vnd.ms-excel.sheet.macroenabled.12' }, null],
    [{ ext: 'pdf', mime: 'application/x-msdownload' }, null],
    [{ ext: 'toString', mime: 'x' }, null],
    [undefined, null],
  ])('%j → %s', (sniffed, ext) => expect(acceptedType(sniffed)?.ext ?? null).toBe(ext));
});

describe('sanitizeFileName', () => {
  it.each([
    ['../../etc/passwd.pdf', 'passwd.pdf'],
    ['..\\..\\windows\\win.ini.pdf', 'win.ini.pdf'],
    ['C:\\Users\\x\\Laporan TW I.pdf', 'Laporan TW I.pdf'],
    ['bad\u0000name\r\n.pdf', 'badname.pdf'],
    ['gnp.\u202Eevil.pdf', 'gnp.evil.pdf'],
    ['.htaccess', 'htaccess'],
    ['  spaced   out  .pdf ', 'spaced out .pdf'],
    ['a"b<c>d|e?.pdf', 'a_b_c_d_e_.pdf'],
    ['Bukti Dukung – Capaian 2025 (revisi).pdf', 'Bukti Dukung – Capaian 2025 (revisi).pdf'],
    ['../', 'berkas.pdf'],
    ['', 'berkas.pdf'],
  ])('%j → %j', (raw, clean) => expect(sanitizeFileName(raw, 'pdf')).toBe(clean));

  it('truncates long names to 200 characters keeping the extension', () => {
    const out = sanitizeFileName(`${'a'.repeat(300)}.xlsx`, 'xlsx');
    expect([out.length, out.endsWith('.xlsx')]).toEqual([200, true]);
  });
});

describe('downloadName', () => {
  it.each([
    ['laporan.pdf', 'pdf', 'laporan.pdf'],
    ['FOTO.JPEG', 'jpg', 'FOTO.JPEG'],
    ['foto.pdf', 'png', 'foto.pdf.png'],
    ['tanpa-ekstensi', 'docx', 'tanpa-ekstensi.docx'],
  ] as const)('%s as %s → %s', (name, ext, out) => expect(downloadName(name, ext)).toBe(out));
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('Laporan "Dinkes" 100%; ü.pdf')).toBe(
      `attachment; filename="Laporan _Dinkes_ 100__ _.pdf"; filename*=UTF-8''Laporan%20%22Dinkes%22%20100%25%3B%20%C3%BC.pdf`,
    );
  });
  it('encodes the characters RFC 5987 leaves out of attr-char', () => {
    expect(contentDisposition("a'(b)*.pdf")).toContain("filename*=UTF-8''a%27%28b%29%2A.pdf");
  });
});

describe('blobPath', () => {
  it('fans content out by the first two byte pairs', () =>
    expect(blobPath('ab'.repeat(32))).toEqual(['ab', 'ab', 'ab'.repeat(32)]));
  it.each(['../etc/passwd', 'AB'.repeat(32), 'ab'])('refuses %s', (s) => expect(() => blobPath(s)).toThrow());
});
