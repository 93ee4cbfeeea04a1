import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { previewToken, type XlsxUpload } from '../common/excel/read-xlsx';
import { insertInChunks } from '../common/typeorm/insert-in-chunks';
import { capProblems, columnLetter, EMPTY, type RawCell, type SheetProblem } from '../common/excel/raw-cell';
import { ConflictError, NotFoundError, UnprocessableError } from '../common/errors/domain-error';
import { regionOf, type TenantScope } from '../common/tenancy/tenant-scope';
import { PlanNode } from '../planning/entities/plan-node.entity';
import { assertPlanVisible, assertPlanWritable } from '../planning/planning-access';
import { readBudgetUpload } from './budget-workbook';
import { locateColumns } from './domain/budget-sheet';
import { LEVEL_LABELS, normalizeCode } from './domain/nomenclature-code';
import { checkNomenclature, NOMENCLATURE_COLUMNS, type NomenclatureLine } from './domain/nomenclature-list';
import type { NomenclatureListQueryDto, PutNodeLinkDto } from './dto/nomenclature.dto';
import { BudgetNodeLink } from './entities/budget-node-link.entity';
import { NomenclatureEntry } from './entities/nomenclature-entry.entity';

export interface NomenclatureImportSummary {
  rows: number;
  added: number;
  renamed: number;
  unchanged: number;
}

/** Which nomenclature level a plan node of each kind links to. */
const LEVEL_OF_NODE = { PROGRAM: 'PROGRAM', KEGIATAN: 'KEGIATAN' } as const;

const INSERT_CHUNK = 400;

/**
 * A region's planning and budget nomenclature (issue #19 item 1): imported from a file (xlsx or CSV, columns Kode and
 * Nama) with preview → commit, all or nothing; new codes are added, names updated, nothing is ever deleted (budget
 * rows keep their codes). Plan nodes of kind PROGRAM / KEGIATAN are linked to codes of the same level.
 */
@Injectable()
export class NomenclatureService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(scope: TenantScope, query: NomenclatureListQueryDto) {
    const qb = this.db
      .getRepository(NomenclatureEntry)
      .createQueryBuilder('n')
      .where('n.regionId = :regionId', { regionId: regionOf(scope) })
      .orderBy('n.code', 'ASC');
    if (query.level) qb.andWhere('n.level = :level', { level: query.level });
    if (query.parentCode) qb.andWhere('n.parentCode = :parent', { parent: query.parentCode });
    const rows = await qb.take(query.limit ?? 500).getMany();
    return rows.map((r) => ({ code: r.code, level: r.level, parentCode: r.parentCode, name: r.name }));
  }

  async preview(scope: TenantScope, file: XlsxUpload | undefined) {
    const regionId = regionOf(scope);
    const { lines, sha256, sheet } = await this.readFile(file);
    const { summary } = await this.analyse(this.db.manager, regionId, lines, sheet);
    return { ...summary, previewToken: previewToken(`nomenclature|${regionId}`, 0, sha256) };
  }

  async commit(scope: TenantScope, file: XlsxUpload | undefined, token: string | undefined) {
    const regionId = regionOf(scope);
    const { lines, sha256, sheet } = await this.readFile(file);
    if (!token || token !== previewToken(`nomenclature|${regionId}`, 0, sha256))
      throw new ConflictError('PREVIEW_STALE', 'Preview this file first: the file differs from the previewed one');
    return this.db.transaction(async (m) => {
      const { summary, toInsert, toRename } = await this.analyse(m, regionId, lines, sheet);
      await insertInChunks(
        m,
        NomenclatureEntry,
        toInsert.map((e) => ({ ...e, regionId })),
        INSERT_CHUNK,
      );
      for (const r of toRename) await m.update(NomenclatureEntry, { id: r.id }, { name: r.name });
      if (toInsert.length || toRename.length)
        await this.audit.record(m, scope, {
          action: 'IMPORT_NOMENCLATURE',
          entity: 'Nomenclature',
          entityId: regionId,
          regionId,
          after: { fileSha256: sha256, ...summary },
        });
      return summary;
    });
  }

  /** Links a PROGRAM / KEGIATAN plan node the caller may write to a code of the same level (null code: unlink). */
  async putLink(scope: TenantScope, dto: PutNodeLinkDto) {
    const regionId = regionOf(scope);
    return this.db.transaction(async (m) => {
      const node = assertPlanVisible(scope, await m.findOneBy(PlanNode, { id: dto.nodeId }), 'Plan node');
      assertPlanWritable(scope, node.skpdId);
      const level = LEVEL_OF_NODE[node.kind as keyof typeof LEVEL_OF_NODE];
      if (!level)
        throw new UnprocessableError('NODE_NOT_LINKABLE', 'Only PROGRAM and KEGIATAN nodes link to nomenclature codes');
      const existing = await m.findOneBy(BudgetNodeLink, { nodeId: node.id });
      if (dto.code === null) {
        if (existing) await m.delete(BudgetNodeLink, { id: existing.id });
        return { nodeId: node.id, code: null, name: null };
      }
      const code = normalizeCode(dto.code);
      const entry = await m.findOneBy(NomenclatureEntry, { regionId, code });
      if (!entry) throw new NotFoundError('Nomenclature code');
      if (entry.level !== level)
        throw new UnprocessableError(
          'CODE_LEVEL_MISMATCH',
          `A ${node.kind} node links to a ${LEVEL_LABELS[level]} code; ${code} is a ${LEVEL_LABELS[entry.level]}`,
        );
      if (existing) await m.update(BudgetNodeLink, { id: existing.id }, { code });
      else await m.insert(BudgetNodeLink, { regionId, skpdId: node.skpdId, nodeId: node.id, code });
      await this.audit.record(m, scope, {
        action: 'LINK_NOMENCLATURE',
        entity: 'PlanNode',
        entityId: node.id,
        regionId,
        before: existing ? { code: existing.code } : null,
        after: { code },
      });
      return { nodeId: node.id, code, name: entry.name };
    });
  }

  private async readFile(file: XlsxUpload | undefined) {
    const { workbook, sha256 } = await readBudgetUpload(file, 'Nomenklatur');
    const problems: SheetProblem[] = [];
    const located = locateColumns(workbook, NOMENCLATURE_COLUMNS, problems);
    if (!located)
      throw new UnprocessableError(
        'NOMENCLATURE_INVALID',
        'The file has no Kode/Nama header; nothing was written',
        problems.map((p) => ({ ...p })),
      );
    const codeAt = located.columns.get('code')!;
    const nameAt = located.columns.get('name')!;
    const text = (c: RawCell | undefined) =>
      !c ? '' : c.kind === 'text' ? c.text : c.kind === 'number' ? String(c.value) : '';
    const lines: NomenclatureLine[] = workbook.rows
      .filter((r) => r.row > located.headerRow)
      .filter((r) => (r.cells[codeAt] ?? EMPTY).kind !== 'empty' || (r.cells[nameAt] ?? EMPTY).kind !== 'empty')
      .map((r) => ({
        row: r.row,
        columns: { code: columnLetter(codeAt + 1), name: columnLetter(nameAt + 1) },
        code: text(r.cells[codeAt]),
        name: text(r.cells[nameAt]),
      }));
    return { lines, sha256, sheet: workbook.sheet };
  }

  private async analyse(m: EntityManager, regionId: string, lines: NomenclatureLine[], sheet: string) {
    const current = await m.find(NomenclatureEntry, { where: { regionId } });
    const byCode = new Map(current.map((c) => [c.code, c]));
    const { entries, problems } = checkNomenclature(lines, new Set(byCode.keys()), sheet);
    if (problems.length)
      throw new UnprocessableError(
        'NOMENCLATURE_INVALID',
        `The file has ${problems.length} problem(s); nothing was written`,
        capProblems(problems).map((p) => ({ ...p })),
      );
    const toInsert = entries.filter((e) => !byCode.has(e.code));
    const toRename = entries
      .filter((e) => byCode.has(e.code) && byCode.get(e.code)!.name !== e.name)
      .map((e) => ({ id: byCode.get(e.code)!.id, name: e.name }));
    const summary: NomenclatureImportSummary = {
      rows: entries.length,
      added: toInsert.length,
      renamed: toRename.length,
      unchanged: entries.length - toInsert.length - toRename.length,
    };
    return { summary, toInsert, toRename };
  }

  /** Sub-kegiatan codes of the region (what budget rows may name). */
  async subKegiatanCodes(m: EntityManager, regionId: string): Promise<Set<string>> {
    const rows = await m.find(NomenclatureEntry, {
      where: { regionId, level: 'SUB_KEGIATAN' },
      select: { code: true },
    });
    return new Set(rows.map((r) => r.code));
  }

  /** Names of the given codes in the region. */
  async namesOf(m: EntityManager, regionId: string, codes: readonly string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (let i = 0; i < codes.length; i += 500) {
      const rows = await m.find(NomenclatureEntry, { where: { regionId, code: In(codes.slice(i, i + 500)) } });
      for (const r of rows) names.set(r.code, r.name);
    }
    return names;
  }
}
