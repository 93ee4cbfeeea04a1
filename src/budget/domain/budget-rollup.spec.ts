import Decimal from 'decimal.js';
import { budgetWarnings, type BudgetLineInput, rollUpBy, totalsOf, totalsUnder } from './budget-rollup';

const d = (v: string | null) => (v === null ? null : new Decimal(v));
const line = (code: string, pagu: string, revised: string | null, q: (string | null)[]): BudgetLineInput => ({
  code,
  paguOriginal: d(pagu)!,
  paguRevised: d(revised),
  realisation: q.map(d) as unknown as BudgetLineInput['realisation'],
});

// Hand-computed: program 1.02.02 has two kegiatan; 1.02.02.2.01 has a revised (APBD-P) sub-kegiatan.
const A = line('1.02.02.2.01.0001', '100000000', '80000000', ['10000000', '20000000', '30000000', '10000000']);
const B = line('1.02.02.2.01.0002', '50000000', null, ['5000000', null, '5000000', null]);
const C = line('1.02.02.2.02.0001', '0', null, [null, null, null, null]);
const D = line('1.02.03.2.01.0001', '40000000', null, ['10000000', '10000000', '15000000', '10000000']); // above pagu
const LINES = [A, B, C, D];

describe('budget roll-ups (hand-computed)', () => {
  it('uses the revised pagu where there is one and sums quarters exactly', () => {
    const t = totalsOf(LINES);
    expect(t.paguOriginal.toFixed()).toBe('190000000');
    expect(t.pagu.toFixed()).toBe('170000000'); // 80 + 50 + 0 + 40 million
    expect(t.realisation.map((q) => q.toFixed())).toEqual(['25000000', '30000000', '50000000', '20000000']);
    expect(t.realisationTotal.toFixed()).toBe('125000000');
    expect(t.serapan!.toFixed(10)).toBe('73.5294117647'); // 125 / 170
    expect(t.revisedLines).toBe(1);
    expect(t.quartersWithout).toEqual([]);
    expect(t.linesWithoutRealisation).toBe(1);
  });

  it('rolls up to kegiatan and program', () => {
    const keg = rollUpBy(LINES, 'KEGIATAN');
    expect(
      keg.map((k) => [
        k.code,
        k.totals.pagu.toFixed(),
        k.totals.realisationTotal.toFixed(),
        k.totals.serapan?.toFixed(4),
      ]),
    ).toEqual([
      ['1.02.02.2.01', '130000000', '80000000', '61.5385'],
      ['1.02.02.2.02', '0', '0', undefined],
      ['1.02.03.2.01', '40000000', '45000000', '112.5000'],
    ]);
    const prog = rollUpBy(LINES, 'PROGRAM');
    expect(prog.map((p) => [p.code, p.totals.pagu.toFixed(), p.totals.realisationTotal.toFixed()])).toEqual([
      ['1.02.02', '130000000', '80000000'],
      ['1.02.03', '40000000', '45000000'],
    ]);
  });

  it('zero pagu gives no serapan rather than a division by zero', () => {
    expect(totalsOf([C]).serapan).toBeNull();
    expect(totalsOf([]).serapan).toBeNull();
  });

  it('counts only quarters up to the one asked, and lists quarters nobody reported', () => {
    const t = totalsOf([B], 2);
    expect(t.realisationTotal.toFixed()).toBe('5000000');
    expect(t.serapan!.toFixed()).toBe('10');
    expect(t.quartersWithout).toEqual([2]);
    expect(totalsOf([B]).quartersWithout).toEqual([2, 4]);
  });

  it('revised budget mid-year: TW I–II against the revised pagu', () => {
    const t = totalsOf([A], 2);
    expect(t.serapan!.toFixed()).toBe('37.5'); // 30 of 80 million (not of the original 100)
  });

  it('sums the lines under linked codes once', () => {
    const t = totalsUnder(LINES, ['1.02.02', '1.02.02.2.01']);
    expect(t.lines).toBe(3);
    expect(t.pagu.toFixed()).toBe('130000000');
  });

  it('warns about realisation above pagu, empty quarters and programs serving no sasaran', () => {
    const w = budgetWarnings([B, D], new Set(['1.02.02']));
    expect(w.map((x) => [x.code, x.subject])).toEqual([
      ['REALISATION_ABOVE_PAGU', '1.02.03.2.01.0001'],
      ['PROGRAM_WITHOUT_INDICATOR', '1.02.03'],
    ]);
    expect(budgetWarnings([B], new Set(['1.02.02'])).map((x) => x.subject)).toEqual(['TW 2', 'TW 4']);
  });
});
