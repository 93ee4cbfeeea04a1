import ExcelJS from 'exceljs';
import { RESULT_SOURCE_LABELS } from '../../evaluation/evaluation-result';
import type { Trend, TrendRow } from '../domain/trend';
import {
  paintPredicate,
  BOLD,
  borderRow,
  fitRows,
  HEADER_ROW,
  num,
  NUMBER_FORMAT,
  setUpSheet,
  setWorkbookProperties,
} from '../sheet-style';

/** Where the Pemda's figures come from: one label, or the label of each year when they differ. */
function sourcesOf(trend: Trend): string {
  const years = trend.years.flatMap((y, i) => {
    const source = trend.pemda!.cells[i].source;
    return source ? [{ y, label: RESULT_SOURCE_LABELS[source] }] : [];
  });
  const labels = new Set(years.map((x) => x.label));
  return labels.size === 1 ? [...labels][0] : years.map((x) => `${x.y}: ${x.label}`).join('; ');
}

/**
 * Thin exceljs adapter for the multi-year trend. The Pemda's trend is drawn as in-cell data bars (a conditional
 * format Excel and LibreOffice both render and print) rather than a chart image: exceljs writes no charts, and a
 * server-side PNG would need an image/font library.
 */

export const TREND_SHEET = 'Tren Nilai';

/** First column of year y's pair (Nilai, Predikat), 1-based. */
export const yearColumn = (index: number): number => 4 + 2 * index;

export async function writeTrendWorkbook(trend: Trend, regionName: string, now: Date = new Date()): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const from = trend.years[0];
  const to = trend.years[trend.years.length - 1];
  const title = 'Tren Nilai dan Predikat SAKIP';
  setWorkbookProperties(
    wb,
    `${title} ${regionName} ${from}–${to}`,
    now,
    'Evaluasi Akuntabilitas Kinerja Instansi Pemerintah',
  );
  const ws = wb.addWorksheet(TREND_SHEET);
  const headers = [
    'No',
    'Kode',
    'Pemerintah Daerah / Perangkat Daerah',
    ...trend.years.flatMap((y) => [`Nilai ${y}`, `Predikat ${y}`]),
    `Perubahan ${from}–${to}`,
  ];
  setUpSheet(ws, title.toUpperCase(), `${regionName} — Tahun ${from}–${to}`, headers, [
    6,
    14,
    42,
    ...trend.years.flatMap(() => [10, 10]),
    14,
  ]);

  const put = (at: number, no: number | string, r: TrendRow, bold: boolean) => {
    const row = ws.getRow(at);
    row.values = [no, r.code, r.name, ...r.cells.flatMap((c) => [num(c.total), c.predicate]), num(r.change)];
    borderRow(row, headers.length);
    r.cells.forEach((c, i) => {
      row.getCell(yearColumn(i)).numFmt = NUMBER_FORMAT;
      paintPredicate(row.getCell(yearColumn(i) + 1), c.predicate);
      row.getCell(yearColumn(i) + 1).alignment = { horizontal: 'center' };
    });
    row.getCell(headers.length).numFmt = NUMBER_FORMAT;
    if (bold) row.getCell(3).font = { ...BOLD };
  };
  let at = HEADER_ROW + 1;
  if (trend.pemda) put(at++, 'Pemda', { ...trend.pemda, name: `${trend.pemda.name} (${sourcesOf(trend)})` }, true);
  trend.skpds.forEach((r, i) => put(at++, i + 1, r, false));

  // The Pemda's trend as data bars: one row per year.
  if (trend.pemda) {
    at += 1;
    ws.getCell(at, 3).value = `GRAFIK NILAI SAKIP ${regionName.toUpperCase()}`;
    ws.getCell(at, 3).font = { ...BOLD };
    ws.getCell(at, 5).value = 'Sumber nilai';
    ws.getCell(at++, 5).font = { ...BOLD };
    const first = at;
    trend.years.forEach((y, i) => {
      const cell = trend.pemda!.cells[i];
      ws.getCell(at, 2).value = y;
      ws.getCell(at, 3).value = num(cell.total);
      ws.getCell(at, 3).numFmt = NUMBER_FORMAT;
      ws.getCell(at, 4).value = cell.predicate;
      paintPredicate(ws.getCell(at, 4), cell.predicate);
      ws.getCell(at, 5).value = cell.source ? RESULT_SOURCE_LABELS[cell.source] : null;
      at++;
    });
    ws.addConditionalFormatting({
      ref: `C${first}:C${at - 1}`,
      rules: [
        {
          type: 'dataBar',
          priority: 1,
          minLength: 0,
          maxLength: 100,
          cfvo: [
            { type: 'num', value: 0 },
            { type: 'num', value: 100 },
          ],
          color: { argb: 'FF4472C4' },
          gradient: false,
        } as unknown as ExcelJS.ConditionalFormattingRule,
      ],
    });
  }
  fitRows(ws, HEADER_ROW + 1);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
