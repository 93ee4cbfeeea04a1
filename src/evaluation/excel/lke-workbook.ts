import ExcelJS from 'exceljs';
import { rawCell, readMeta, writeMeta } from '../../common/excel/read-xlsx';
import type { RawRow } from '../../common/excel/raw-cell';
import {
  answerColumn,
  LKE_COLUMNS,
  LKE_HEADER_ROW,
  LKE_META_SHEET,
  LKE_SHEET,
  LKE_TEMPLATE_VERSION,
  noteColumn,
  STAGE_LABELS,
  type UploadedLkeSheet,
  type WritableLkeStage,
} from '../domain/lke-excel';
import { answerScaleFor, type RuleSet } from '../domain/rule-set';
import type { LkeStage } from '../domain/scoring';

/** Thin exceljs adapter for the offline LKE worksheet: lays it out for download, reads an upload back into RawRows. */

export interface LkeWorkbookInput {
  ruleSet: RuleSet;
  evaluationId: string;
  revision: number;
  subjectName: string;
  year: number;
  /** The stage the downloader may write (its columns are unlocked), or null for a read-only copy. */
  stage: WritableLkeStage | null;
  /** Stored answers and notes by criterion id. */
  answers: ReadonlyMap<string, Partial<Record<`${LkeStage}Answer` | `${WritableLkeStage}Note`, string | null>>>;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const GROUP_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const EDIT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF9E5' } };
const STAGES: readonly WritableLkeStage[] = ['self', 'evaluator', 'qa'];

export async function buildLkeWorkbook(input: LkeWorkbookInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'sakip-service';
  wb.title = `Lembar Kerja Evaluasi SAKIP — ${input.subjectName} — ${input.year}`;
  wb.created = new Date();
  const ws = wb.addWorksheet(LKE_SHEET, {
    views: [{ state: 'frozen', ySplit: LKE_HEADER_ROW, xSplit: 2 }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${LKE_HEADER_ROW}:${LKE_HEADER_ROW}`,
    },
  });
  ws.columns = LKE_COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  ws.getCell('A1').value = 'LEMBAR KERJA EVALUASI (LKE) AKUNTABILITAS KINERJA';
  ws.getCell('A1').font = { bold: true, size: 13 };
  ws.getCell('A2').value =
    `${input.subjectName} — Tahun ${input.year} — revisi ${input.revision} — ${input.ruleSet.name}`;
  ws.getCell('A3').value = input.stage
    ? `Isi kolom berwarna kuning (tahap ${STAGE_LABELS[input.stage]}): pilih jawaban dari daftar dan tulis catatan. Kolom lain dikunci. Unggah berkas ini kembali untuk pratinjau, lalu simpan.`
    : 'Salinan baca-saja: tidak ada tahap yang dapat Anda isi saat ini.';
  const header = ws.getRow(LKE_HEADER_ROW);
  LKE_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    cell.border = { bottom: { style: 'thin' } };
  });

  for (const component of input.ruleSet.components) {
    groupRow(ws, component.id, `${component.name} (bobot ${component.weight})`, true);
    for (const sub of component.subComponents) {
      groupRow(ws, sub.id, `${sub.name} (bobot ${sub.weight})`, false);
      for (const criterion of sub.criteria) {
        const stored = input.answers.get(criterion.id) ?? {};
        const row = ws.addRow({
          id: criterion.id,
          text: criterion.text,
          evidence: criterion.evidence.join('; '),
          ...Object.fromEntries(
            STAGES.flatMap((s) => [
              [`${s}Answer`, stored[`${s}Answer`] ?? null],
              [`${s}Note`, stored[`${s}Note`] ?? null],
            ]),
          ),
          finalAnswer: stored.finalAnswer ?? null,
        });
        row.alignment = { wrapText: true, vertical: 'top' };
        if (input.stage) {
          const codes = answerScaleFor(input.ruleSet, sub, criterion).options.map((o) => o.code);
          const answer = row.getCell(answerColumn(input.stage));
          answer.dataValidation = {
            type: 'list',
            allowBlank: true,
            formulae: [`"${codes.join(',')}"`],
            showErrorMessage: true,
            errorTitle: 'Jawaban tidak valid',
            error: `Pilih salah satu: ${codes.join(', ')}.`,
          };
          for (const cell of [answer, row.getCell(noteColumn(input.stage))]) {
            cell.protection = { locked: false };
            cell.fill = EDIT_FILL;
          }
        }
      }
    }
  }
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  writeMeta(wb, LKE_META_SHEET, {
    template: LKE_TEMPLATE_VERSION,
    evaluationId: input.evaluationId,
    revision: String(input.revision),
    stage: input.stage ?? '',
    ruleSet: `${input.ruleSet.code} v${input.ruleSet.version}`,
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function groupRow(ws: ExcelJS.Worksheet, id: string, title: string, isComponent: boolean): void {
  const row = ws.addRow({ id, text: title });
  row.font = { bold: true, size: isComponent ? 12 : 11 };
  for (let c = 1; c <= LKE_COLUMNS.length; c++) row.getCell(c).fill = GROUP_FILL;
}

/** The LKE sheet and metadata of an uploaded workbook, as the sheet rules read them. */
export function readLkeWorkbook(wb: ExcelJS.Workbook): UploadedLkeSheet {
  const ws = wb.getWorksheet(LKE_SHEET);
  if (!ws) return { meta: readMeta(wb, LKE_META_SHEET), rows: null };
  const rows: RawRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n > LKE_HEADER_ROW) rows.push({ row: n, cells: LKE_COLUMNS.map((_, i) => rawCell(row.getCell(i + 1).value)) });
  });
  return { meta: readMeta(wb, LKE_META_SHEET), rows };
}
