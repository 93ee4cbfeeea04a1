import Decimal from 'decimal.js';
import { rollUpContributions } from './crosscut-rollup';

const d = (v: string | null) => (v === null ? null : new Decimal(v));
const c = (share: string | null, sub: string | null) => ({ sharePercent: d(share), subTarget: d(sub) });

describe('rollUpContributions', () => {
  it.each([
    ['no contributions', '1000', [], [], '0', '0', 'NO_CONTRIBUTIONS'],
    ['shares summing to 100', '1000', [c('40', null), c('60', null)], ['400', '600'], '100', '1000', 'BALANCED'],
    [
      'share and sub-target, under',
      '1000',
      [c('33.3333', null), c(null, '250.5')],
      ['333.333', '250.5'],
      '33.3333',
      '583.833',
      'UNDER',
    ],
    ['sub-targets over', '10', [c(null, '6'), c(null, '4.0001')], ['6', '4.0001'], '0', '10.0001', 'OVER'],
    ['exactness: 0.1 + 0.2 = 0.3', '0.3', [c(null, '0.1'), c(null, '0.2')], ['0.1', '0.2'], '0', '0.3', 'BALANCED'],
  ])('%s', (_, target, contributions, effective, share, rolled, status) => {
    const r = rollUpContributions(d(target), contributions);
    expect(r.effective.map((e) => e?.toFixed() ?? null)).toEqual(effective);
    expect([r.totalSharePercent.toFixed(), r.rolledUpTarget?.toFixed() ?? null, r.status]).toEqual([
      share,
      rolled,
      status,
    ]);
  });

  it('cannot apply a share without a Pemda target', () => {
    const r = rollUpContributions(null, [c('50', null), c(null, '5')]);
    expect([r.effective.map((e) => e?.toFixed() ?? null), r.rolledUpTarget, r.status]).toEqual([
      [null, '5'],
      null,
      'NO_PEMDA_TARGET',
    ]);
  });
});
