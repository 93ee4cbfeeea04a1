import Decimal from 'decimal.js';
import { type BudgetLineInput, totalsOf } from './budget-rollup';
import { efficiencyOf, type EfficiencySettings } from './efficiency';

const d = (v: string | null) => (v === null ? null : new Decimal(v));
const budget = (pagu: string, q: (string | null)[], revised: string | null = null) =>
  totalsOf([
    {
      code: '1.02.02.2.01.0001',
      paguOriginal: d(pagu)!,
      paguRevised: d(revised),
      realisation: q.map(d) as unknown as BudgetLineInput['realisation'],
    },
  ]);
const DIFF5: EfficiencySettings = { rule: 'DIFFERENCE', tolerance: new Decimal(5) };
const DIFF0: EfficiencySettings = { rule: 'DIFFERENCE', tolerance: new Decimal(0) };
const RATIO: EfficiencySettings = { rule: 'RATIO', tolerance: new Decimal(0) };

describe('efficiency (capaian % vs serapan %)', () => {
  // serapan 90 % (900 of 1000)
  const spent90 = budget('1000', ['200', '300', '200', '200']);
  it.each([
    ['95', DIFF5, 'EFISIEN', '5'],
    ['85', DIFF5, 'EFISIEN', '-5'], // exactly at the tolerance
    ['84.99', DIFF5, 'TIDAK_EFISIEN', '-5.01'],
    ['89.99', DIFF0, 'TIDAK_EFISIEN', '-0.01'],
    ['90', DIFF0, 'EFISIEN', '0'],
    ['90', RATIO, 'EFISIEN', '0'],
    ['89', RATIO, 'TIDAK_EFISIEN', '-1'],
  ])('capaian %s with %o → %s', (capaian, settings, label, difference) => {
    const e = efficiencyOf(new Decimal(capaian), spent90, settings);
    expect([e.label, e.difference!.toFixed()]).toEqual([label, difference]);
  });

  it('ratio rule with a 10 % tolerance: capaian 81 of serapan 90 = 0.9 → efisien', () => {
    const e = efficiencyOf(new Decimal(81), spent90, { rule: 'RATIO', tolerance: new Decimal(10) });
    expect([e.label, e.ratio!.toFixed()]).toEqual(['EFISIEN', '0.9']);
    expect(efficiencyOf(new Decimal('80.99'), spent90, { rule: 'RATIO', tolerance: new Decimal(10) }).label).toBe(
      'TIDAK_EFISIEN',
    );
  });

  it('realisation above pagu: serapan 120 % needs capaian ≥ 115 with ±5', () => {
    const over = budget('1000', ['600', '600', null, null]);
    expect(over.serapan!.toFixed()).toBe('120');
    expect(efficiencyOf(new Decimal(100), over, DIFF5).label).toBe('TIDAK_EFISIEN');
    expect(efficiencyOf(new Decimal(115), over, DIFF5).label).toBe('EFISIEN');
  });

  it('revised budget: serapan against the DPA-P pagu', () => {
    const revised = budget('1000', ['400', '400', null, null], '800');
    expect(revised.serapan!.toFixed()).toBe('100');
    expect(efficiencyOf(new Decimal(96), revised, DIFF5).label).toBe('EFISIEN');
  });

  it.each([
    ['no budget', totalsOf([]), '90', 'NO_BUDGET'],
    ['zero pagu', budget('0', ['0', null, null, null]), '90', 'ZERO_PAGU'],
    ['no realisation', budget('1000', [null, null, null, null]), '90', 'NO_REALISATION'],
    ['no capaian', spent90, null, 'NO_CAPAIAN'],
  ])('%s → tidak dapat dihitung (%s)', (_, totals, capaian, reason) => {
    const e = efficiencyOf(d(capaian), totals, DIFF5);
    expect([e.label, e.reason, e.difference]).toEqual(['TIDAK_DAPAT_DIHITUNG', reason, null]);
  });

  it('missing quarters still compute on what was reported', () => {
    const partial = budget('1000', ['250', null, '250', null]);
    expect(efficiencyOf(new Decimal(40), partial, DIFF5).label).toBe('TIDAK_EFISIEN'); // 40 vs 50
  });
});
