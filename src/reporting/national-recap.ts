import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { type DataSource, In } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { Fraction } from '../evaluation/domain/fraction';
import { Evaluation } from '../evaluation/entities/evaluation.entity';
import { Region } from '../organization/entities/region.entity';
import { Skpd } from '../organization/entities/skpd.entity';
import { nationalRegionBlock, type NationalRegionSummary } from './domain/national-recap';
import { evaluationResultOf, RESULT_SOURCE_LABELS } from '../evaluation/evaluation-result';
import { isFinalSkpdResult, RESULT_COLUMNS } from './evaluation-results';
import {
  fitRow,
  frozenAt,
  HEADER_ROW,
  NUMBER_FORMAT,
  num,
  PAGE_FOOTER,
  paintPredicate,
  pageSetupFor,
  setWorkbookProperties,
  styleHeaderRow,
  THIN_BORDER,
  widthsFor,
  writeTitleBlock,
} from './sheet-style';

/**
 * National recap: every region × SKPD with a FINAL evaluation for a year (SUPERADMIN / operators only), streamed with
 * exceljs' WorkbookWriter. Regions are read in keyset pages (by code) and each page's evaluations and SKPDs with it,
 * so memory stays bounded by one page (pageSize regions × their SKPDs), whatever the number of regions.
 * Usable without Nest: give it a TypeORM DataSource and an output stream or file path.
 */

export const NATIONAL_SHEET = 'Rekap Nasional';
export const NATIONAL_SUMMARY_SHEET = 'Ringkasan Daerah';

export interface NationalRecapOptions {
  /** Regions per page (default 50). */
  pageSize?: number;
  /** Called after each page: regions read so far, and the number of regions. */
  onProgress?: (regionsDone: number, regionsTotal: number) => void;
  /** Called once the checks passed, before the first byte is written (e.g. to set HTTP headers). */
  beforeWrite?: () => void;
  now?: Date;
}

export interface NationalRecapResult {
  regions: number;
  rows: number;
}

const ROW_HEADERS = [
  'No',
  'Kode Wilayah',
  'Pemerintah Daerah',
  'Kode PD',
  'Perangkat Daerah',
  'Nilai Akhir',
  'Predikat',
  'Peringkat di Daerah',
];
const ROW_WIDTHS = [8, 12, 34, 14, 44, 11, 10, 11];
const SUMMARY_HEADERS = [
  'No',
  'Kode Wilayah',
  'Pemerintah Daerah',
  'Jumlah PD Dinilai',
  'Rata-rata Nilai PD',
  'Nilai Tertinggi',
  'Nilai Terendah',
  'Nilai Pemda',
  'Predikat Pemda',
  'Sumber Nilai Pemda',
];
const SUMMARY_WIDTHS = [8, 12, 34, 12, 12, 12, 12, 12, 10, 34];

/** Evaluations are current revisions; SKPD results must be FINAL. */
const currentOf = (db: DataSource, year: number) =>
  db
    .getRepository(Evaluation)
    .createQueryBuilder('e')
    .where('e.year = :year', { year })
    .andWhere('e.supersededAt IS NULL');

function addSheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  title: string,
  subtitle: string,
  headers: string[],
  widths: number[],
) {
  const ws = wb.addWorksheet(name, {
    views: frozenAt(HEADER_ROW),
    pageSetup: pageSetupFor(HEADER_ROW),
    headerFooter: PAGE_FOOTER,
  } as Partial<ExcelJS.AddWorksheetOptions>);
  ws.columns = widthsFor(headers, widths).map((width) => ({ width }));
  writeTitleBlock(ws, title, subtitle, headers.length);
  const header = ws.getRow(HEADER_ROW);
  header.values = headers;
  styleHeaderRow(header, headers.length);
  for (let r = 1; r <= HEADER_ROW; r++) ws.getRow(r).commit();
  return ws;
}

function addLine(
  ws: ExcelJS.Worksheet,
  values: ExcelJS.CellValue[],
  numberColumns: number[],
  predicateColumns: number[],
): void {
  const row = ws.addRow(values);
  for (let c = 1; c <= values.length; c++) row.getCell(c).border = THIN_BORDER;
  for (const c of numberColumns) row.getCell(c).numFmt = NUMBER_FORMAT;
  for (const c of predicateColumns) {
    paintPredicate(row.getCell(c), row.getCell(c).value as string | null);
    row.getCell(c).alignment = { horizontal: 'center' };
  }
  fitRow(row);
  row.commit();
}

/**
 * Writes the national recap of `year` to `out` (a writable stream, or a file path). Throws NO_FINAL_EVALUATIONS
 * (404) before writing anything when no SKPD anywhere has a FINAL evaluation for the year.
 */
export async function writeNationalRecap(
  db: DataSource,
  year: number,
  out: Writable | string,
  opts: NationalRecapOptions = {},
): Promise<NationalRecapResult> {
  const pageSize = opts.pageSize ?? 50;
  const finals = await currentOf(db, year).andWhere("e.kind = 'SKPD' AND e.status = 'FINAL'").getCount();
  if (finals === 0)
    throw new DomainError('NO_FINAL_EVALUATIONS', 'not_found', `No SKPD has a FINAL evaluation for ${year}`);
  const regionsTotal = await db.getRepository(Region).count();
  opts.beforeWrite?.();

  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    ...(typeof out === 'string' ? { filename: out } : { stream: out }),
    useStyles: true,
    useSharedStrings: false,
  });
  const title = 'Rekapitulasi Nasional Nilai dan Predikat SAKIP Perangkat Daerah';
  setWorkbookProperties(
    wb,
    `${title} Tahun ${year}`,
    opts.now ?? new Date(),
    'Evaluasi Akuntabilitas Kinerja Instansi Pemerintah',
  );
  const subtitle = `Seluruh Pemerintah Daerah — Tahun ${year}`;
  const ws = addSheet(wb, NATIONAL_SHEET, title.toUpperCase(), subtitle, ROW_HEADERS, ROW_WIDTHS);

  // One summary line per region (~550): small, kept for the second sheet, which can only start after the first.
  const summaries: NationalRegionSummary[] = [];
  let rows = 0;
  let regionsDone = 0;
  let after = '';
  for (;;) {
    const regions = await db
      .getRepository(Region)
      .createQueryBuilder('r')
      .select(['r.id', 'r.code', 'r.name'])
      .where('r.code > :after', { after })
      .orderBy('r.code', 'ASC')
      .limit(pageSize)
      .getMany();
    if (regions.length === 0) break;
    after = regions[regions.length - 1].code;
    const ids = regions.map((r) => r.id);
    const evs = await currentOf(db, year)
      .select(RESULT_COLUMNS.map((c) => `e.${c}`))
      .andWhere('e.regionId IN (:...ids)', { ids })
      .getMany();
    const skpdIds = evs.filter(isFinalSkpdResult).map((e) => e.skpdId);
    const skpds = skpdIds.length
      ? await db
          .getRepository(Skpd)
          .find({ select: { id: true, code: true, name: true }, where: { regionId: In(ids), id: In(skpdIds) } })
      : [];
    const skpdById = new Map(skpds.map((s) => [s.id, s]));
    for (const region of regions) {
      const own = evs.filter((e) => e.regionId === region.id);
      const results = own.filter(isFinalSkpdResult).map((e) => ({
        code: skpdById.get(e.skpdId)?.code ?? '',
        name: skpdById.get(e.skpdId)?.name ?? '',
        total: Fraction.parseRatio(e.finalTotalExact),
        predicate: e.finalPredicate,
      }));
      const block = nationalRegionBlock(region, results, evaluationResultOf(own.find((e) => e.kind === 'PEMDA')));
      if (!block) continue;
      for (const r of block.rows)
        addLine(
          ws,
          [++rows, r.regionCode, r.regionName, r.skpdCode, r.skpdName, num(r.total), r.predicate, r.rank],
          [6],
          [7],
        );
      summaries.push(block.summary);
    }
    regionsDone += regions.length;
    opts.onProgress?.(regionsDone, regionsTotal);
    if (regions.length < pageSize) break;
  }
  ws.commit();

  const ws2 = addSheet(
    wb,
    NATIONAL_SUMMARY_SHEET,
    `RINGKASAN PER DAERAH — ${title.toUpperCase()}`,
    subtitle,
    SUMMARY_HEADERS,
    SUMMARY_WIDTHS,
  );
  summaries.forEach((s, i) =>
    addLine(
      ws2,
      [
        i + 1,
        s.regionCode,
        s.regionName,
        s.count,
        num(s.average),
        num(s.best),
        num(s.worst),
        num(s.pemdaTotal) ?? 'Belum ada',
        s.pemdaPredicate,
        s.pemdaSource ? RESULT_SOURCE_LABELS[s.pemdaSource] : null,
      ],
      [5, 6, 7, 8],
      [9],
    ),
  );
  ws2.commit();
  await wb.commit();
  return { regions: summaries.length, rows };
}
