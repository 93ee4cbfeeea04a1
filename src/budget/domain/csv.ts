import type { RawRow } from '../../common/excel/raw-cell';

/**
 * A CSV file (comma or semicolon separated, as Excel writes it in an Indonesian locale; fields may be quoted with
 * doubled quotes inside) as rows of text cells, numbered from 1. The separator is the one of the first line.
 */
export function parseCsv(text: string): RawRow[] {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const sep = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: RawRow[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let row = 1;
  const endRow = () => {
    cells.push(field);
    if (cells.some((c) => c.trim() !== ''))
      rows.push({
        row,
        cells: cells.map((c) =>
          c.trim() === '' ? { kind: 'empty' as const } : { kind: 'text' as const, text: c.trim() },
        ),
      });
    cells = [];
    field = '';
    row++;
  };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (ch === sep) {
      cells.push(field);
      field = '';
    } else if (ch === '\n') endRow();
    else if (ch !== '\r') field += ch;
  }
  if (field !== '' || cells.length) endRow();
  return rows;
}
