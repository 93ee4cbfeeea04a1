import Decimal from 'decimal.js';
import { Exact } from '../../common/decimal/exact';
import { computable, notComputable } from './capaian';
import {
  CapaianBand,
  PERMENDAGRI_86_2017_BANDS,
  capaianCategory,
  categoryOfResult,
  validateCapaianBands,
} from './category';
import { InvalidCapaianBandsError } from './performance.errors';

const d = (v: string | number): Decimal => new Exact(v);

/**
 * Permendagri 86/2017 prints integer bands with gaps: ≥ 91 ST, 76–90 T, 66–75 S, 51–65 R, ≤ 50 SR.
 * Rule chosen (domain reference §5.6): half-open intervals on the UNROUNDED value, each band owning its lower edge —
 * [91, ∞) ST, [76, 91) T, [66, 76) S, [51, 66) R, (−∞, 51) SR. So a value in a printed gap belongs to the band BELOW
 * the next integer edge: 50.5 → SR, 65.5 → R, 75.5 → S, 90.5 → T; 90.99 is still T. The value is never rounded first
 * (rounding 90.5 half-up to 91 would make it ST).
 */
describe('capaianCategory, Permendagri 86/2017 bands', () => {
  it.each([
    ['-5', 'SR'],
    ['0', 'SR'],
    ['50', 'SR'],
    ['50.5', 'SR'],
    ['50.99', 'SR'],
    ['51', 'R'],
    ['65', 'R'],
    ['65.5', 'R'],
    ['66', 'S'],
    ['75', 'S'],
    ['75.5', 'S'],
    ['75.9999999999', 'S'],
    ['76', 'T'],
    ['90', 'T'],
    ['90.5', 'T'],
    ['90.99', 'T'],
    ['91', 'ST'],
    ['100', 'ST'],
    ['130', 'ST'],
  ])('%s → %s', (value, code) => expect(capaianCategory(d(value)).code).toBe(code));

  it('labels follow the regulation', () => {
    expect(PERMENDAGRI_86_2017_BANDS.map((b) => `${b.code}=${b.label}`)).toEqual([
      'ST=Sangat Tinggi',
      'T=Tinggi',
      'S=Sedang',
      'R=Rendah',
      'SR=Sangat Rendah',
    ]);
  });

  it('a not-computable result has no category ("n/a" is not Sangat Rendah)', () => {
    expect(categoryOfResult(notComputable('ZERO_TARGET'))).toBeNull();
    expect(categoryOfResult(computable(d(95)))?.code).toBe('ST');
  });

  describe('tenant band tables', () => {
    const berhasil: CapaianBand[] = [
      { code: 'KURANG', label: 'Kurang Berhasil', min: null },
      { code: 'SANGAT', label: 'Sangat Berhasil', min: d(100) },
      { code: 'CUKUP', label: 'Cukup Berhasil', min: d(55) },
      { code: 'BERHASIL', label: 'Berhasil', min: d(75) },
    ];
    it.each([
      ['54.99', 'KURANG'],
      ['55', 'CUKUP'],
      ['74.99', 'CUKUP'],
      ['75', 'BERHASIL'],
      ['99.99', 'BERHASIL'],
      ['100', 'SANGAT'],
    ])('in any order: %s → %s', (value, code) => expect(capaianCategory(d(value), berhasil).code).toBe(code));

    it.each<[string, CapaianBand[]]>([
      ['empty', []],
      ['no floor band', [{ code: 'A', label: 'A', min: d(1) }]],
      [
        'two floor bands',
        [
          { code: 'A', label: 'A', min: null },
          { code: 'B', label: 'B', min: null },
        ],
      ],
      [
        'duplicate codes',
        [
          { code: 'A', label: 'A', min: null },
          { code: 'A', label: 'A', min: d(1) },
        ],
      ],
      [
        'shared edge',
        [
          { code: 'A', label: 'A', min: null },
          { code: 'B', label: 'B', min: d(1) },
          { code: 'C', label: 'C', min: d('1.0') },
        ],
      ],
      [
        'edge not finite',
        [
          { code: 'A', label: 'A', min: null },
          { code: 'B', label: 'B', min: d(NaN) },
        ],
      ],
    ])('rejects a table with %s', (_label, bands) => {
      expect(() => validateCapaianBands(bands)).toThrow(InvalidCapaianBandsError);
    });
  });
});
