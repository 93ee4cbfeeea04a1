import { Fraction } from '../../evaluation/domain/fraction';
import { nationalRecapFileName, nationalRegionBlock } from './national-recap';

const res = (code: string, total: string, predicate: string) => ({
  code,
  name: `Dinas ${code}`,
  total: Fraction.parseRatio(total),
  predicate,
});
const REGION = { code: '35.01', name: 'Kabupaten X' };

describe('national recap rows', () => {
  it('ranks inside the region on exact totals (equal totals share a rank), shows 2 dp, summarises', () => {
    const block = nationalRegionBlock(
      REGION,
      [res('B', '80.005', 'BB'), res('A', '1601/20', 'A'), res('C', '16001/200', 'BB'), res('D', '50', 'C')],
      {
        total: Fraction.parseRatio('72.185'),
        predicate: 'BB',
        source: 'OFFICIAL',
      },
    )!;
    // B (80.005) and C (16001/200) are equal exactly: one shared rank 2, both shown 80.01; A = 1601/20 = 80.05.
    expect(block.rows.map((r) => [r.skpdCode, r.total, r.rank])).toEqual([
      ['A', '80.05', 1],
      ['B', '80.01', 2],
      ['C', '80.01', 2],
      ['D', '50.00', 4],
    ]);
    expect(block.rows[0]).toMatchObject({ regionCode: '35.01', regionName: 'Kabupaten X', predicate: 'A' });
    // mean = (80.05 + 80.005 + 80.005 + 50) / 4 = 72.515
    expect(block.summary).toEqual({
      regionCode: '35.01',
      regionName: 'Kabupaten X',
      count: 4,
      average: '72.52',
      best: '80.05',
      worst: '50.00',
      pemdaTotal: '72.19',
      pemdaPredicate: 'BB',
      pemdaSource: 'OFFICIAL',
    });
  });

  it.each([
    [[], null],
    [[res('A', '70', 'B')], { count: 1, pemdaTotal: null, pemdaPredicate: null, pemdaSource: null }],
  ])('with %j results', (results, summary) => {
    const block = nationalRegionBlock(REGION, results, null);
    if (summary === null) expect(block).toBeNull();
    else expect(block!.summary).toMatchObject(summary);
  });

  it('names the file after the year', () =>
    expect(nationalRecapFileName(2025)).toBe('Rekap-Predikat-SAKIP-Nasional-2025.xlsx'));
});
