import { ancestorAt, levelOf, parentCodeOf } from './nomenclature-code';
import { checkNomenclature } from './nomenclature-list';

describe('nomenclature codes', () => {
  it.each([
    ['1', 'URUSAN', null],
    ['1.02', 'BIDANG', '1'],
    ['1.02.02', 'PROGRAM', '1.02'],
    ['1.02.02.2.01', 'KEGIATAN', '1.02.02'],
    ['1.02.02.2.01.0001', 'SUB_KEGIATAN', '1.02.02.2.01'],
    ['X.XX.01', 'PROGRAM', 'X.XX'],
  ])('%s is %s with parent %s', (code, level, parent) => {
    expect(levelOf(code)).toBe(level);
    expect(parentCodeOf(code)).toBe(parent);
  });
  it.each(['', '1.2', '1.02.2', '1.02.02.2', '1.02.02.2.1', '1.02.02.2.01.001', '1.02.02.2.01.0001.1', 'a.02'])(
    'refuses %p',
    (code) => expect(levelOf(code)).toBeNull(),
  );
  it('finds ancestors', () => {
    expect(ancestorAt('1.02.02.2.01.0001', 'PROGRAM')).toBe('1.02.02');
    expect(ancestorAt('1.02.02.2.01.0001', 'KEGIATAN')).toBe('1.02.02.2.01');
    expect(ancestorAt('1.02.02', 'KEGIATAN')).toBeNull();
  });
});

describe('checkNomenclature', () => {
  const line = (row: number, code: string, name = 'Nama') => ({ row, code, name, columns: { code: 'A', name: 'B' } });
  it('accepts a complete hierarchy and parents already in the region', () => {
    const r = checkNomenclature(
      [line(2, '1.02.02'), line(3, '1.02.02.2.01'), line(4, ' 1.02.02.2.01.0001 ')],
      new Set(['1', '1.02']),
      'Nomenklatur',
    );
    expect(r.problems).toEqual([]);
    expect(r.entries.map((e) => [e.code, e.level, e.parentCode])).toEqual([
      ['1.02.02', 'PROGRAM', '1.02'],
      ['1.02.02.2.01', 'KEGIATAN', '1.02.02'],
      ['1.02.02.2.01.0001', 'SUB_KEGIATAN', '1.02.02.2.01'],
    ]);
  });
  it('reports format, duplicates, names and missing parents by row and column', () => {
    const r = checkNomenclature(
      [line(2, '1'), line(3, '1.2'), line(4, '1'), line(5, '1.02', ''), line(6, '1.02.02.2.01')],
      new Set(),
      'Nomenklatur',
    );
    expect(r.entries).toEqual([]);
    expect(r.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [3, 'A', 'CODE_FORMAT'],
      [4, 'A', 'DUPLICATE_CODE'],
      [5, 'B', 'NAME_MISSING'],
      [6, 'A', 'PARENT_MISSING'],
    ]);
    expect(r.problems[3].message).toContain('Induk 1.02.02');
  });
});
