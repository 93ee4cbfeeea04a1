import type Decimal from 'decimal.js';
import { columnLetter, EMPTY, type RawCell, type RawRow, type SheetProblem } from '../../../common/excel/raw-cell';
import { Exact } from '../../../common/decimal/exact';
import { type Polarity, type QuarterAggregation, type Quarterly, QUARTERS } from '../../domain/indicator-settings';
import { checkIndicatorSettings, checkQuarterTargets, checkRangeBounds } from '../../domain/target-rules';

/**
 * The Perjanjian Kinerja workbook (issue 5 item 8): its layout, and the pure reading of its rows. The exceljs adapter
 * turns cells into RawCell values; everything a planner can get wrong is decided here, with the sheet, row, column
 * and an Indonesian message, so a preview and a commit report exactly the same problems.
 */

export const PK_SHEET = 'Target PK';
export const INSTRUCTIONS_SHEET = 'Petunjuk';
/** Hidden sheet: the option lists for the dropdowns and the template's identity (SKPD, year, PK revision). */
export const LISTS_SHEET = 'Daftar';
/** Row of the column headers; data starts on the next row. */
export const HEADER_ROW = 4;
export const TEMPLATE_VERSION = 'sakip-pk-excel-v1';
/** Most data rows read; a bigger sheet is refused as a whole. */
export const MAX_ROWS = 20_000;

export type ColumnKey =
  'id' | 'code' | 'name' | 'satuan' | 'polarity' | 'aggregation' | 'annual' | 'q1' | 'q2' | 'q3' | 'q4';

export interface SheetColumn {
  key: ColumnKey;
  header: string;
  width: number;
  /** Editable by the planner (unlocked cell); the others are protected. */
  editable: boolean;
  hidden?: boolean;
  numeric?: boolean;
}

export const COLUMNS: readonly SheetColumn[] = [
  { key: 'id', header: 'ID Indikator (jangan diubah)', width: 38, editable: false, hidden: true },
  { key: 'code', header: 'Kode Indikator', width: 16, editable: false },
  { key: 'name', header: 'Nama Indikator', width: 50, editable: false },
  { key: 'satuan', header: 'Satuan', width: 14, editable: true },
  { key: 'polarity', header: 'Polaritas', width: 26, editable: true },
  { key: 'aggregation', header: 'Agregasi Triwulan', width: 26, editable: true },
  { key: 'annual', header: 'Target Tahunan', width: 16, editable: true, numeric: true },
  { key: 'q1', header: 'Target TW I', width: 14, editable: true, numeric: true },
  { key: 'q2', header: 'Target TW II', width: 14, editable: true, numeric: true },
  { key: 'q3', header: 'Target TW III', width: 14, editable: true, numeric: true },
  { key: 'q4', header: 'Target TW IV', width: 14, editable: true, numeric: true },
];

const COLUMN_NUMBERS = new Map(COLUMNS.map((c, i) => [c.key, i + 1]));
/** 1-based column number of a key. */
export const columnNumber = (key: ColumnKey): number => COLUMN_NUMBERS.get(key)!;

export const POLARITY_LABELS: Record<Polarity, string> = {
  HIGHER_IS_BETTER: 'Makin tinggi makin baik',
  LOWER_IS_BETTER: 'Makin rendah makin baik',
  RANGE: 'Rentang',
  BINARY: 'Ya/Tidak',
};

export const AGGREGATION_LABELS: Record<QuarterAggregation, string> = {
  CUMULATIVE_SUM: 'Dijumlahkan (kumulatif)',
  LAST_VALUE: 'Nilai triwulan terakhir',
  AVERAGE: 'Rata-rata',
};

/** Satuan offered in the dropdown besides those already used in the region (free text is still accepted). */
export const COMMON_SATUAN = ['%', 'orang', 'dokumen', 'kegiatan', 'unit', 'indeks', 'nilai', 'rupiah', 'km', 'hari'];
export const MAX_SATUAN_LENGTH = 60;

export interface RawWorkbook {
  sheetNames: readonly string[];
  /** The PK sheet, or null when the workbook has none. */
  header: readonly RawCell[] | null;
  rows: readonly RawRow[];
  /** Key/value pairs of the hidden lists sheet (template version, SKPD, year), or null. */
  meta: Readonly<Record<string, string>> | null;
}

/** What the checks need to know about an indicator of the SKPD's Renstra in the PK's period. */
export interface SheetIndicator {
  id: string;
  code: string;
  satuan: string;
  polarity: Polarity;
  aggregation: QuarterAggregation;
  rangeMin: Decimal | null;
  rangeMax: Decimal | null;
  /** An approved or locked PK uses it: polarity and aggregation are frozen. */
  inAgreedPk: boolean;
}

export interface SheetContext {
  skpdId: string;
  year: number;
  indicators: readonly SheetIndicator[];
}

export interface SheetTargets {
  annual: Decimal;
  quarters: Quarterly<Decimal>;
}

/** One valid data row. */
export interface SheetRow {
  row: number;
  indicatorId: string;
  satuan: string;
  polarity: Polarity;
  aggregation: QuarterAggregation;
  /** null = all five target cells empty: the indicator is not in the PK. */
  targets: SheetTargets | null;
}

export interface SheetResult {
  rows: SheetRow[];
  problems: SheetProblem[];
}

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** Reads a dropdown cell: its label or its code, in any case, to the value; null if it is neither. */
function labelReader<T extends string>(labels: Record<T, string>): (text: string) => T | null {
  const lookup = new Map<string, T>();
  for (const [value, label] of Object.entries(labels) as [T, string][]) {
    lookup.set(norm(label), value);
    lookup.set(value.toLowerCase(), value);
  }
  return (text) => lookup.get(norm(text)) ?? null;
}
const readPolarity = labelReader(POLARITY_LABELS);
const readAggregation = labelReader(AGGREGATION_LABELS);

const OPTIONS = (labels: Record<string, string>) =>
  Object.values(labels)
    .map((l) => `"${l}"`)
    .join(', ');

/** The text of a cell meant to hold text; numbers are accepted as their digits (a satuan such as "100"). */
function textOf(cell: RawCell): string | null {
  if (cell.kind === 'text') return cell.text.trim() || null;
  if (cell.kind === 'number') return String(cell.value);
  return null;
}

const DECIMAL_LIMIT = /^-?\d{1,14}(\.\d{1,4})?$/;

/**
 * A number cell: a typed number (read at Excel's 15 significant digits, so 0.1 + 0.2 computed in a cell is 0.3, not
 * 0.30000000000000004), at most 14 integer and 4 decimal digits. Text, formulas and other values are refused.
 */
export function parseNumberCell(cell: RawCell): { value: Decimal | null } | { problem: string; code: string } {
  switch (cell.kind) {
    case 'empty':
      return { value: null };
    case 'number': {
      const value = new Exact(Number(cell.value.toPrecision(15)).toString());
      if (!value.isFinite() || !DECIMAL_LIMIT.test(value.toFixed()))
        return {
          code: 'NUMBER_OUT_OF_RANGE',
          problem: 'Angka terlalu besar atau memiliki lebih dari 4 angka di belakang koma.',
        };
      return { value };
    }
    case 'formula':
      return {
        code: 'FORMULA_NOT_ALLOWED',
        problem: `Sel berisi rumus (=${cell.formula}); isikan angka hasilnya, bukan rumus.`,
      };
    case 'text':
      return {
        code: 'TEXT_IN_NUMBER_CELL',
        problem: `Sel berisi teks "${cell.text.slice(0, 40)}", bukan angka; ketik angka tanpa satuan atau tanda kutip.`,
      };
    default:
      return { code: 'NOT_A_NUMBER', problem: `Sel berisi ${cell.what}, bukan angka.` };
  }
}

const TARGET_KEYS = ['annual', 'q1', 'q2', 'q3', 'q4'] as const;

/**
 * Reads and checks the PK sheet against the SKPD's indicators: layout (sheet, headers, template identity), each row's
 * indicator (by hidden id, or by code when the id is blank), satuan / polarity / aggregation from the dropdowns,
 * numbers, and the targets against the aggregation chosen on the row (domain target-rules). Linear in the rows.
 */
export function readPkSheet(wb: RawWorkbook, ctx: SheetContext): SheetResult {
  const problems: SheetProblem[] = [];
  const rows: SheetRow[] = [];
  const sheetProblem = (code: string, message: string) =>
    problems.push({ sheet: PK_SHEET, row: null, column: null, code, message });

  if (wb.header === null) {
    sheetProblem(
      'SHEET_MISSING',
      `Lembar "${PK_SHEET}" tidak ditemukan (lembar yang ada: ${wb.sheetNames.join(', ') || '-'}). ` +
        'Gunakan templat yang diunduh dari aplikasi tanpa mengganti nama lembarnya.',
    );
    return { rows, problems };
  }
  // The identity written by the template (hidden sheet); a workbook without it is judged by its headers and ids alone.
  if (wb.meta?.template !== undefined) {
    if (wb.meta.template !== TEMPLATE_VERSION)
      sheetProblem('TEMPLATE_VERSION', 'Templat ini versi lama atau bukan templat PK; unduh templat terbaru.');
    else if (wb.meta.skpdId !== ctx.skpdId || wb.meta.year !== String(ctx.year))
      sheetProblem(
        'TEMPLATE_OTHER_PK',
        `Templat ini untuk SKPD atau tahun lain (tahun ${wb.meta.year ?? '-'}); unduh templat PK ini dan isi ulang.`,
      );
  }
  COLUMNS.forEach((col, i) => {
    const cell = wb.header![i] ?? EMPTY;
    const got = cell.kind === 'text' ? cell.text : '';
    if (norm(got) !== norm(col.header))
      problems.push({
        sheet: PK_SHEET,
        row: HEADER_ROW,
        column: columnLetter(i + 1),
        code: 'HEADER_MISMATCH',
        message: `Judul kolom harus "${col.header}"${got ? `, bukan "${got}"` : ''}; jangan menyisipkan atau memindahkan kolom.`,
      });
  });
  if (problems.length) return { rows, problems };
  if (wb.rows.length > MAX_ROWS) {
    sheetProblem('TOO_MANY_ROWS', `Lembar berisi lebih dari ${MAX_ROWS} baris data.`);
    return { rows, problems };
  }

  const byId = new Map(ctx.indicators.map((i) => [i.id, i]));
  const byCode = new Map(ctx.indicators.map((i) => [norm(i.code), i]));
  const firstRowOf = new Map<string, number>();

  for (const raw of wb.rows) {
    const cell = (key: ColumnKey) => raw.cells[columnNumber(key) - 1] ?? EMPTY;
    if (COLUMNS.every((c) => cell(c.key).kind === 'empty')) continue;
    const before = problems.length;
    const at = (key: ColumnKey, code: string, message: string) =>
      problems.push({ sheet: PK_SHEET, row: raw.row, column: columnLetter(columnNumber(key)), code, message });

    // Which indicator: the hidden id, or the code when the id was cleared.
    const id = textOf(cell('id'));
    const code = textOf(cell('code'));
    let indicator: SheetIndicator | undefined;
    if (id) {
      indicator = byId.get(id);
      if (!indicator)
        at(
          'id',
          'UNKNOWN_INDICATOR',
          'ID indikator tidak dikenal untuk PK ini; baris mungkin disalin dari templat lain.',
        );
      else if (code !== null && norm(code) !== norm(indicator.code))
        at(
          'code',
          'CODE_CHANGED',
          `Kode indikator diubah (seharusnya "${indicator.code}"); kolom kode tidak boleh diubah.`,
        );
    } else if (code) {
      indicator = byCode.get(norm(code));
      if (!indicator)
        at('code', 'UNKNOWN_INDICATOR', `Kode indikator "${code}" tidak ada dalam Renstra SKPD ini pada periode PK.`);
    } else {
      at('code', 'CODE_MISSING', 'Kode indikator kosong.');
    }
    if (indicator) {
      const first = firstRowOf.get(indicator.id);
      if (first !== undefined)
        at(
          'code',
          'DUPLICATE_CODE',
          `Indikator ${indicator.code} sudah tercantum pada baris ${first}; cantumkan sekali saja.`,
        );
      else firstRowOf.set(indicator.id, raw.row);
    }

    // Settings from the dropdowns.
    const satuan = textOf(cell('satuan'));
    if (!satuan) at('satuan', 'SATUAN_MISSING', 'Satuan belum diisi.');
    else if (satuan.length > MAX_SATUAN_LENGTH)
      at('satuan', 'SATUAN_TOO_LONG', `Satuan paling panjang ${MAX_SATUAN_LENGTH} karakter.`);
    const polarityText = textOf(cell('polarity'));
    const polarity = polarityText ? readPolarity(polarityText) : null;
    if (!polarity)
      at(
        'polarity',
        'INVALID_POLARITY',
        `Polaritas harus salah satu dari ${OPTIONS(POLARITY_LABELS)} (pilih dari daftar).`,
      );
    const aggregationText = textOf(cell('aggregation'));
    const aggregation = aggregationText ? readAggregation(aggregationText) : null;
    if (!aggregation)
      at(
        'aggregation',
        'INVALID_AGGREGATION',
        `Agregasi triwulan harus salah satu dari ${OPTIONS(AGGREGATION_LABELS)} (pilih dari daftar).`,
      );
    if (indicator && polarity && aggregation) {
      for (const p of checkIndicatorSettings({ polarity, aggregation })) at('aggregation', p.code, p.message);
      if (polarity === 'RANGE' && indicator.polarity !== 'RANGE')
        for (const p of checkRangeBounds(indicator.rangeMin, indicator.rangeMax))
          at('polarity', p.code, `${p.message} Isi batas rentang di aplikasi sebelum memilih polaritas rentang.`);
      if (indicator.inAgreedPk && (polarity !== indicator.polarity || aggregation !== indicator.aggregation))
        at(
          polarity !== indicator.polarity ? 'polarity' : 'aggregation',
          'INDICATOR_IN_USE',
          'Polaritas dan agregasi indikator ini tidak dapat diubah karena sudah dipakai PK yang disetujui.',
        );
    }

    // Targets: all empty = not in the PK; otherwise five numbers consistent with the row's aggregation.
    const parsed = TARGET_KEYS.map((key) => {
      const r = parseNumberCell(cell(key));
      if ('problem' in r) {
        at(key, r.code, r.problem);
        return undefined;
      }
      return r.value;
    });
    let targets: SheetTargets | null = null;
    if (parsed.some((v) => v !== null)) {
      if (parsed.every((v) => v !== undefined) && aggregation) {
        const [annual, ...quarters] = parsed as (Decimal | null)[];
        for (const p of checkQuarterTargets({
          aggregation,
          annual,
          quarters: quarters as unknown as Quarterly<Decimal | null>,
        })) {
          // Set-level mismatches (sum, average) point at the annual target they are compared with.
          at(p.quarter === null ? 'annual' : (`q${p.quarter}` as ColumnKey), p.code, p.message);
        }
        if (polarity === 'BINARY')
          TARGET_KEYS.forEach((key, i) => {
            const v = parsed[i];
            if (v && !v.eq(0) && !v.eq(1))
              at(key, 'BINARY_TARGET', 'Target indikator ya/tidak harus 1 (ya) atau 0 (tidak).');
          });
        targets = { annual: annual as Decimal, quarters: quarters as unknown as Quarterly<Decimal> };
      }
    }
    if (problems.length === before && indicator && satuan && polarity && aggregation)
      rows.push({ row: raw.row, indicatorId: indicator.id, satuan, polarity, aggregation, targets });
  }
  return { rows, problems };
}

/** The PK's current rows, for the change summary. */
export interface CurrentPkItem {
  indicatorId: string;
  annualTarget: Decimal;
  quarters: Quarterly<Decimal | null>;
}

export interface SheetSummary {
  /** Data rows read. */
  rows: number;
  /** Indicators the PK will hold. */
  inPk: number;
  added: number;
  updated: number;
  unchanged: number;
  /** Codes of indicators the PK holds now whose targets were emptied: they leave the PK. */
  removed: string[];
  /** Codes of indicators whose satuan, polarity or aggregation changes. */
  settingsChanged: string[];
}

const sameTargets = (a: SheetTargets, b: CurrentPkItem) =>
  a.annual.eq(b.annualTarget) &&
  QUARTERS.every((q) => b.quarters[q - 1] !== null && a.quarters[q - 1].eq(b.quarters[q - 1]!));

/** What a commit of valid rows would change. */
export function summarize(
  rows: readonly SheetRow[],
  current: readonly CurrentPkItem[],
  ctx: SheetContext,
): SheetSummary {
  const byId = new Map(ctx.indicators.map((i) => [i.id, i]));
  const now = new Map(current.map((c) => [c.indicatorId, c]));
  const summary: SheetSummary = {
    rows: rows.length,
    inPk: 0,
    added: 0,
    updated: 0,
    unchanged: 0,
    removed: [],
    settingsChanged: [],
  };
  const kept = new Set<string>();
  for (const r of rows) {
    const ind = byId.get(r.indicatorId)!;
    if (r.satuan !== ind.satuan || r.polarity !== ind.polarity || r.aggregation !== ind.aggregation)
      summary.settingsChanged.push(ind.code);
    if (!r.targets) continue;
    kept.add(r.indicatorId);
    summary.inPk++;
    const before = now.get(r.indicatorId);
    if (!before) summary.added++;
    else if (sameTargets(r.targets, before)) summary.unchanged++;
    else summary.updated++;
  }
  summary.removed = current
    .filter((c) => !kept.has(c.indicatorId))
    .map((c) => byId.get(c.indicatorId)?.code ?? c.indicatorId);
  return summary;
}
