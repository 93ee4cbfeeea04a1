import { parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads comma and semicolon files with quotes, numbering rows from 1 and skipping blank lines', () => {
    expect(parseCsv('\uFEFFKode,Nama\r\n1,"Urusan ""wajib"", pelayanan dasar"\n\n1.02,Kesehatan\n')).toEqual([
      {
        row: 1,
        cells: [
          { kind: 'text', text: 'Kode' },
          { kind: 'text', text: 'Nama' },
        ],
      },
      {
        row: 2,
        cells: [
          { kind: 'text', text: '1' },
          { kind: 'text', text: 'Urusan "wajib", pelayanan dasar' },
        ],
      },
      {
        row: 4,
        cells: [
          { kind: 'text', text: '1.02' },
          { kind: 'text', text: 'Kesehatan' },
        ],
      },
    ]);
    expect(parseCsv('Kode;Nama\n1.02.02;Program, satu').map((r) => r.cells.length)).toEqual([2, 2]);
  });
});
