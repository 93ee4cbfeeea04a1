import Decimal from 'decimal.js';
import { Exact, toFixedHalfUp } from '../../common/decimal/exact';
import { OrdinalLevel, computeOrdinalCapaian, ordinalScore } from './ordinal';

const d = (v: string | number): Decimal => new Exact(v);

/** One system's opini BPK map (§5.1); the map is tenant data. */
const OPINI: OrdinalLevel[] = [
  { code: 'TMP', score: d(1) },
  { code: 'TW', score: d(2) },
  { code: 'WDP', score: d(3) },
  { code: 'WTP', score: d(4) },
];

describe('ordinal indicators (§5.1, §5.3)', () => {
  it.each<[string | null, string | null, string]>([
    ['WTP', 'WDP', '75.00'],
    ['WTP', 'WTP', '100.00'],
    ['WDP', 'WTP', '133.33'],
    ['WTP', 'TMP', '25.00'],
    [' wtp ', 'Wdp', '75.00'],
    ['WTP', 'Wajar', 'UNKNOWN_CODE'],
    ['Wajar', 'WTP', 'UNKNOWN_CODE'],
    ['WTP', '', 'UNKNOWN_CODE'],
    [null, 'WTP', 'MISSING_TARGET'],
    ['WTP', null, 'MISSING_REALISATION'],
  ])('target %p, realisation %p → %s', (targetCode, realisationCode, expected) => {
    const result = computeOrdinalCapaian({ scale: OPINI, targetCode, realisationCode });
    expect(result.computable ? toFixedHalfUp(result.value, 2) : result.reason).toBe(expected);
  });

  it('a target scored 0 is a zero target, even when the realisation code is unknown', () => {
    const scale = [{ code: 'TIDAK ADA', score: d(0) }, ...OPINI];
    expect(computeOrdinalCapaian({ scale, targetCode: 'tidak  ada', realisationCode: 'WTP' })).toEqual({
      computable: false,
      reason: 'ZERO_TARGET',
    });
    expect(computeOrdinalCapaian({ scale, targetCode: 'TIDAK ADA', realisationCode: 'XYZ' })).toEqual({
      computable: false,
      reason: 'ZERO_TARGET',
    });
  });

  it('ordinalScore ignores case and spacing, returns null for an unknown code', () => {
    expect(ordinalScore('  wdp', OPINI)?.toFixed()).toBe('3');
    expect(ordinalScore('A', OPINI)).toBeNull();
  });
});
