import type { CapaianTable } from '../../reporting/domain/capaian-table';
import { buildLkjipDocument, type Block, type LkjipInput } from './lkjip-document';

const table: CapaianTable = {
  rows: [
    {
      sasaranCode: 'S.1',
      sasaranName: 'Meningkatnya layanan',
      indicatorCode: 'I.1',
      indicatorName: 'Jumlah kunjungan',
      satuan: 'orang',
      target: '1000',
      quarters: ['180', '260', '240.5', '310'],
      annualRealisation: '990.5',
      capaian: '99.05',
      category: 'Sangat Tinggi',
      notComputable: null,
      previousRealisation: '900',
      previousCapaian: '100.00',
      capaianChange: '-0.95',
      endTarget: '6000',
      capaianToEndTarget: '16.51',
    },
  ],
  bySasaran: [{ sasaranCode: 'S.1', sasaranName: 'Meningkatnya layanan', mean: '99.05' }],
  mean: '99.05',
};
const input = (over: Partial<LkjipInput> = {}): LkjipInput => ({
  year: 2025,
  regionName: 'Kabupaten Uji',
  skpdName: 'Dinas Kesehatan',
  table,
  periodEndYear: 2029,
  notes: new Map([['I.1', { problems: ['TW 2: Renovasi.'], followUps: [] }]]),
  ...over,
});
const texts = (blocks: Block[]) =>
  blocks.flatMap((b) => (b.kind === 'table' ? b.rows.flat() : b.kind === 'bullets' ? b.items : [b.text]));

describe('buildLkjipDocument', () => {
  it('has the four customary chapters', () =>
    expect(buildLkjipDocument(input()).chapters.map((c) => c.title)).toEqual([
      'BAB I PENDAHULUAN',
      'BAB II PERENCANAAN KINERJA',
      'BAB III AKUNTABILITAS KINERJA',
      'BAB IV PENUTUP',
    ]));

  it('explains each indicator with Indonesian numbers, the change on last year, the end target and the notes', () => {
    const bab3 = texts(buildLkjipDocument(input()).chapters[2].blocks);
    expect(bab3).toEqual(
      expect.arrayContaining([
        'Target 1.000 orang, realisasi 990,5 orang, capaian 99,05% (Sangat Tinggi).',
        'Dibandingkan tahun 2024 (realisasi 900, capaian 100,00%), capaian turun 0,95%.',
        'Terhadap target akhir periode (2029) sebesar 6.000, realisasi tahun ini mencapai 16,51%.',
        'Kendala: TW 2: Renovasi.',
        'Rencana tindak lanjut: [diisi oleh SKPD: rencana tindak lanjut]',
        'Data anggaran belum tersedia dalam sistem. [diisi oleh SKPD: realisasi anggaran per program dan efisiensi]',
      ]),
    );
  });

  it('prints the budget table once budget data exists', () => {
    const bab3 = buildLkjipDocument(input({ budget: [{ program: 'Program A', pagu: '1000000', realisasi: '950000' }] }))
      .chapters[2].blocks;
    expect(bab3.at(-1)).toEqual(
      expect.objectContaining({ kind: 'table', rows: [['Program A', '1.000.000', '950.000']] }),
    );
  });

  it('gives the capaian table a row per sasaran with pagu, realisasi, serapan and efficiency, chapter III landscape', () => {
    const efficiency = new Map([
      ['S.1', { pagu: '1250000000', realisation: '1000000000', serapan: '80.00', labelText: 'efisien' }],
    ]);
    const without = buildLkjipDocument(input());
    expect(without.chapters[2].landscape).toBeUndefined();
    const doc = buildLkjipDocument(input({ efficiency }));
    expect(doc.chapters[2].landscape).toBe(true);
    const capaian = doc.chapters[2].blocks.find((b) => b.kind === 'table')!;
    if (capaian.kind !== 'table') throw new Error('no table');
    expect(capaian.headers.slice(-4)).toEqual(['Pagu (Rp)', 'Realisasi Anggaran (Rp)', 'Serapan', 'Efisiensi']);
    expect(capaian.widths.reduce((a, b) => a + b)).toBe(100);
    expect(capaian.strongRows).toEqual([0]);
    expect(capaian.rows[0]).toEqual([
      '',
      'Sasaran S.1 Meningkatnya layanan',
      ...Array(9).fill(''),
      '1.250.000.000',
      '1.000.000.000',
      '80,00%',
      'efisien',
    ]);
    expect(capaian.rows[1].slice(0, 2)).toEqual(['1', 'Jumlah kunjungan']);
    expect(capaian.rows[1].slice(-4)).toEqual(['', '', '', '']);
    // A sasaran the budget does not know: dashes and "tidak dapat dihitung".
    const unknown = buildLkjipDocument(input({ efficiency: new Map() })).chapters[2].blocks.find(
      (b) => b.kind === 'table',
    );
    expect(unknown?.kind === 'table' && unknown.rows[0].slice(-4)).toEqual(['–', '–', '–', 'tidak dapat dihitung']);
  });
});
