import ExcelJS from 'exceljs';
import { BudgetImportService } from '../../src/budget/budget-import.service';
import { readBudgetWorkbook } from '../../src/budget/budget-workbook';
import { SHEET_NAMES } from '../../src/budget/domain/budget-sheet';
import { BudgetLine } from '../../src/budget/entities/budget-line.entity';
import { NomenclatureEntry } from '../../src/budget/entities/nomenclature-entry.entity';
import { NomenclatureService } from '../../src/budget/nomenclature.service';
import { Skpd } from '../../src/organization/entities/skpd.entity';
import { benchScope, type BenchContext } from '../context';
import { pad } from '../dataset/shared';
import { check, type Figure, round, timedPair } from '../measure';

export const TITLE = 'Budget DPA import (preview + commit), every SKPD, vs parsing the files';
const YEAR = 2025;

/** 15 programs × 10 kegiatan × 10 sub-kegiatan per 1,500 (fewer at small scale), all under bidang 1.02. */
function subKegiatanCodes(count: number): { nomenclature: string[][]; subs: string[] } {
  const nomenclature = [
    ['Kode', 'Nama'],
    ['1', 'URUSAN (BENCH)'],
    ['1.02', 'BIDANG (BENCH)'],
  ];
  const subs: string[] = [];
  for (let p = 1; subs.length < count; p++) {
    const program = `1.02.${pad(p, 2)}`;
    nomenclature.push([program, `Program ${p}`]);
    for (let k = 1; k <= 10 && subs.length < count; k++) {
      const kegiatan = `${program}.2.${pad(k, 2)}`;
      nomenclature.push([kegiatan, `Kegiatan ${p}.${k}`]);
      for (let s = 1; s <= 10 && subs.length < count; s++) {
        const sub = `${kegiatan}.${pad(s, 4)}`;
        nomenclature.push([sub, `Sub kegiatan ${p}.${k}.${s}`]);
        subs.push(sub);
      }
    }
  }
  return { nomenclature, subs };
}

/**
 * The SIPD-like DPA of one SKPD: title rows, header on row 3, one row per sub-kegiatan (every 7th revised). `run` goes
 * into the file's properties only: each timed run imports new bytes, as uploads are (the import keeps a preview's
 * parse for its commit, keyed by the bytes, and would otherwise find the previous run's).
 */
async function dpaWorkbook(skpdCode: string, subs: readonly string[], offset: number, run: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.lastModifiedBy = `bench run ${run}`;
  const ws = wb.addWorksheet('DPA');
  ws.getCell(1, 1).value = 'DOKUMEN PELAKSANAAN ANGGARAN';
  ws.getRow(3).values = ['Kode SKPD', 'Kode Sub Kegiatan', 'Nama Sub Kegiatan', 'Pagu', 'Pagu Perubahan'];
  subs.forEach((code, i) => {
    const pagu = 10_000_000 + ((i * 7919 + offset * 104_729) % 990_000) * 1000;
    ws.getRow(4 + i).values = [skpdCode, code, `Sub kegiatan ${i + 1}`, pagu, i % 7 === 0 ? pagu - 1_000_000 : null];
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * (f) The budget of every SKPD of the province (60 × 1,500 sub-kegiatan at full scale): BudgetImportService.preview +
 * commit of each SKPD's DPA workbook (each run starts with no budget lines, with files of new bytes) vs exceljs load +
 * readBudgetWorkbook of the same 60 files (the import's own parse).
 */
export async function budgetImportCase(ctx: BenchContext): Promise<Figure> {
  const scope = benchScope(ctx, 'REGION_ADMIN');
  const perSkpd = ctx.scale.name === 'full' ? 1_500 : 150;
  const { nomenclature, subs } = subKegiatanCodes(perSkpd);
  const nomenclatureService = ctx.app.get(NomenclatureService);
  if (!(await ctx.ds.getRepository(NomenclatureEntry).exists({ where: { regionId: scope.regionId! } }))) {
    const file = { buffer: Buffer.from(nomenclature.map((r) => r.join(',')).join('\n')) };
    const { previewToken } = await nomenclatureService.preview(scope, file);
    await nomenclatureService.commit(scope, file, previewToken);
  }
  const skpds = await ctx.ds.getRepository(Skpd).find({ where: { regionId: scope.regionId! }, order: { code: 'ASC' } });
  const filesOf = (run: number) =>
    Promise.all(skpds.map(async (s, i) => ({ skpd: s, buffer: await dpaWorkbook(s.code, subs, i, run) })));
  let files = await filesOf(0);
  let run = 0;
  const imports = ctx.app.get(BudgetImportService);
  const reset = async () => {
    await ctx.ds.getRepository(BudgetLine).delete({ regionId: scope.regionId!, year: YEAR });
    files = await filesOf(++run); // untimed: new bytes for this run
  };
  const importAll = async () => {
    for (const f of files) {
      const preview = await imports.preview(scope, 'DPA', f.skpd.id, YEAR, f);
      await imports.commit(scope, 'DPA', f.skpd.id, YEAR, f, preview.previewToken);
    }
  };
  const parseAll = async () => {
    for (const f of files) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(f.buffer as unknown as ExcelJS.Buffer);
      readBudgetWorkbook(wb, SHEET_NAMES.DPA);
    }
  };
  const runs = Math.min(ctx.runs, 3);
  const { subject: imported, baseline: parse } = await timedPair(importAll, parseAll, {
    runs,
    warmup: 0,
    before: reset,
  });
  const written = await ctx.ds.getRepository(BudgetLine).countBy({ regionId: scope.regionId!, year: YEAR });
  const ratio = imported.ms / parse.ms;
  return {
    case: 'f',
    title: TITLE,
    dialect: ctx.dialect,
    status: 'measured',
    measured: { label: 'BudgetImportService.preview + commit per SKPD', value: imported.ms, unit: 'ms' },
    baseline: { label: 'exceljs load + readBudgetWorkbook (parse only)', value: parse.ms, unit: 'ms' },
    checks: [check('ratio', ratio, '×', '<=', 3)],
    details: {
      skpd: files.length,
      subKegiatanPerSkpd: perSkpd,
      linesWritten: written,
      fileBytes: files.reduce((s, f) => s + f.buffer.length, 0),
      importRunsMs: imported.runs.join(' '),
      parseRunsMs: parse.runs.join(' '),
      ratio: round(ratio),
    },
    note: written === files.length * perSkpd ? undefined : `${written} lines written for ${files.length * perSkpd}`,
  };
}
