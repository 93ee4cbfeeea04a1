import { Exact } from '../../common/decimal/exact';
import { evaluationProgress, performanceIndex, previousQuarter, rankByIndex, trendOf } from './performance-index';

const D = (v: string) => new Exact(v);

describe('evaluationProgress', () => {
  it.each([
    [null, '0'],
    [{ status: 'SELF_ASSESSMENT', expected: 80, selfAnswered: 0, scored: 0 }, '0'],
    [{ status: 'SELF_ASSESSMENT', expected: 80, selfAnswered: 40, scored: 0 }, '16.666667'],
    [{ status: 'EVALUATION', expected: 80, selfAnswered: 80, scored: 80 }, '66.666667'],
    [{ status: 'FINAL', expected: 80, selfAnswered: 0, scored: 80 }, '100'],
  ])('%j → %s', (input, expected) => expect(evaluationProgress(input).toDecimalPlaces(6).toFixed()).toBe(expected));
});

describe('performanceIndex = 0.7 × capaian (0..100) + 0.3 × progress', () => {
  it.each([
    ['100', '100', '100'],
    ['120', '0', '70'], // overachievement counts at most 100
    ['-5', '50', '15'],
    [null, '100', '30'], // no computable capaian counts as 0
    ['87.5', '50', '76.25'],
  ])('capaian %s, progress %s → %s', (c, p, expected) =>
    expect(performanceIndex(c === null ? null : D(c), D(p)).toFixed()).toBe(expected),
  );
});

describe('ranking and trend', () => {
  it('competition ranking, ties in code order', () => {
    const ranked = rankByIndex([
      { code: 'B', index: D('50') },
      { code: 'A', index: D('50') },
      { code: 'C', index: D('70') },
      { code: 'D', index: D('10') },
    ]);
    expect(ranked.map((r) => `${r.rank}${r.code}`)).toEqual(['1C', '2A', '2B', '4D']);
  });
  it.each([
    ['50', '40', 'NAIK'],
    ['40', '50', 'TURUN'],
    ['50', '50', 'TETAP'],
    ['50', null, 'BARU'],
  ])('%s after %s → %s', (now, prev, trend) => expect(trendOf(D(now), prev === null ? null : D(prev))).toBe(trend));
  it.each([
    [2025, 1, 2024, 4],
    [2025, 3, 2025, 2],
  ])('quarter before %i Q%i is %i Q%i', (y, q, py, pq) =>
    expect(previousQuarter(y, q)).toEqual({ year: py, quarter: pq }),
  );
});
