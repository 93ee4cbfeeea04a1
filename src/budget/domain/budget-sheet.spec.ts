import type { RawCell, RawRow } from '../../common/excel/raw-cell';
import { parseRupiah, readDpaSheet, readRealisationSheet } from './budget-sheet';

const cell = (v: string | number | null): RawCell =>
  v === null ? { kind: 'empty' } : typeof v === 'number' ? { kind: 'number', value: v } : { kind: 'text', text: v };
const row = (n: number, ...values: (string | number | null)[]): RawRow => ({ row: n, cells: values.map(cell) });
const CTX = { skpdCode: '1.02.01', subKegiatan: new Set(['1.02.02.2.01.0001', '1.02.02.2.01.0002']) };

describe('parseRupiah', () => {
  it.each([
    [cell(1500000), '1500000'],
    [cell('1.500.000'), '1500000'],
    [cell('Rp 1.500.000,00'), '1500000'],
    [cell('1500000'), '1500000'],
    [cell(null), null],
  ])('%o → %s', (c, expected) => {
    const r = parseRupiah(c);
    expect('value' in r ? (r.value?.toFixed() ?? null) : r.code).toBe(expected);
  });
  it.each([
    [cell(1500.5), 'INVALID_AMOUNT'],
    [cell(-1), 'INVALID_AMOUNT'],
    [cell(1e16), 'INVALID_AMOUNT'],
    [cell('1,5 juta'), 'TEXT_IN_NUMBER_CELL'],
    [{ kind: 'formula', formula: 'SUM(A1:A2)' } as RawCell, 'FORMULA_NOT_ALLOWED'],
  ])('%o is refused (%s)', (c, code) => expect(parseRupiah(c)).toMatchObject({ code }));
});

describe('DPA and realisation sheets', () => {
  it('finds the header under a title with varied header texts', () => {
    const wb = {
      sheet: 'DPA',
      rows: [
        row(1, 'DOKUMEN PELAKSANAAN ANGGARAN'),
        row(3, 'No', 'KODE OPD', 'Kode Sub-Kegiatan', 'Uraian', 'Pagu DPA', 'Pagu DPA-P'),
        row(4, 1, '1.02.01', '1.02.02.2.01.0001', 'A', 1000, 900),
        row(5, 2, '1.02.01', '1.02.02.2.01.0002', 'B', '2.000', null),
      ],
    };
    const r = readDpaSheet(wb, CTX);
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => [x.row, x.code, x.pagu.toFixed(), x.revised?.toFixed() ?? null])).toEqual([
      [4, '1.02.02.2.01.0001', '1000', '900'],
      [5, '1.02.02.2.01.0002', '2000', null],
    ]);
  });

  it('names the missing columns', () => {
    const r = readDpaSheet({ sheet: 'DPA', rows: [row(1, 'Kode SKPD', 'Kode')] }, CTX);
    expect(r.problems).toMatchObject([{ code: 'HEADER_MISSING', row: 1 }]);
    expect(r.problems[0].message).toContain('"Pagu"');
  });

  it('reads realisation per quarter (empty = not reported) and refuses sub-kegiatan without a pagu', () => {
    const wb = {
      sheet: 'Realisasi',
      rows: [
        row(1, 'Kode SKPD', 'Kode Sub Kegiatan', 'Realisasi TW 1', 'Realisasi TW 2', 'Triwulan III', 'TW IV'),
        row(2, '1.02.01', '1.02.02.2.01.0001', 100, null, 300, 0),
        row(3, '1.02.01', '1.02.02.2.01.0002', 1, 1, 1, 1),
      ],
    };
    const r = readRealisationSheet(wb, { ...CTX, budgeted: new Set(['1.02.02.2.01.0001']) });
    expect(r.rows.map((x) => x.quarters.map((q) => q?.toFixed() ?? null))).toEqual([['100', null, '300', '0']]);
    expect(r.problems.map((p) => [p.row, p.column, p.code])).toEqual([[3, 'B', 'NOT_BUDGETED']]);
  });
});
