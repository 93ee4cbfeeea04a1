import { normalizeCode, verificationCode, verificationPage, verificationUrl } from './verification';

describe('verification codes and page', () => {
  it('makes 12-character codes without look-alike letters and reads them back from paper', () => {
    const code = verificationCode(Uint8Array.from({ length: 12 }, (_, i) => i * 23));
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    expect(normalizeCode(code.toLowerCase())).toBe(code);
    expect(normalizeCode('O1IL23456789')).toBe('011123456789');
    expect(normalizeCode('too-short')).toBeNull();
    expect(normalizeCode('<script>x</script>')).toBeNull();
    expect(() => verificationCode(new Uint8Array(4))).toThrow();
  });

  it('builds the short URL on the public base URL', () =>
    expect(verificationUrl('https://sakip.example.go.id/', 'ABC')).toBe('https://sakip.example.go.id/verifikasi/ABC'));

  it('escapes every text and states whether a presented file matches', () => {
    const view = {
      code: 'ABCDEFGHJKMN',
      title: 'PK <2026>',
      issuer: 'Dinas "A" & B',
      sha256: 'a'.repeat(64),
      complete: true,
      signatures: [
        { partyLabel: 'PIHAK PERTAMA', name: '<b>x</b>', title: 'Kepala', signedAt: '1 Februari 2026 09.00 WIB' },
      ],
    };
    const page = verificationPage(view, '/verifikasi/ABCDEFGHJKMN');
    expect(page).toContain('PK &lt;2026&gt;');
    expect(page).toContain('Dinas &quot;A&quot; &amp; B');
    expect(page).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(page).not.toContain('<b>x</b>');
    const bad = verificationPage(
      { ...view, presented: { matches: false, matchesEarlierVersion: false, sha256: 'b'.repeat(64) } },
      '/verifikasi/ABCDEFGHJKMN',
    );
    expect(bad).toContain('TIDAK SAH');
    expect(verificationPage(null, '')).toContain('Dokumen tidak ditemukan');
  });
});
