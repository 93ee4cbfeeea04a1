import { predicateDistribution, trendChart } from './trend-chart';

const BANDS = [
  { predicate: 'AA', above: '90' },
  { predicate: 'A', above: '80' },
  { predicate: 'BB', above: '70' },
  { predicate: 'B', above: '60' },
  { predicate: 'CC', above: '50' },
  { predicate: 'C', above: '30' },
  { predicate: 'D', above: '0' },
];

describe('trendChart', () => {
  it('spreads years over the width and maps 0–100 to the plot height (top = 100)', () => {
    const c = trendChart(
      [
        { year: 2024, total: '65.5', predicate: 'B' },
        { year: 2022, total: '100', predicate: 'AA' },
        { year: 2023, total: null, predicate: null },
      ],
      BANDS,
    );
    expect(c.years.map((y) => y.year)).toEqual([2022, 2023, 2024]);
    expect(c.years.map((y) => y.x)).toEqual([64, 328, 592]);
    expect(c.dots).toEqual([
      { x: 64, y: 24, year: 2022, label: '100,00 (AA)' },
      { x: 592, y: round(24 + 220 * 0.345), year: 2024, label: '65,50 (B)' },
    ]);
    expect(c.line).toBe(`64,24 592,${round(24 + 220 * 0.345)}`);
    expect(c.plot).toEqual({ left: 64, right: 592, bottom: 244 });
    expect(c.target).toBeNull();
    expect(c.description).toBe('Nilai SAKIP Pemda per tahun: 2022 100,00 (AA); 2024 65,50 (B).');
  });

  it('draws a grid line per band bound above 0 and centres a single year', () => {
    const c = trendChart([{ year: 2025, total: '0', predicate: 'D' }], BANDS);
    expect(c.gridLines.map((g) => g.label)).toEqual(['AA > 90', 'A > 80', 'BB > 70', 'B > 60', 'CC > 50', 'C > 30']);
    expect(c.gridLines[0].y).toBe(round(24 + 220 * 0.1));
    expect(c.dots).toEqual([{ x: 328, y: 244, year: 2025, label: '0,00 (D)' }]);
  });

  it("draws the region's target at its band's lower bound and names it in the description", () => {
    const c = trendChart([{ year: 2025, total: '68.64', predicate: 'B' }], BANDS, { predicate: 'A', year: 2027 });
    expect(c.target).toEqual({ y: round(24 + 220 * 0.2), label: 'Target A (2027)' });
    expect(c.description).toBe('Nilai SAKIP Pemda per tahun: 2025 68,64 (B). Target: predikat A pada 2027.');
  });

  it('describes an empty history', () => {
    expect(trendChart([], BANDS)).toMatchObject({ line: '', dots: [], description: 'Belum ada nilai SAKIP Pemda.' });
  });
});

describe('predicateDistribution', () => {
  it('counts every band, best first, ignoring SKPD without a predicate', () => {
    expect(predicateDistribution(['B', 'BB', 'B', null, 'D'], BANDS)).toEqual([
      { predicate: 'AA', count: 0 },
      { predicate: 'A', count: 0 },
      { predicate: 'BB', count: 1 },
      { predicate: 'B', count: 2 },
      { predicate: 'CC', count: 0 },
      { predicate: 'C', count: 0 },
      { predicate: 'D', count: 1 },
    ]);
  });
});

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
