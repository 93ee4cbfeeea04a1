import { Fraction } from '../../evaluation/domain/fraction';
import { buildTrend, trendFileName, type TrendSubject } from './trend';

const r = (year: number, total: string, predicate: string) => ({ year, total: Fraction.parseRatio(total), predicate });
const subject = (code: string, results: ReturnType<typeof r>[]): TrendSubject => ({
  skpdId: `id-${code}`,
  code,
  name: `Dinas ${code}`,
  results,
});

describe('multi-year trend rows', () => {
  it('spans every year any subject has, leaves gaps empty, orders SKPD by code (numeric), drops subjects without results', () => {
    const t = buildTrend(
      {
        skpdId: null,
        code: '35.01',
        name: 'Kabupaten X',
        results: [
          { ...r(2025, '1601/20', 'B'), source: 'OFFICIAL' },
          { ...r(2023, '60', 'CC'), source: 'OWN_SHEET' },
        ],
      },
      [
        subject('1.10', [r(2024, '70', 'B')]),
        subject('1.2', [r(2023, '2/3', 'D'), r(2025, '72.185', 'BB')]),
        subject('1.3', []),
      ],
    );
    expect(t.years).toEqual([2023, 2024, 2025]);
    expect(t.pemda!.cells).toEqual([
      { total: '60.00', predicate: 'CC', source: 'OWN_SHEET' },
      { total: null, predicate: null, source: null },
      { total: '80.05', predicate: 'B', source: 'OFFICIAL' },
    ]);
    expect(t.pemda!.change).toBe('20.05');
    expect(t.skpds.map((s) => s.code)).toEqual(['1.2', '1.10']);
    // 72.185 − 2/3 = 71.518333… → 71.52; 72.185 shows as 72.19 (half-up)
    expect(t.skpds[0]).toMatchObject({
      change: '71.52',
      cells: [
        { total: '0.67', predicate: 'D' },
        { total: null, predicate: null },
        { total: '72.19', predicate: 'BB' },
      ],
    });
    expect(t.skpds[1].change).toBeNull();
  });

  it.each([
    [null, [] as TrendSubject[], []],
    [{ skpdId: null, code: 'P', name: 'P', results: [] }, [], []],
  ])('no results at all → no years and no rows', (pemda, skpds, years) => {
    const t = buildTrend(pemda, skpds);
    expect([t.years, t.pemda, t.skpds]).toEqual([years, null, []]);
  });

  it('names the file after the region and years', () =>
    expect(trendFileName('Kab-X', 2021, 2025)).toBe('Tren-Nilai-SAKIP-Kab-X-2021-2025.xlsx'));
});
