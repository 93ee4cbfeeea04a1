import { indonesianDate } from '../../common/time/indonesian-date';
import { regionHeadTitle, signatureLines } from './signature';

describe('signature block', () => {
  const date = new Date('2026-12-04T18:30:00Z'); // 5 December in Jakarta (UTC+7)

  it.each([
    ['Asia/Jakarta', '5 Desember 2026'],
    ['UTC', '4 Desember 2026'],
  ])('dates in Indonesian in the region time zone (%s)', (zone, text) => {
    expect(indonesianDate(date, zone)).toBe(text);
  });

  it('prints an acting head with "Plt.", the name, rank and NIP', () => {
    const lines = signatureLines({
      place: 'Kuala Pembuang',
      date,
      signer: {
        title: 'Kepala Dinas Kesehatan',
        name: 'dr. Siti Rahma, M.Kes',
        nip: '197001011990032001',
        rank: 'Pembina (IV/a)',
        acting: 'PLT',
      },
      title: 'Kepala Dinas Kesehatan',
    });
    expect(lines.map((l) => l.text)).toEqual([
      'Kuala Pembuang, 5 Desember 2026',
      'Plt. Kepala Dinas Kesehatan,',
      '',
      'dr. Siti Rahma, M.Kes',
      'Pembina (IV/a)',
      'NIP. 197001011990032001',
    ]);
    expect(lines[3].name).toBe(true);
  });

  it('leaves dotted lines for the name and NIP when no head is filled in', () => {
    const texts = signatureLines({ place: null, date, signer: null, title: 'Inspektur' }).map((l) => l.text);
    expect(texts).toEqual([
      expect.stringMatching(/^\.{10,}, 5 Desember 2026$/),
      'Inspektur,',
      '',
      expect.stringMatching(/^\.{10,}$/),
      expect.stringMatching(/^NIP\. \.{10,}$/),
    ]);
  });

  it('prints no NIP line for an elected head', () => {
    const signer = { title: 'Bupati Maju', name: 'H. Budi', nip: null, rank: null, acting: null };
    expect(signatureLines({ place: 'Maju', date, signer, title: '' }).map((l) => l.text)).not.toContainEqual(
      expect.stringMatching(/^NIP/),
    );
  });

  it.each([
    [{ kind: 'KABUPATEN', name: 'Kabupaten Seruyan' }, 'Bupati Seruyan'],
    [{ kind: 'KOTA', name: 'Kota Palangka Raya' }, 'Wali Kota Palangka Raya'],
    [{ kind: 'PROVINSI', name: 'Provinsi Kalimantan Tengah' }, 'Gubernur Kalimantan Tengah'],
  ])('names the regional head of %o', (region, title) => expect(regionHeadTitle(region)).toBe(title));
});
