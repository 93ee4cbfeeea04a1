import Decimal from 'decimal.js';
import { buildPkDocument, nextParty, type PkDocumentInput } from './pk-document';

const input = (over: Partial<PkDocumentInput> = {}): PkDocumentInput => ({
  year: 2026,
  revision: 0,
  regionName: 'Kabupaten Maju Bersama',
  seatCity: 'Sukamaju',
  timezone: 'Asia/Jakarta',
  skpdName: 'Dinas Kesehatan',
  firstParty: {
    title: 'Kepala Dinas Kesehatan',
    name: 'dr. Sari',
    nip: '197501012000032001',
    rank: 'Pembina (IV/a)',
    acting: 'PLH',
  },
  secondParty: { title: 'Bupati Maju Bersama', name: 'H. Ahmad', nip: null, rank: null, acting: null },
  targets: [
    {
      sasaran: 'Meningkatnya derajat kesehatan',
      indicator: 'Jumlah kunjungan',
      satuan: 'orang',
      annual: new Decimal('12500'),
      quarters: [new Decimal('3000'), new Decimal('3200.5'), null, new Decimal('3200')],
    },
  ],
  // 2026-01-31 20:00 UTC is already 1 February in Jakarta.
  date: new Date('2026-01-31T20:00:00Z'),
  ...over,
});

describe('buildPkDocument (PermenPAN-RB 53/2014)', () => {
  it('names both parties, with Plt./Plh. before an acting title, and signs pihak kedua left, pihak pertama right', () => {
    const m = buildPkDocument(input());
    expect(m.title).toBe('PERJANJIAN KINERJA TAHUN 2026');
    expect(m.subtitle).toEqual(['DINAS KESEHATAN', 'KABUPATEN MAJU BERSAMA']);
    expect(m.parties.map((p) => [p.label, p.name, p.title])).toEqual([
      ['PIHAK PERTAMA', 'dr. Sari', 'Plh. Kepala Dinas Kesehatan'],
      ['PIHAK KEDUA', 'H. Ahmad', 'Bupati Maju Bersama'],
    ]);
    expect(m.signatures).toEqual([
      {
        party: 'SECOND',
        heading: 'PIHAK KEDUA,',
        title: 'Bupati Maju Bersama',
        name: 'H. Ahmad',
        rank: null,
        nipLine: null,
      },
      {
        party: 'FIRST',
        heading: 'PIHAK PERTAMA,',
        title: 'Plh. Kepala Dinas Kesehatan',
        name: 'dr. Sari',
        rank: 'Pembina (IV/a)',
        nipLine: 'NIP. 197501012000032001',
      },
    ]);
    expect(m.placeAndDate).toBe('Sukamaju, 1 Februari 2026');
  });

  it('prints targets the Indonesian way, a dash for a quarter without target, and no budget page without budget data', () => {
    const m = buildPkDocument(input());
    expect(m.targets.rows).toEqual([['1', 'Meningkatnya derajat kesehatan', 'Jumlah kunjungan', 'orang', '12.500']]);
    expect(m.actionPlan!.rows[0].slice(4)).toEqual(['12.500', '3.000', '3.200,5', '–', '3.200']);
    expect(m.budget).toBeNull();
    const withBudget = buildPkDocument(
      input({ budget: [{ program: 'Program A', amount: new Decimal('1500000000') }] }),
    );
    expect(withBudget.budget?.rows).toEqual([['1', 'Program A', '1.500.000.000']]);
  });

  it('marks a revision as PK Perubahan and leaves dotted blanks for an unknown signer or place', () => {
    const m = buildPkDocument(input({ revision: 1, firstParty: null, seatCity: null }));
    expect(m.title).toBe('PERJANJIAN KINERJA TAHUN 2026 (PERUBAHAN)');
    expect(m.parties[0].name).toMatch(/^\.+$/);
    expect(m.placeAndDate).toMatch(/^\.+, 1 Februari 2026$/);
  });

  it('has the regional head alone sign the Pemda’s own PK', () => {
    const m = buildPkDocument(input({ skpdName: null, firstParty: null }));
    expect(m.subtitle).toEqual(['KABUPATEN MAJU BERSAMA']);
    expect(m.parties.map((p) => p.name)).toEqual(['H. Ahmad']);
    expect(m.signatures.map((s) => [s.party, s.heading])).toEqual([['SECOND', null]]);
  });
});

describe('nextParty', () => {
  it.each([
    [false, [], 'FIRST'],
    [false, ['FIRST'], 'SECOND'],
    [false, ['FIRST', 'SECOND'], null],
    [true, [], 'SECOND'],
    [true, ['SECOND'], null],
  ] as const)('pemda=%s, signed %j → %s', (isPemda, signed, expected) =>
    expect(nextParty(isPemda, signed)).toBe(expected),
  );
});
