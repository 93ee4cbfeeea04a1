/**
 * A spreadsheet cell as import rules see it: pure data, no exceljs types, so sheet rules in `domain/` folders are
 * table-tested without a workbook. `read-xlsx.ts` produces these from an uploaded file.
 */
export type RawCell =
  | { kind: 'empty' }
  | { kind: 'number'; value: number }
  | { kind: 'text'; text: string }
  | { kind: 'formula'; formula: string }
  /** A date, a boolean, an error value (#DIV/0!)…: described in Indonesian for the message. */
  | { kind: 'other'; what: string };

export const EMPTY: RawCell = { kind: 'empty' };

export interface RawRow {
  /** Row number in the sheet (1-based). */
  row: number;
  /** Cells by column number − 1 (shorter arrays mean empty cells). */
  cells: readonly RawCell[];
}

/** One problem of an uploaded workbook, located for the operator (messages in Indonesian). */
export interface SheetProblem {
  sheet: string;
  /** 1-based row, or null for the sheet or file as a whole. */
  row: number | null;
  /** Column letter, or null. */
  column: string | null;
  /** Stable code for clients, e.g. FORMULA_IN_CELL. */
  code: string;
  message: string;
}

/** Column letter of a 1-based column number: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** Most problems listed in an import's 422 (the last entry says how many more there are). */
export const MAX_PROBLEMS = 1_000;

/**
 * At most MAX_PROBLEMS problems, the last one telling how many more were found (on `sheet`, by default the first
 * problem's). Shared by every spreadsheet import (PK, budget, nomenclature).
 */
export function capProblems(problems: readonly SheetProblem[], sheet = problems[0]?.sheet ?? ''): SheetProblem[] {
  if (problems.length <= MAX_PROBLEMS) return [...problems];
  return [
    ...problems.slice(0, MAX_PROBLEMS - 1),
    {
      sheet,
      row: null,
      column: null,
      code: 'MORE_PROBLEMS',
      message: `Dan ${problems.length - MAX_PROBLEMS + 1} masalah lain; perbaiki yang di atas lalu unggah ulang.`,
    },
  ];
}
