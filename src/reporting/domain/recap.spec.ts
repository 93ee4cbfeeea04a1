import { Fraction } from '../../evaluation/domain/fraction';
import { buildRecap, movementOf, rankSubjects, recapFileName, type RecapBand, type RecapSubject } from './recap';

const BANDS: RecapBand[] = [
  { predicate: 'D', label: 'Sangat Kurang', upTo: '30' },
  { predicate: 'AA', label: 'Sangat Memuaskan', upTo: '100' },
  { predicate: 'A', label: 'Memuaskan', upTo: '90' },
  { predicate: 'BB', label: 'Sangat Baik', upTo: '80' },
  { predicate: 'B', label: 'Baik', upTo: '70' },
  { predicate: 'CC', label: 'Cukup (Memadai)', upTo: '60' },
  { predicate: 'C', label: 'Kurang', upTo: '50' },
];

const f = (s: string) => Fraction.parseRatio(s);

function subject(code: string, total: string, predicate: string): RecapSubject {
  return {
    skpdId: `id-${code}`,
    code,
    name: `Dinas ${code}`,
    components: [
      { id: '1', name: 'Perencanaan Kinerja', score: f(total).div(Fraction.of(2)) },
      { id: '2', name: 'Pengukuran Kinerja', score: f(total).div(Fraction.of(2)) },
    ],
    subComponents: [{ id: '1.a', componentId: '1', name: 'Dokumen', weight: '6', score: f('1/3') }],
    total: f(total),
    predicate,
  };
}

describe('region predicate recap rows', () => {
  it.each([
    ['A', null, 'BARU'],
    ['A', undefined, 'BARU'],
    ['A', 'A', 'TETAP'],
    ['A', 'BB', 'NAIK'],
    ['BB', 'A', 'TURUN'],
    ['AA', 'D', 'NAIK'],
    ['D', 'C', 'TURUN'],
    ['A', 'X', 'BARU'],
  ] as const)('movement %s (last year %s) → %s', (now, before, expected) => {
    expect(movementOf(now, before, BANDS)).toBe(expected);
  });

  it.each([
    [
      ['80', '70', '90'],
      [1, 2, 3],
      ['90', '80', '70'],
    ],
    [
      ['80', '80', '70'],
      [1, 1, 3],
      ['80', '80', '70'],
    ],
    [
      ['70', '80', '80', '80'],
      [1, 1, 1, 4],
      ['80', '80', '80', '70'],
    ],
    [
      ['1/3', '0.3333'],
      [1, 2],
      ['1/3', '0.3333'],
    ],
  ])('ranks %j as %j (ties share a rank, exact order)', (totals, ranks, order) => {
    const ranked = rankSubjects(totals.map((t, i) => ({ code: `1.0${i}`, total: f(t) })));
    expect(ranked.map((r) => r.rank)).toEqual(ranks);
    expect(ranked.map((r) => r.subject.total.toString())).toEqual(order.map((o) => f(o).toString()));
  });

  it('builds rows, deltas, labels, sub-components and the summary from exact values', () => {
    const report = buildRecap({
      year: 2025,
      bands: BANDS,
      subjects: [
        subject('1.01', '1333993/18480', 'BB'),
        subject('1.02', '80.005', 'A'),
        subject('1.03', '80.005', 'A'),
        subject('1.04', '45', 'C'),
      ],
      previous: new Map([
        ['id-1.01', { total: f('80.125'), predicate: 'A' }],
        ['id-1.02', { total: f('80.005'), predicate: 'A' }],
        ['id-1.04', { total: f('29.995'), predicate: 'D' }],
      ]),
      pemda: { total: f('72.125'), predicate: 'BB', source: 'OFFICIAL' },
      pemdaHistory: [
        { year: 2024, result: { total: f('68.635'), predicate: 'B', source: 'OWN_SHEET' } },
        { year: 2025, result: { total: f('72.125'), predicate: 'BB', source: 'OFFICIAL' } },
      ],
    });
    expect(report.summary.pemdaHistory).toEqual([
      { year: 2024, total: '68.64', predicate: 'B', predicateLabel: 'Baik', source: 'OWN_SHEET' },
      { year: 2025, total: '72.13', predicate: 'BB', predicateLabel: 'Sangat Baik', source: 'OFFICIAL' },
    ]);
    expect(report.components).toEqual([
      { id: '1', name: 'Perencanaan Kinerja' },
      { id: '2', name: 'Pengukuran Kinerja' },
    ]);
    expect(
      report.rows.map((r) => [
        r.rank,
        r.code,
        r.total,
        r.predicate,
        r.predicateLabel,
        r.delta,
        r.movement,
        r.components,
      ]),
    ).toEqual([
      [1, '1.02', '80.01', 'A', 'Memuaskan', '0.00', 'TETAP', ['40.00', '40.00']],
      [1, '1.03', '80.01', 'A', 'Memuaskan', null, 'BARU', ['40.00', '40.00']],
      [3, '1.01', '72.19', 'BB', 'Sangat Baik', '-7.94', 'TURUN', ['36.09', '36.09']],
      [4, '1.04', '45.00', 'C', 'Kurang', '15.01', 'NAIK', ['22.50', '22.50']],
    ]);
    // 72.185768… − 80.125 = −7.939232… → −7.94; 45 − 29.995 = 15.005 → 15.01 (half-up on the exact difference).
    expect(report.rows[2].previousTotal).toBe('80.13');
    expect(report.subComponentRows.map((r) => [r.rank, r.code, r.subComponentId, r.score])).toEqual([
      [1, '1.02', '1.a', '0.33'],
      [1, '1.03', '1.a', '0.33'],
      [3, '1.01', '1.a', '0.33'],
      [4, '1.04', '1.a', '0.33'],
    ]);
    expect(report.summary).toEqual({
      count: 4,
      distribution: [
        { predicate: 'AA', label: 'Sangat Memuaskan', count: 0 },
        { predicate: 'A', label: 'Memuaskan', count: 2 },
        { predicate: 'BB', label: 'Sangat Baik', count: 1 },
        { predicate: 'B', label: 'Baik', count: 0 },
        { predicate: 'CC', label: 'Cukup (Memadai)', count: 0 },
        { predicate: 'C', label: 'Kurang', count: 1 },
        { predicate: 'D', label: 'Sangat Kurang', count: 0 },
      ],
      // (72.185768… + 80.005 + 80.005 + 45) / 4 = 69.298942… → 69.30, band B.
      average: '69.30',
      averagePredicate: 'B',
      pemda: { total: '72.13', predicate: 'BB', predicateLabel: 'Sangat Baik', source: 'OFFICIAL' },
      pemdaHistory: expect.arrayContaining([expect.objectContaining({ year: 2024, predicate: 'B' })]),
    });
  });

  it('summarises an empty region without an average', () => {
    const report = buildRecap({ year: 2025, bands: BANDS, subjects: [], previous: new Map(), pemda: null });
    expect(report.summary).toMatchObject({
      count: 0,
      average: null,
      averagePredicate: null,
      pemda: null,
      pemdaHistory: [],
    });
  });

  it.each([
    ['Kabupaten Uji 12', 2025, 'Rekap-Predikat-SAKIP-Kabupaten-Uji-12-2025.xlsx'],
    ['Kota Bau-Bau', 2024, 'Rekap-Predikat-SAKIP-Kota-Bau-Bau-2024.xlsx'],
    ['Kab. Kepulauan Sangihe (Sulut)', 2025, 'Rekap-Predikat-SAKIP-Kab-Kepulauan-Sangihe-Sulut-2025.xlsx'],
    ['Kabupaten Pangkajène', 2025, 'Rekap-Predikat-SAKIP-Kabupaten-Pangkajene-2025.xlsx'],
  ])('file name for %s %d', (name, year, expected) => {
    expect(recapFileName(name, year)).toBe(expected);
  });
});
