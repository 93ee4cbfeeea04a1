import Decimal from 'decimal.js';
import { Exact } from '../../common/decimal/exact';
import { Quarterly } from '../../planning/domain/indicator-settings';
import { computable, notComputable } from './capaian';
import {
  DataQualityInput,
  DataQualityWarning,
  checkDataQuality,
  comparableYearValue,
  hasCumulativeTargets,
  introducedWarnings,
} from './data-quality';

const d = (v: string | number): Decimal => new Exact(v);
const q = (...values: (string | null)[]): Quarterly<Decimal | null> =>
  values.map((v) => (v === null ? null : d(v))) as unknown as Quarterly<Decimal | null>;

const base: DataQualityInput = {
  aggregation: 'LAST_VALUE',
  quarterTargets: q('20', '45', '70', '100'),
  realisations: q('18', '47', '66', '97'),
};
const codes = (input: DataQualityInput) => checkDataQuality(input).map((w) => `${w.code}@${w.quarter ?? '-'}`);

describe('checkDataQuality (issue 6 item 5: warnings, never blocking)', () => {
  it('says how the total to date went down (Indonesian figures)', () => {
    const [warning] = checkDataQuality({
      aggregation: 'CUMULATIVE_SUM',
      quarterTargets: q('300', '300', '300', '300'),
      realisations: q('30', '-10', null, null),
    });
    expect(warning.message).toBe(
      'Total realisasi s.d. TW II (20) lebih kecil dari total s.d. TW I (30) karena realisasi TW II negatif (-10). ' +
        'Periksa kembali angka yang diisikan.',
    );
  });

  it('clean entry → no warnings', () => expect(codes(base)).toEqual([]));

  it.each<[string, Partial<DataQualityInput>, string[]]>([
    [
      'cumulative realisation going down (TW III < TW II)',
      { realisations: q('18', '47', '40', '97') },
      ['REALISATION_DECREASED@3'],
    ],
    [
      'a decrease across an unreported quarter',
      { realisations: q('18', '47', null, '30') },
      ['REALISATION_DECREASED@4'],
    ],
    [
      'flat targets (an index) are levels: a dip is fine',
      { quarterTargets: q('85', '85', '85', '85'), realisations: q('86', '84', '85', '85') },
      [],
    ],
    [
      'explicit CUMULATIVE mode on flat targets',
      {
        quarterTargets: q('85', '85', '85', '85'),
        realisations: q('86', '84', '85', '85'),
        quarterlyTargetMode: 'CUMULATIVE',
      },
      ['REALISATION_DECREASED@2'],
    ],
    [
      'explicit INCREMENTAL mode switches the check off',
      { realisations: q('18', '47', '40', '97'), quarterlyTargetMode: 'INCREMENTAL' },
      [],
    ],
    [
      'CUMULATIVE_SUM quarters are increments: going down is normal',
      {
        aggregation: 'CUMULATIVE_SUM',
        quarterTargets: q('300', '300', '300', '300'),
        realisations: q('400', '250', null, null),
      },
      [],
    ],
    [
      'CUMULATIVE_SUM: a negative entry takes the total to date down (30 → 20)',
      {
        aggregation: 'CUMULATIVE_SUM',
        quarterTargets: q('300', '300', '300', '300'),
        realisations: q('30', '-10', '300', null),
      },
      ['REALISATION_DECREASED@2'],
    ],
    [
      'CUMULATIVE_SUM: a negative entry in TW I has no earlier total to go down from',
      {
        aggregation: 'CUMULATIVE_SUM',
        quarterTargets: q('300', '300', '300', '300'),
        realisations: q('-5', '10', null, null),
      },
      [],
    ],
    [
      'a view to TW I ignores later quarters (decrease at TW III, evidence of TW II)',
      { realisations: q('18', '47', '40', '97'), hasEvidence: [true, false, true, true], upTo: 1 },
      [],
    ],
    [
      'a view to TW III sees TW I..III only',
      { realisations: q('18', '47', '66', '30'), hasEvidence: [true, false, true, false], upTo: 3 },
      ['MISSING_EVIDENCE@2'],
    ],
    [
      'realisation without evidence (only reported quarters)',
      { realisations: q('18', '47', null, null), hasEvidence: [true, false, false, false] },
      ['MISSING_EVIDENCE@2'],
    ],
    ['capaian 150 is not above 150', { capaian: computable(d(150)) }, []],
    ['capaian 150.01 is above 150', { capaian: computable(d('150.01')) }, ['CAPAIAN_VERY_HIGH@-']],
    ['a custom threshold', { capaian: computable(d(121)), options: { capaianAbove: d(120) } }, ['CAPAIAN_VERY_HIGH@-']],
    ['a not-computable capaian is not "very high"', { capaian: notComputable('ZERO_TARGET') }, []],
    [
      'year over year: exactly 50 % away is fine',
      { realisations: q('18', '47', '66', '150'), previousYearRealisation: d(100) },
      [],
    ],
    [
      'year over year: more than 50 % above',
      { realisations: q('18', '47', '66', '151'), previousYearRealisation: d(100) },
      ['FAR_FROM_PREVIOUS_YEAR@-'],
    ],
    [
      'year over year: more than 50 % below',
      {
        quarterTargets: q('85', '85', '85', '85'),
        realisations: q('50', '49', null, null),
        previousYearRealisation: d(100),
      },
      ['FAR_FROM_PREVIOUS_YEAR@-'],
    ],
    [
      'year over year: mid-year position of cumulative targets is not compared',
      { realisations: q('18', '47', null, null), previousYearRealisation: d(100) },
      [],
    ],
    [
      'year over year: last year 0, this year 0',
      { realisations: q('0', '0', '0', '0'), quarterTargets: q('0', '0', '0', '0'), previousYearRealisation: d(0) },
      [],
    ],
    [
      'year over year: last year 0, this year 5',
      { realisations: q('0', '0', '0', '5'), quarterTargets: q('0', '0', '0', '0'), previousYearRealisation: d(0) },
      ['FAR_FROM_PREVIOUS_YEAR@-'],
    ],
    [
      'all at once, in a stable order',
      {
        realisations: q('18', '47', '40', '200'),
        hasEvidence: [true, true, false, true],
        capaian: computable(d(200)),
        previousYearRealisation: d(90),
      },
      ['REALISATION_DECREASED@3', 'MISSING_EVIDENCE@3', 'CAPAIAN_VERY_HIGH@-', 'FAR_FROM_PREVIOUS_YEAR@-'],
    ],
  ])('%s', (_label, change, expected) => expect(codes({ ...base, ...change })).toEqual(expected));

  it('messages are Indonesian with Indonesian number format', () => {
    const [decrease, high, far] = checkDataQuality({
      ...base,
      realisations: q('18', '1234.5', '1000', '2000'),
      capaian: computable(d('166.666')),
      previousYearRealisation: d(1000),
    });
    expect(decrease.message).toContain('Realisasi TW III (1.000) lebih kecil dari realisasi TW II (1.234,5)');
    expect(high.message).toContain('Capaian 166,67% melebihi 150%');
    expect(far.message).toContain('berbeda 100,00%');
  });

  it.each<[string, Partial<DataQualityInput>, string | null]>([
    ['SUM: all four quarters', { aggregation: 'CUMULATIVE_SUM', realisations: q('1', '2', '3', '4') }, '10'],
    ['SUM: not before TW IV', { aggregation: 'CUMULATIVE_SUM', realisations: q('1', '2', '3', null) }, null],
    ['LAST with rising targets: TW IV only', { realisations: q('1', '2', '3', null) }, null],
    [
      'LAST with level targets: the last reported',
      { quarterTargets: q('85', '85', '85', '85'), realisations: q('1', '2', null, null) },
      '2',
    ],
    ['AVERAGE: mean of reported', { aggregation: 'AVERAGE', realisations: q('1', null, '2', null) }, '1.5'],
    ['nothing reported', { realisations: q(null, null, null, null) }, null],
  ])('comparableYearValue %s', (_label, change, expected) => {
    const value = comparableYearValue({ ...base, ...change });
    expect(value === null ? null : value.toFixed()).toBe(expected);
  });

  it.each<[string, Partial<DataQualityInput>, boolean]>([
    ['rising LAST_VALUE targets', {}, true],
    ['flat LAST_VALUE targets', { quarterTargets: q('85', '85', '85', '85') }, false],
    ['falling LAST_VALUE targets (lower is better)', { quarterTargets: q('12', '11', '10', '9') }, false],
    ['a missing target', { quarterTargets: q('20', null, '70', '100') }, false],
    ['CUMULATIVE_SUM never', { aggregation: 'CUMULATIVE_SUM' }, false],
  ])('hasCumulativeTargets: %s', (_label, change, expected) =>
    expect(hasCumulativeTargets({ ...base, ...change })).toBe(expected),
  );
});

describe('introducedWarnings', () => {
  const w = (
    code: DataQualityWarning['code'],
    quarter: DataQualityWarning['quarter'],
    message = 'm',
  ): DataQualityWarning => ({
    code,
    quarter,
    message,
  });
  it.each<[string, DataQualityWarning[], DataQualityWarning[], DataQualityWarning[]]>([
    ['nothing before: all are new', [], [w('MISSING_EVIDENCE', 1)], [w('MISSING_EVIDENCE', 1)]],
    ['the same warning again is not new', [w('MISSING_EVIDENCE', 1)], [w('MISSING_EVIDENCE', 1)], []],
    [
      'same code, another quarter is new',
      [w('MISSING_EVIDENCE', 1)],
      [w('MISSING_EVIDENCE', 2)],
      [w('MISSING_EVIDENCE', 2)],
    ],
    [
      'changed figures (message) are new',
      [w('CAPAIAN_VERY_HIGH', null, '160')],
      [w('CAPAIAN_VERY_HIGH', null, '170')],
      [w('CAPAIAN_VERY_HIGH', null, '170')],
    ],
    [
      'a fixed problem introduces nothing',
      [w('MISSING_EVIDENCE', 1), w('REALISATION_DECREASED', 2)],
      [w('MISSING_EVIDENCE', 1)],
      [],
    ],
  ])('%s', (_label, before, after, expected) => expect(introducedWarnings(before, after)).toEqual(expected));
});
