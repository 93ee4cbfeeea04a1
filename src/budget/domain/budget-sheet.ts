import type Decimal from 'decimal.js';
import { columnLetter, EMPTY, type RawCell, type RawRow, type SheetProblem } from '../../common/excel/raw-cell';
import { Exact } from '../../common/decimal/exact';
import { CODE_EXAMPLE, levelOf, normalizeCode } from './nomenclature-code';
import { MAX_RUPIAH_DIGITS } from './money';
import type { Quarterly } from './budget-rollup';

/**
 * The budget workbooks as SIPD exports them (DPA / DPA-P, and the realisation per quarter): the first sheet (or the
 * sheet named like the kind), a header row found among the first rows by its texts, then one sub-kegiatan per row.
 * Header texts vary between exports and regions, so each column is recognised by a list of accepted spellings
 * (case, spaces, dots and dashes ignored). Pure: the exceljs adapter hands RawCells in.
 */

export type BudgetFileKind = 'DPA' | 'REALISATION';

export interface BudgetColumnSpec {
  key: string;
  label: string;
  required: boolean;
  aliases: readonly string[];
}

const SKPD = {
  key: 'skpd',
  label: 'Kode SKPD',
  required: true,
  aliases: ['kode skpd', 'kode opd', 'kode unit', 'kode perangkat daerah', 'kode unit skpd'],
};
const CODE = {
  key: 'code',
  label: 'Kode Sub Kegiatan',
  required: true,
  aliases: ['kode sub kegiatan', 'kode subkegiatan', 'kode sub', 'kode rekening sub kegiatan', 'kode'],
};
const NAME = {
  key: 'name',
  label: 'Nama Sub Kegiatan',
  required: false,
  aliases: ['nama sub kegiatan', 'sub kegiatan', 'uraian', 'nama'],
};

export const DPA_COLUMNS: readonly BudgetColumnSpec[] = [
  SKPD,
  CODE,
  NAME,
  {
    key: 'pagu',
    label: 'Pagu',
    required: true,
    aliases: [
      'pagu',
      'pagu murni',
      'pagu dpa',
      'anggaran',
      'pagu anggaran',
      'jumlah',
      'sebelum perubahan',
      'pagu sebelum perubahan',
    ],
  },
  {
    key: 'revised',
    label: 'Pagu Perubahan',
    required: false,
    aliases: [
      'pagu perubahan',
      'pagu dpa p',
      'pagu dpap',
      'setelah perubahan',
      'pagu setelah perubahan',
      'anggaran perubahan',
      'pagu p',
    ],
  },
];

const quarter = (n: number, roman: string): BudgetColumnSpec => ({
  key: `q${n}`,
  label: `Realisasi TW ${roman}`,
  required: false,
  aliases: [
    `realisasi tw ${roman}`,
    `realisasi tw ${n}`,
    `realisasi triwulan ${roman}`,
    `realisasi triwulan ${n}`,
    `tw ${roman}`,
    `tw ${n}`,
    `triwulan ${roman}`,
    `triwulan ${n}`,
  ],
});

export const REALISATION_COLUMNS: readonly BudgetColumnSpec[] = [
  SKPD,
  CODE,
  NAME,
  quarter(1, 'i'),
  quarter(2, 'ii'),
  quarter(3, 'iii'),
  quarter(4, 'iv'),
];

export const SHEET_NAMES: Record<BudgetFileKind, string> = { DPA: 'DPA', REALISATION: 'Realisasi' };
/** Rows searched for the header. */
export const HEADER_SEARCH_ROWS = 15;
export const MAX_BUDGET_ROWS = 100_000;

export interface BudgetRawWorkbook {
  sheet: string;
  /** The first HEADER_SEARCH_ROWS rows and every later row with content. */
  rows: readonly RawRow[];
}

export interface DpaRow {
  row: number;
  code: string;
  name: string | null;
  pagu: Decimal;
  revised: Decimal | null;
}

export interface RealisationRow {
  row: number;
  code: string;
  quarters: Quarterly<Decimal | null>;
}

/** What the rows are checked against. */
export interface BudgetSheetContext {
  /** The SKPD's code (rows of any other SKPD are errors). */
  skpdCode: string;
  /** Sub-kegiatan codes of the region's nomenclature. */
  subKegiatan: ReadonlySet<string>;
  /** For realisation: sub-kegiatan with a pagu for this SKPD and year. */
  budgeted?: ReadonlySet<string>;
}

export const normHeader = (s: string) =>
  s
    .toLowerCase()
    .replace(/[.\-_/()]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const textOf = (cell: RawCell): string | null =>
  cell.kind === 'text' ? cell.text.trim() || null : cell.kind === 'number' ? String(cell.value) : null;

/** A money cell: a whole, non-negative number of Rupiah (a typed number, or digits with Indonesian dots). */
export function parseRupiah(cell: RawCell): { value: Decimal | null } | { code: string; problem: string } {
  switch (cell.kind) {
    case 'empty':
      return { value: null };
    case 'number': {
      if (!Number.isSafeInteger(cell.value) || cell.value < 0 || String(cell.value).length > MAX_RUPIAH_DIGITS)
        return {
          code: 'INVALID_AMOUNT',
          problem: 'Nilai harus rupiah bulat tidak negatif (tanpa sen), paling banyak 15 digit.',
        };
      return { value: new Exact(cell.value) };
    }
    case 'text': {
      const t = cell.text.trim().replace(/^rp\.?\s*/i, '');
      if (/^\d{1,3}(\.\d{3})+(,0+)?$/.test(t) || /^\d{1,15}$/.test(t)) {
        const digits = t.replace(/,0+$/, '').replace(/\./g, '');
        if (digits.length <= MAX_RUPIAH_DIGITS) return { value: new Exact(digits) };
      }
      return {
        code: 'TEXT_IN_NUMBER_CELL',
        problem: `Sel berisi teks "${cell.text.slice(0, 40)}", bukan nilai rupiah bulat.`,
      };
    }
    case 'formula':
      return { code: 'FORMULA_NOT_ALLOWED', problem: `Sel berisi rumus (=${cell.formula}); isikan angka hasilnya.` };
    default:
      return { code: 'NOT_A_NUMBER', problem: `Sel berisi ${cell.what}, bukan angka.` };
  }
}

/** Finds the header row and the column of each spec; problems when a required column is missing. */
export function locateColumns(
  wb: BudgetRawWorkbook,
  specs: readonly BudgetColumnSpec[],
  problems: SheetProblem[],
): { headerRow: number; columns: Map<string, number> } | null {
  let best: { headerRow: number; columns: Map<string, number> } | null = null;
  for (const raw of wb.rows) {
    if (raw.row > HEADER_SEARCH_ROWS) break;
    const columns = new Map<string, number>();
    raw.cells.forEach((cell, i) => {
      const text = cell.kind === 'text' ? normHeader(cell.text) : '';
      if (!text) return;
      const spec = specs.find((s) => !columns.has(s.key) && s.aliases.includes(text));
      if (spec) columns.set(spec.key, i);
    });
    if (columns.size > (best?.columns.size ?? 0)) best = { headerRow: raw.row, columns };
  }
  const missing = specs.filter((s) => s.required && !best?.columns.has(s.key));
  if (missing.length) {
    problems.push({
      sheet: wb.sheet,
      row: best?.headerRow ?? null,
      column: null,
      code: 'HEADER_MISSING',
      message:
        `Kolom ${missing.map((s) => `"${s.label}"`).join(', ')} tidak ditemukan pada ${HEADER_SEARCH_ROWS} baris pertama. ` +
        `Kolom yang diharapkan: ${specs.map((s) => s.label).join(', ')}.`,
    });
    return null;
  }
  return best;
}

interface RowReader {
  row: number;
  cell: (key: string) => RawCell;
  at: (key: string, code: string, message: string) => void;
}

/** Reads each data row: SKPD code of the caller's SKPD, a known sub-kegiatan code, once. Calls `read` for the rest. */
function readRows<T>(
  wb: BudgetRawWorkbook,
  specs: readonly BudgetColumnSpec[],
  ctx: BudgetSheetContext,
  read: (r: RowReader, code: string) => T | null,
): { rows: T[]; problems: SheetProblem[] } {
  const problems: SheetProblem[] = [];
  const rows: T[] = [];
  const located = locateColumns(wb, specs, problems);
  if (!located) return { rows, problems };
  const { headerRow, columns } = located;
  const data = wb.rows.filter((r) => r.row > headerRow);
  if (data.length > MAX_BUDGET_ROWS) {
    problems.push({
      sheet: wb.sheet,
      row: null,
      column: null,
      code: 'TOO_MANY_ROWS',
      message: `Lembar berisi lebih dari ${MAX_BUDGET_ROWS} baris data.`,
    });
    return { rows, problems };
  }
  const firstRow = new Map<string, number>();
  const skpdCode = normalizeCode(ctx.skpdCode);
  for (const raw of data) {
    const cell = (key: string) => (columns.has(key) ? (raw.cells[columns.get(key)!] ?? EMPTY) : EMPTY);
    if ([...columns.values()].every((i) => (raw.cells[i] ?? EMPTY).kind === 'empty')) continue;
    const before = problems.length;
    const at = (key: string, code: string, message: string) =>
      problems.push({
        sheet: wb.sheet,
        row: raw.row,
        column: columnLetter((columns.get(key) ?? 0) + 1),
        code,
        message,
      });
    const skpd = textOf(cell('skpd'));
    if (!skpd) at('skpd', 'SKPD_MISSING', 'Kode SKPD kosong.');
    else if (normalizeCode(skpd) !== skpdCode)
      at(
        'skpd',
        'FOREIGN_SKPD',
        `Baris milik SKPD "${skpd.slice(0, 40)}", bukan SKPD ini (${ctx.skpdCode}); hapus baris SKPD lain.`,
      );
    const rawCode = textOf(cell('code'));
    const code = rawCode ? normalizeCode(rawCode) : '';
    if (!code) at('code', 'CODE_MISSING', 'Kode sub kegiatan kosong.');
    else if (levelOf(code) !== 'SUB_KEGIATAN')
      at('code', 'CODE_FORMAT', `Kode "${rawCode!.slice(0, 40)}" bukan kode sub kegiatan (contoh ${CODE_EXAMPLE}).`);
    else if (!ctx.subKegiatan.has(code))
      at(
        'code',
        'UNKNOWN_CODE',
        `Kode sub kegiatan ${code} tidak ada dalam nomenklatur daerah; impor nomenklatur terlebih dahulu.`,
      );
    else if (ctx.budgeted && !ctx.budgeted.has(code))
      at(
        'code',
        'NOT_BUDGETED',
        `Sub kegiatan ${code} belum memiliki pagu untuk SKPD dan tahun ini; impor DPA terlebih dahulu.`,
      );
    // A row already refused (another SKPD's) does not claim its code.
    else if (problems.length === before) {
      if (firstRow.has(code))
        at('code', 'DUPLICATE_CODE', `Sub kegiatan ${code} sudah tercantum pada baris ${firstRow.get(code)}.`);
      else firstRow.set(code, raw.row);
    }
    const value = read({ row: raw.row, cell, at }, code);
    if (problems.length === before && value !== null) rows.push(value);
  }
  return { rows, problems };
}

const amount = (r: RowReader, key: string): Decimal | null | undefined => {
  const parsed = parseRupiah(r.cell(key));
  if ('problem' in parsed) {
    r.at(key, parsed.code, parsed.problem);
    return undefined;
  }
  return parsed.value;
};

/** The DPA / DPA-P sheet: pagu (required) and pagu perubahan (optional) per sub-kegiatan. */
export function readDpaSheet(
  wb: BudgetRawWorkbook,
  ctx: BudgetSheetContext,
): { rows: DpaRow[]; problems: SheetProblem[] } {
  return readRows(wb, DPA_COLUMNS, ctx, (r, code) => {
    const pagu = amount(r, 'pagu');
    const revised = amount(r, 'revised');
    if (pagu === null) r.at('pagu', 'PAGU_MISSING', 'Pagu kosong.');
    if (pagu == null || revised === undefined) return null;
    const name = textOf(r.cell('name'));
    return { row: r.row, code, name: name ? name.slice(0, 500) : null, pagu, revised };
  });
}

/** The realisation sheet: amounts spent per quarter (empty = not reported). */
export function readRealisationSheet(
  wb: BudgetRawWorkbook,
  ctx: BudgetSheetContext,
): { rows: RealisationRow[]; problems: SheetProblem[] } {
  return readRows(wb, REALISATION_COLUMNS, ctx, (r, code) => {
    const quarters = [1, 2, 3, 4].map((q) => amount(r, `q${q}`));
    if (quarters.some((q) => q === undefined)) return null;
    return { row: r.row, code, quarters: quarters as unknown as Quarterly<Decimal | null> };
  });
}
