import {
  annualRealisation,
  buildCapaianTable,
  capaianFileName,
  type CapaianReportInput,
  type IndicatorPlan,
  targetText,
} from './capaian-table';

type Ind = CapaianReportInput['indicators'][number];

function ind(code: string, sasaranId: string, o: Partial<Ind> = {}): Ind {
  return {
    indicatorId: `id-${code}`,
    code,
    name: `Indikator ${code}`,
    satuan: '%',
    sasaranId,
    polarity: 'HIGHER_IS_BETTER',
    aggregation: 'LAST_VALUE',
    target: { annual: '80' },
    realisations: [1, 2, 3, 4].map((quarter) => ({ quarter, value: String(70 + quarter) })),
    capaian: { display: '92.50', exact: '92.5' },
    category: { code: 'ST', label: 'Sangat Tinggi' },
    notComputable: null,
    ...o,
  };
}

const report = (indicators: Ind[]): CapaianReportInput => ({
  indicators,
  bySasaran: [
    { sasaranId: 's1', mean: { display: '92.50' } },
    { sasaranId: 's2', mean: null },
  ],
  skpd: { mean: { display: '92.50' } },
});

const plan = (
  code: string,
  endTarget: string | null,
  polarity: IndicatorPlan['polarity'] = 'HIGHER_IS_BETTER',
): [string, IndicatorPlan] => [`id-${code}`, { code, polarity, lowerIsBetterFormula: null, endTarget }];

describe('capaian table rows', () => {
  it.each([
    ['LAST_VALUE', ['1', '2', '3', '4'], '4'],
    ['LAST_VALUE', ['1', '2', '3', null], null],
    ['CUMULATIVE_SUM', ['1', '2.5', '3', '4'], '10.5'],
    ['CUMULATIVE_SUM', ['1', null, '3', '4'], null],
    ['AVERAGE', ['80', '82', null, '84'], '82'],
    ['AVERAGE', [null, null, null, null], null],
  ])('annual realisation %s of %j = %s', (aggregation, quarters, expected) =>
    expect(annualRealisation(aggregation, quarters)?.toFixed() ?? null).toBe(expected),
  );

  it.each([
    ['80', '80'],
    [{ lower: '2', upper: '4' }, '2 – 4'],
    [true, 'Ya'],
    [false, 'Tidak'],
    [null, ''],
  ])('target %j reads %s', (target, expected) => expect(targetText(target)).toBe(expected));

  it('groups by sasaran, takes capaian from the API output, compares with last year by code and with the end target', () => {
    const current = report([
      ind('I1', 's1'),
      ind('I2', 's2', {
        capaian: null,
        category: null,
        notComputable: 'MISSING_REALISATION',
        realisations: [{ quarter: 1, value: '5' }],
      }),
      ind('I3', 's1', {
        polarity: 'LOWER_IS_BETTER',
        target: { annual: '10' },
        capaian: { display: '110.00', exact: '110' },
      }),
    ]);
    const previous = report([ind('I1', 's1', { indicatorId: 'old', capaian: { display: '90.125', exact: '90.125' } })]);
    const table = buildCapaianTable({
      current,
      previous,
      sasaranNames: new Map([
        ['s1', { code: 'S1', name: 'Sasaran satu' }],
        ['s2', { code: 'S2', name: 'Sasaran dua' }],
      ]),
      plans: new Map([plan('I1', '100'), plan('I2', null), plan('I3', '8', 'LOWER_IS_BETTER')]),
      regionLowerIsBetterFormula: 'INVERSE_DIFF',
    });
    expect(table.rows.map((r) => [r.sasaranCode, r.indicatorCode])).toEqual([
      ['S1', 'I1'],
      ['S1', 'I3'],
      ['S2', 'I2'],
    ]);
    const [i1, i3, i2] = table.rows;
    expect(i1).toMatchObject({
      target: '80',
      quarters: ['71', '72', '73', '74'],
      annualRealisation: '74',
      capaian: '92.50',
      category: 'Sangat Tinggi',
    });
    // 92.5 − 90.125 = 2.375 → 2.38 (half-up on the exact difference); last year's realisation 74; 74 of end target 100.
    expect(i1).toMatchObject({
      previousCapaian: '90.125',
      capaianChange: '2.38',
      previousRealisation: '74',
      endTarget: '100',
      capaianToEndTarget: '74.00',
    });
    // Lower is better against end target 8, realisation 74: (2×8 − 74)/8 < 0 → floored at 0.
    expect(i3).toMatchObject({ capaianToEndTarget: '0.00', previousCapaian: null, capaianChange: null });
    expect(i2).toMatchObject({
      capaian: null,
      notComputable: 'MISSING_REALISATION',
      quarters: ['5', null, null, null],
      endTarget: null,
      capaianToEndTarget: null,
    });
    expect(table.bySasaran).toEqual([
      { sasaranCode: 'S1', sasaranName: 'Sasaran satu', mean: '92.50' },
      { sasaranCode: 'S2', sasaranName: 'Sasaran dua', mean: null },
    ]);
    expect(table.mean).toBe('92.50');
  });

  it('names the file after the subject and year', () =>
    expect(capaianFileName('Dinas-X', 2026)).toBe('Capaian-Kinerja-Dinas-X-2026.xlsx'));
});
