import Decimal from 'decimal.js';
import { columnLetter, type RawCell } from '../../../common/excel/raw-cell';
import {
  AGGREGATION_LABELS,
  COLUMNS,
  HEADER_ROW,
  parseNumberCell,
  PK_SHEET,
  POLARITY_LABELS,
  type RawWorkbook,
  readPkSheet,
  type SheetContext,
  type SheetIndicator,
  summarize,
  TEMPLATE_VERSION,
} from './pk-sheet';

const n = (value: number): RawCell => ({ kind: 'number', value });
const t = (text: string): RawCell => ({ kind: 'text', text });
const f = (formula: string): RawCell => ({ kind: 'formula', formula });
const E: RawCell = { kind: 'empty' };

const ind = (over: Partial<SheetIndicator> & { id: string; code: string }): SheetIndicator => ({
  satuan: 'orang',
  polarity: 'HIGHER_IS_BETTER',
  aggregation: 'CUMULATIVE_SUM',
  rangeMin: null,
  rangeMax: null,
  inAgreedPk: false,
  ...over,
});

const CTX: SheetContext = {
  skpdId: 'skpd-1',
  year: 2026,
  indicators: [
    ind({ id: 'id-a', code: 'IKU.1' }),
    ind({ id: 'id-b', code: 'IKU.2', aggregation: 'LAST_VALUE', satuan: '%' }),
    ind({ id: 'id-c', code: 'IKU.3', polarity: 'BINARY', aggregation: 'LAST_VALUE', inAgreedPk: true }),
  ],
};

const header = COLUMNS.map((c) => t(c.header));
const SUM = AGGREGATION_LABELS.CUMULATIVE_SUM;
const LAST = AGGREGATION_LABELS.LAST_VALUE;
const HIGH = POLARITY_LABELS.HIGHER_IS_BETTER;

/** A data row: id, code, name, satuan, polarity, aggregation, annual, TW I..IV. */
const row = (rowNo: number, ...cells: RawCell[]) => ({ row: rowNo, cells });
const wb = (rows: RawWorkbook['rows'], over: Partial<RawWorkbook> = {}): RawWorkbook => ({
  sheetNames: ['Petunjuk', PK_SHEET],
  header,
  rows,
  meta: { template: TEMPLATE_VERSION, skpdId: 'skpd-1', year: '2026' },
  ...over,
});
const where = (r: ReturnType<typeof readPkSheet>) =>
  r.problems.map((p) => `${p.row ?? '-'}${p.column ?? ''} ${p.code}`);

describe('columnLetter', () => {
  it.each([
    [1, 'A'],
    [11, 'K'],
    [26, 'Z'],
    [27, 'AA'],
    [703, 'AAA'],
  ])('%i → %s', (i, letter) => expect(columnLetter(i)).toBe(letter));
});

describe('parseNumberCell', () => {
  it.each<[string, RawCell, string | null]>([
    ['empty', E, null],
    ['integer', n(1200), '1200'],
    ['4 decimals', n(12.3456), '12.3456'],
    ['float noise from a cell computation is read at 15 digits', n(0.1 + 0.2), '0.3'],
    ['negative (rules decide later)', n(-5), '-5'],
  ])('%s', (_, cell, expected) => {
    const r = parseNumberCell(cell);
    expect('value' in r ? (r.value?.toFixed() ?? null) : r).toEqual(expected);
  });
  it.each<[string, RawCell, string]>([
    ['text', t('seratus'), 'TEXT_IN_NUMBER_CELL'],
    ['Indonesian number typed as text', t('1.234,5'), 'TEXT_IN_NUMBER_CELL'],
    ['formula', f('G5/4'), 'FORMULA_NOT_ALLOWED'],
    ['5 decimals', n(1.23456), 'NUMBER_OUT_OF_RANGE'],
    ['15 integer digits', n(123456789012345), 'NUMBER_OUT_OF_RANGE'],
    ['a date', { kind: 'other', what: 'tanggal' }, 'NOT_A_NUMBER'],
  ])('refuses %s', (_, cell, code) => expect(parseNumberCell(cell)).toMatchObject({ code }));
});

describe('readPkSheet', () => {
  it('reads valid rows by id, by code when the id is blank, and a row with empty targets as "not in PK"', () => {
    const r = readPkSheet(
      wb([
        row(
          5,
          t('id-a'),
          t('IKU.1'),
          t('Jumlah'),
          t('orang'),
          t(HIGH),
          t(SUM),
          n(1200),
          n(300),
          n(300),
          n(300),
          n(300),
        ),
        row(6, E, t('iku.2'), t('Persen'), t('%'), t('LOWER_IS_BETTER'), t(LAST), n(80), n(70), n(75), n(78), n(80)),
        row(7, t('id-c'), t('IKU.3'), t('Ada'), t('orang'), t(POLARITY_LABELS.BINARY), t(LAST)),
        row(8, E, E, E, E, E, E, E, E, E, E, E),
      ]),
      CTX,
    );
    expect(r.problems).toEqual([]);
    expect(
      r.rows.map((x) => [x.row, x.indicatorId, x.polarity, x.aggregation, x.targets?.annual.toFixed() ?? null]),
    ).toEqual([
      [5, 'id-a', 'HIGHER_IS_BETTER', 'CUMULATIVE_SUM', '1200'],
      [6, 'id-b', 'LOWER_IS_BETTER', 'LAST_VALUE', '80'],
      [7, 'id-c', 'BINARY', 'LAST_VALUE', null],
    ]);
  });

  it.each<[string, RawWorkbook, string[]]>([
    ['missing sheet', wb([], { header: null, sheetNames: ['Sheet1'] }), ['- SHEET_MISSING']],
    [
      'moved column',
      wb([], { header: [header[0], header[2], header[1], ...header.slice(3)] }),
      [`${HEADER_ROW}B HEADER_MISMATCH`, `${HEADER_ROW}C HEADER_MISMATCH`],
    ],
    [
      'template of another SKPD',
      wb([], { meta: { template: TEMPLATE_VERSION, skpdId: 'x', year: '2026' } }),
      ['- TEMPLATE_OTHER_PK'],
    ],
    ['a workbook without the template identity is judged by headers and ids', wb([], { meta: null }), []],
    ['an unrelated hidden sheet named like ours', wb([], { meta: { Kode: 'x' } }), []],
    ['an old template version', wb([], { meta: { template: 'sakip-pk-excel-v0' } }), ['- TEMPLATE_VERSION']],
    [
      'template of another year',
      wb([], { meta: { template: TEMPLATE_VERSION, skpdId: 'skpd-1', year: '2025' } }),
      ['- TEMPLATE_OTHER_PK'],
    ],
    [
      'text, formula and a date in number cells',
      wb([
        row(
          5,
          t('id-a'),
          t('IKU.1'),
          E,
          t('orang'),
          t(HIGH),
          t(SUM),
          t('1.200'),
          f('G5/4'),
          n(300),
          { kind: 'other', what: 'tanggal' },
          n(300),
        ),
      ]),
      ['5G TEXT_IN_NUMBER_CELL', '5H FORMULA_NOT_ALLOWED', '5J NOT_A_NUMBER'],
    ],
    [
      'duplicate code (second row by code)',
      wb([
        row(5, t('id-a'), t('IKU.1'), E, t('orang'), t(HIGH), t(SUM)),
        row(9, E, t('IKU.1'), E, t('orang'), t(HIGH), t(SUM)),
      ]),
      ['9B DUPLICATE_CODE'],
    ],
    [
      'unknown id, unknown code, changed code, missing code',
      wb([
        row(5, t('id-x'), t('IKU.1'), E, t('orang'), t(HIGH), t(SUM)),
        row(6, E, t('IKU.99'), E, t('orang'), t(HIGH), t(SUM)),
        row(7, t('id-a'), t('IKU.9'), E, t('orang'), t(HIGH), t(SUM)),
        row(8, E, E, E, t('orang'), t(HIGH), t(SUM)),
      ]),
      ['5A UNKNOWN_INDICATOR', '6B UNKNOWN_INDICATOR', '7B CODE_CHANGED', '8B CODE_MISSING'],
    ],
    [
      'dropdown values that are not in the lists, empty satuan',
      wb([row(5, t('id-a'), t('IKU.1'), E, E, t('naik'), t('jumlah'))]),
      ['5D SATUAN_MISSING', '5E INVALID_POLARITY', '5F INVALID_AGGREGATION'],
    ],
    [
      'quarters not adding up to the annual target (cumulative sum)',
      wb([row(5, t('id-a'), t('IKU.1'), E, t('orang'), t(HIGH), t(SUM), n(1200), n(300), n(300), n(300), n(299))]),
      ['5G QUARTER_SUM_MISMATCH'],
    ],
    [
      'TW IV differs from the annual target (last value), a missing TW',
      wb([row(5, t('id-b'), t('IKU.2'), E, t('%'), t(HIGH), t(LAST), n(80), E, n(75), n(78), n(79))]),
      ['5H QUARTER_TARGET_MISSING'],
    ],
    [
      'last value mismatch, checked with the aggregation chosen on the row',
      wb([row(5, t('id-a'), t('IKU.1'), E, t('orang'), t(HIGH), t(LAST), n(1200), n(300), n(300), n(300), n(300))]),
      ['5K LAST_QUARTER_MISMATCH'],
    ],
    [
      'binary: summed aggregation, target 2, and a change of an indicator an approved PK uses',
      wb([
        row(5, t('id-c'), t('IKU.3'), E, t('orang'), t(POLARITY_LABELS.BINARY), t(SUM), n(2), n(0), n(0), n(0), n(2)),
      ]),
      ['5F AGGREGATION_NOT_ALLOWED', '5F INDICATOR_IN_USE', '5G BINARY_TARGET', '5K BINARY_TARGET'],
    ],
    [
      'range polarity without bounds',
      wb([row(5, t('id-a'), t('IKU.1'), E, t('orang'), t(POLARITY_LABELS.RANGE), t(LAST))]),
      ['5E RANGE_LOWER_MISSING', '5E RANGE_UPPER_MISSING'],
    ],
  ])('%s', (_, book, expected) => {
    const r = readPkSheet(book, CTX);
    expect(where(r)).toEqual(expected);
    expect(r.problems.every((p) => p.sheet === PK_SHEET && p.message.length > 10)).toBe(true);
  });

  it('stays linear: 10,000 rows in well under 3 seconds (about 0.5 s on a busy CI core)', () => {
    const indicators = Array.from({ length: 10_000 }, (_, i) => ind({ id: `id-${i}`, code: `K.${i}` }));
    const rows = indicators.map((x, i) =>
      row(HEADER_ROW + 1 + i, t(x.id), t(x.code), E, t('orang'), t(HIGH), t(SUM), n(4), n(1), n(1), n(1), n(1)),
    );
    const started = Date.now();
    const r = readPkSheet(wb(rows), { ...CTX, indicators });
    expect([r.problems.length, r.rows.length]).toEqual([0, 10_000]);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('summarize', () => {
  it('counts added, updated, unchanged, removed and settings changes', () => {
    const d = (v: number) => new Decimal(v);
    const targets = (a: number) => ({ annual: d(a), quarters: [d(a / 4), d(a / 4), d(a / 4), d(a / 4)] as const });
    const s = summarize(
      [
        {
          row: 5,
          indicatorId: 'id-a',
          satuan: 'orang',
          polarity: 'HIGHER_IS_BETTER',
          aggregation: 'CUMULATIVE_SUM',
          targets: targets(8),
        },
        {
          row: 6,
          indicatorId: 'id-b',
          satuan: 'persen',
          polarity: 'HIGHER_IS_BETTER',
          aggregation: 'LAST_VALUE',
          targets: targets(4),
        },
        { row: 7, indicatorId: 'id-c', satuan: 'orang', polarity: 'BINARY', aggregation: 'LAST_VALUE', targets: null },
      ],
      [
        { indicatorId: 'id-a', annualTarget: d(8), quarters: [d(2), d(2), d(2), d(2)] },
        { indicatorId: 'id-c', annualTarget: d(1), quarters: [d(1), d(1), d(1), d(1)] },
      ],
      CTX,
    );
    expect(s).toEqual({
      rows: 3,
      inPk: 2,
      added: 1,
      updated: 0,
      unchanged: 1,
      removed: ['IKU.3'],
      settingsChanged: ['IKU.2'],
    });
  });
});
