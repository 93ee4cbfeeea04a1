import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Decimal from 'decimal.js';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { insertInChunks } from '../common/typeorm/insert-in-chunks';
import { ParsedUploads, sha256Of } from '../common/excel/parsed-uploads';
import { previewToken, type XlsxUpload } from '../common/excel/read-xlsx';
import { capProblems, type SheetProblem } from '../common/excel/raw-cell';
import { ConflictError, NotFoundError, UnprocessableError } from '../common/errors/domain-error';
import { canSeeSkpd, regionOf, type TenantScope } from '../common/tenancy/tenant-scope';
import { Skpd } from '../organization/entities/skpd.entity';
import { readBudgetUpload } from './budget-workbook';
import {
  type BudgetFileKind,
  type BudgetRawWorkbook,
  type BudgetSheetContext,
  readDpaSheet,
  readRealisationSheet,
  SHEET_NAMES,
} from './domain/budget-sheet';
import { BudgetLine } from './entities/budget-line.entity';
import { NomenclatureService } from './nomenclature.service';

export interface BudgetImportSummary {
  kind: BudgetFileKind;
  skpdId: string;
  year: number;
  /** Data rows read. */
  rows: number;
  added: number;
  updated: number;
  unchanged: number;
}

type LineValues = Pick<
  BudgetLine,
  'paguOriginal' | 'paguRevised' | 'q1Realisation' | 'q2Realisation' | 'q3Realisation' | 'q4Realisation'
>;
type Change = { code: string; values: Partial<LineValues> };

const INSERT_CHUNK = 300;
const sorted = (codes: ReadonlySet<string>) => [...codes].sort();

/** The rows of a budget sheet as the values they set, or its problems (pure: the sheet rules). */
function readChanges(
  kind: BudgetFileKind,
  workbook: BudgetRawWorkbook,
  ctx: BudgetSheetContext,
): { changes: Change[]; problems: SheetProblem[] } {
  if (kind === 'DPA') {
    const read = readDpaSheet(workbook, ctx);
    return {
      problems: read.problems,
      changes: read.rows.map((r) => ({ code: r.code, values: { paguOriginal: r.pagu, paguRevised: r.revised } })),
    };
  }
  const read = readRealisationSheet(workbook, ctx);
  return {
    problems: read.problems,
    changes: read.rows.map((r) => ({
      code: r.code,
      values: {
        q1Realisation: r.quarters[0],
        q2Realisation: r.quarters[1],
        q3Realisation: r.quarters[2],
        q4Realisation: r.quarters[3],
      },
    })),
  };
}
const eq = (a: Decimal | null, b: Decimal | null) => (a === null || b === null ? a === b : a.eq(b));

/**
 * Excel (or CSV) import of an SKPD's budget for a year (issue #19 item 3), in the SIPD export layouts: the DPA / DPA-P
 * (pagu and pagu perubahan per sub-kegiatan) and the realisation (amount spent per quarter). Same contract as the PK
 * import: preview lists every problem by sheet, row and column in Indonesian (422 BUDGET_EXCEL_INVALID) or a change
 * summary and a previewToken; commit re-checks everything inside one transaction and writes all rows or none (reusing
 * the preview's parse of the same bytes, see ParsedUploads). The
 * file is authoritative for the rows it lists (an empty pagu perubahan or quarter cell is stored as empty); rows not
 * in the file are left as they are. Re-importing the same file changes nothing.
 */
@Injectable()
export class BudgetImportService {
  private readonly parsed = new ParsedUploads<BudgetRawWorkbook>();
  private readonly checked = new ParsedUploads<{ changes: Change[]; problems: SheetProblem[] }>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly nomenclature: NomenclatureService,
    private readonly audit: AuditService,
  ) {}

  async preview(scope: TenantScope, kind: BudgetFileKind, skpdId: string, year: number, file: XlsxUpload | undefined) {
    const skpd = await this.writableSkpd(this.db.manager, scope, skpdId);
    const { workbook, sha256 } = await this.readUpload(kind, file);
    const { summary } = await this.analyse(this.db.manager, kind, skpd, year, workbook, sha256);
    return { ...summary, previewToken: this.token(kind, skpd.id, year, sha256) };
  }

  async commit(
    scope: TenantScope,
    kind: BudgetFileKind,
    skpdId: string,
    year: number,
    file: XlsxUpload | undefined,
    token: string | undefined,
  ): Promise<BudgetImportSummary> {
    await this.writableSkpd(this.db.manager, scope, skpdId);
    const { workbook, sha256 } = await this.readUpload(kind, file);
    if (!token || token !== this.token(kind, skpdId, year, sha256))
      throw new ConflictError('PREVIEW_STALE', 'Preview this file first: the file differs from the previewed one');
    return this.db.transaction(async (m) => {
      const skpd = await this.writableSkpd(m, scope, skpdId);
      const { summary, inserts, updates } = await this.analyse(m, kind, skpd, year, workbook, sha256);
      await insertInChunks(
        m,
        BudgetLine,
        inserts.map((c) => ({ regionId: skpd.regionId, skpdId: skpd.id, year, code: c.code, ...c.values })),
        INSERT_CHUNK,
      );
      for (const u of updates) await m.update(BudgetLine, { skpdId: skpd.id, year, code: u.code }, u.values);
      if (inserts.length || updates.length)
        await this.audit.record(m, scope, {
          action: kind === 'DPA' ? 'IMPORT_BUDGET' : 'IMPORT_BUDGET_REALISATION',
          entity: 'Skpd',
          entityId: skpd.id,
          regionId: skpd.regionId,
          after: { fileSha256: sha256, ...summary },
        });
      return summary;
    });
  }

  /** The upload read as the sheet rules see it; a commit reuses its preview's parse of the same bytes (ParsedUploads). */
  private async readUpload(kind: BudgetFileKind, file: XlsxUpload | undefined) {
    const { value, sha256 } = await this.parsed.read(
      kind,
      file?.buffer,
      async () => {
        const { workbook, sha256 } = await readBudgetUpload(file, SHEET_NAMES[kind]);
        return { value: workbook, sha256 };
      },
      (wb) => wb.rows.reduce((n, r) => n + r.cells.length, 0),
    );
    return { workbook: value, sha256 };
  }

  private token = (kind: BudgetFileKind, skpdId: string, year: number, sha256: string) =>
    previewToken(`budget|${kind}|${skpdId}|${year}`, 0, sha256);

  /** Planners import their own SKPD's budget; the region admin any SKPD of the region. Another region's: 404. */
  private async writableSkpd(m: EntityManager, scope: TenantScope, skpdId: string): Promise<Skpd> {
    const skpd = await m.findOneBy(Skpd, { id: skpdId, regionId: regionOf(scope) });
    if (!skpd || !canSeeSkpd(scope, skpd.id)) throw new NotFoundError('SKPD');
    return skpd;
  }

  private async analyse(
    m: EntityManager,
    kind: BudgetFileKind,
    skpd: Skpd,
    year: number,
    workbook: BudgetRawWorkbook,
    sha256: string,
  ): Promise<{ summary: BudgetImportSummary; inserts: Change[]; updates: Change[] }> {
    const current = new Map(
      (await m.find(BudgetLine, { where: { skpdId: skpd.id, year } })).map((l) => [l.code, l] as const),
    );
    const ctx: BudgetSheetContext = {
      skpdCode: skpd.code,
      subKegiatan: await this.nomenclature.subKegiatanCodes(m, skpd.regionId),
      budgeted: kind === 'REALISATION' ? new Set(current.keys()) : undefined,
    };
    // The sheet rules are a pure function of the file and this context: when both are exactly the preview's, the
    // commit takes the preview's result instead of running them again.
    const context = [ctx.skpdCode, sorted(ctx.subKegiatan), ctx.budgeted ? sorted(ctx.budgeted) : null];
    const key = `${kind}|${sha256}|${sha256Of(Buffer.from(JSON.stringify(context)))}`;
    const { changes, problems } =
      this.checked.get(key) ?? this.checked.keep(key, readChanges(kind, workbook, ctx), workbook.rows.length);
    if (problems.length)
      throw new UnprocessableError(
        'BUDGET_EXCEL_INVALID',
        `The workbook has ${problems.length} problem(s); nothing was written`,
        capProblems(problems).map((p) => ({ ...p })),
      );
    const inserts: Change[] = [];
    const updates: Change[] = [];
    for (const c of changes) {
      const before = current.get(c.code);
      if (!before) inserts.push(c);
      else if (Object.entries(c.values).some(([k, v]) => !eq(before[k as keyof LineValues], v as Decimal | null)))
        updates.push(c);
    }
    return {
      summary: {
        kind,
        skpdId: skpd.id,
        year,
        rows: changes.length,
        added: inserts.length,
        updated: updates.length,
        unchanged: changes.length - inserts.length - updates.length,
      },
      inserts,
      updates,
    };
  }
}
