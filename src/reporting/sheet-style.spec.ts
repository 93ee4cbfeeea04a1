import ExcelJS from 'exceljs';
import { exactQuantity, fitRow, LINE_HEIGHT, widthsFor, wrappedLineCount } from './sheet-style';

describe('row heights for wrapped text', () => {
  it.each([
    ['', 20, 1],
    ['Dinas Kesehatan', 20, 1],
    // 19 characters a line at width 20: words are not split.
    ['Dinas Pemberdayaan Perempuan dan Perlindungan Anak', 20, 3],
    ['baris satu\nbaris dua', 40, 2],
    // A word longer than a line is broken over lines.
    ['Subkomponenkomponenkomponen', 11, 3],
  ])('"%s" at width %i takes %i lines', (text, width, lines) => {
    expect(wrappedLineCount(text, width)).toBe(lines);
  });

  it('counts more lines for bold text', () => {
    const text = 'Evaluasi Akuntabilitas Kinerja Internal';
    expect(wrappedLineCount(text, 16, true)).toBeGreaterThan(wrappedLineCount(text, 30));
  });

  it('widens a column so no header word is broken', () => {
    const [width] = widthsFor(['Subkomponen'], [8]);
    expect(wrappedLineCount('Subkomponen', width, true)).toBe(1);
    expect(widthsFor(['No'], [6])).toEqual([6]);
  });

  it('sets a row as tall as its tallest wrapped cell and wraps its text', () => {
    const ws = new ExcelJS.Workbook().addWorksheet('x');
    ws.columns = [{ width: 20 }, { width: 60 }];
    const row = ws.getRow(1);
    row.values = ['Dinas Pemberdayaan Perempuan dan Perlindungan Anak', 72.19];
    fitRow(row);
    expect(row.height).toBe(3 * LINE_HEIGHT);
    expect(row.getCell(1).alignment).toEqual({ vertical: 'top', wrapText: true });
    expect(row.getCell(2).alignment).toEqual({ vertical: 'top' });
  });
});

describe('exactQuantity', () => {
  it.each([
    ['12.5', 12.5],
    ['1.50', 1.5],
    ['-0.0001', -0.0001],
    ['99999999999999.9999', '99999999999999.9999'],
    ['1234567890123.4567', '1234567890123.4567'],
    ['0.1', 0.1],
  ])('writes %s as %p: a number only when the number is exactly that decimal', (stored, cell) => {
    expect(exactQuantity(stored)).toBe(cell);
  });
  it('leaves an empty quantity empty', () => expect(exactQuantity(null)).toBeNull());
});
