import { type SheetProblem } from '../../common/excel/raw-cell';
import {
  CODE_EXAMPLE,
  LEVEL_LABELS,
  levelOf,
  type NomenclatureLevel,
  normalizeCode,
  parentCodeOf,
} from './nomenclature-code';

/** One line of a region's nomenclature file, as read from CSV or xlsx (1-based row for messages). */
export interface NomenclatureLine {
  row: number;
  /** Column letters of the code and the name in the file. */
  columns: { code: string; name: string };
  code: string;
  name: string;
}

export interface NomenclatureEntry {
  code: string;
  level: NomenclatureLevel;
  parentCode: string | null;
  name: string;
}

export const MAX_NAME_LENGTH = 500;

/**
 * Checks a nomenclature list: every code well formed, once, with a name, and its parent present in the file or in
 * the region's list already (`existing`). Problems carry sheet/row/column and an Indonesian message.
 */
export function checkNomenclature(
  lines: readonly NomenclatureLine[],
  existing: ReadonlySet<string>,
  sheet: string,
): { entries: NomenclatureEntry[]; problems: SheetProblem[] } {
  const problems: SheetProblem[] = [];
  const entries: NomenclatureEntry[] = [];
  const at = (row: number, column: string, code: string, message: string) =>
    problems.push({ sheet, row, column, code, message });
  const firstRow = new Map<string, number>();
  const codeColumn = new Map<string, string>();
  for (const line of lines) {
    const code = normalizeCode(line.code);
    const level = levelOf(code);
    if (!code) {
      at(line.row, line.columns.code, 'CODE_MISSING', 'Kode kosong.');
      continue;
    }
    if (!level) {
      at(
        line.row,
        line.columns.code,
        'CODE_FORMAT',
        `Kode "${line.code.slice(0, 40)}" tidak berbentuk kode nomenklatur (contoh ${CODE_EXAMPLE}).`,
      );
      continue;
    }
    const first = firstRow.get(code);
    if (first !== undefined) {
      at(line.row, line.columns.code, 'DUPLICATE_CODE', `Kode ${code} sudah tercantum pada baris ${first}.`);
      continue;
    }
    firstRow.set(code, line.row);
    codeColumn.set(code, line.columns.code);
    const name = line.name.trim();
    if (!name) at(line.row, line.columns.name, 'NAME_MISSING', `Nama ${LEVEL_LABELS[level]} ${code} kosong.`);
    else if (name.length > MAX_NAME_LENGTH)
      at(line.row, line.columns.name, 'NAME_TOO_LONG', `Nama paling panjang ${MAX_NAME_LENGTH} karakter.`);
    else entries.push({ code, level, parentCode: parentCodeOf(code), name });
  }
  for (const e of entries) {
    if (e.parentCode !== null && !firstRow.has(e.parentCode) && !existing.has(e.parentCode))
      at(
        firstRow.get(e.code)!,
        codeColumn.get(e.code)!,
        'PARENT_MISSING',
        `Induk ${e.parentCode} dari ${LEVEL_LABELS[e.level]} ${e.code} tidak ada di berkas maupun nomenklatur daerah.`,
      );
  }
  return { entries: problems.length ? [] : entries, problems };
}

/** The columns of a nomenclature file (xlsx or CSV): the code and its name, under any of these header texts. */
export const NOMENCLATURE_COLUMNS = [
  {
    key: 'code',
    label: 'Kode',
    required: true,
    aliases: ['kode', 'kode nomenklatur', 'kode rekening', 'kode program kegiatan'],
  },
  { key: 'name', label: 'Nama', required: true, aliases: ['nama', 'nomenklatur', 'uraian', 'nama nomenklatur'] },
] as const;
