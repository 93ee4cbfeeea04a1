import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Decimal from 'decimal.js';
import { DataSource, type EntityManager, In, LessThanOrEqual, MoreThanOrEqual } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Exact, toFixedHalfUp } from '../common/decimal/exact';
import { DomainError, NotFoundError, StaleVersionError } from '../common/errors/domain-error';
import { canSeeSkpd, regionOf, type TenantScope } from '../common/tenancy/tenant-scope';
import { Region } from '../organization/entities/region.entity';
import { Skpd } from '../organization/entities/skpd.entity';
import { CapaianService } from '../performance/capaian.service';
import { PlanNode } from '../planning/entities/plan-node.entity';
import { PlanningPeriod } from '../planning/entities/planning-period.entity';
import {
  budgetWarnings,
  type BudgetLineInput,
  type BudgetTotals,
  rollUpBy,
  totalsOf,
  totalsUnder,
} from './domain/budget-rollup';
import {
  DEFAULT_EFFICIENCY,
  efficiencyOf,
  type EfficiencySettings,
  LABEL_TEXT,
  REASON_TEXT,
} from './domain/efficiency';
import type { PutBudgetSettingsDto } from './dto/budget.dto';
import { BudgetLine } from './entities/budget-line.entity';
import { BudgetNodeLink } from './entities/budget-node-link.entity';
import { BudgetSettings } from './entities/budget-settings.entity';
import { writeBudgetRecap } from './budget-recap-workbook';
import { writeEfficiencyWorkbook } from './efficiency-workbook';
import { NomenclatureService } from './nomenclature.service';

const text = (v: Decimal | null) => (v === null ? null : v.toFixed());
const percent = (v: Decimal | null) => (v === null ? null : { display: toFixedHalfUp(v, 2), exact: v.toFixed() });

/** Budget totals for the API: Rupiah as exact strings, serapan as a percentage (2-dp display and exact). */
export function totalsText(t: BudgetTotals) {
  return {
    subKegiatan: t.lines,
    paguOriginal: t.paguOriginal.toFixed(),
    pagu: t.pagu.toFixed(),
    revisedSubKegiatan: t.revisedLines,
    realisation: t.realisation.map((q) => q.toFixed()),
    realisationTotal: t.realisationTotal.toFixed(),
    serapan: percent(t.serapan),
    quartersWithoutRealisation: t.quartersWithout,
  };
}

export const toLineInput = (l: BudgetLine): BudgetLineInput => ({
  code: l.code,
  paguOriginal: l.paguOriginal,
  paguRevised: l.paguRevised,
  realisation: [l.q1Realisation, l.q2Realisation, l.q3Realisation, l.q4Realisation],
});

/** A program of an SKPD-year with its budget, for the PK's program and budget table and the LKjIP. */
export interface ProgramBudgetRow {
  code: string;
  program: string;
  paguOriginal: Decimal;
  pagu: Decimal;
  realisation: Decimal;
  serapan: Decimal | null;
}

/**
 * Budget read side (issue #19 items 2, 4, 5): roll-ups of an SKPD's budget per kegiatan and program, efficiency per
 * program and sasaran against capaian, the region's efficiency rule, and the program rows other modules print.
 */
@Injectable()
export class BudgetService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly nomenclature: NomenclatureService,
    private readonly capaian: CapaianService,
    private readonly audit: AuditService,
  ) {}

  async visibleSkpd(m: EntityManager, scope: TenantScope, skpdId: string): Promise<Skpd> {
    const skpd = await m.findOneBy(Skpd, { id: skpdId, regionId: regionOf(scope) });
    if (!skpd || !canSeeSkpd(scope, skpd.id)) throw new NotFoundError('SKPD');
    return skpd;
  }

  async linesOf(m: EntityManager, skpdIds: readonly string[], year: number): Promise<BudgetLine[]> {
    if (!skpdIds.length) return [];
    return m.find(BudgetLine, { where: { skpdId: In([...skpdIds]), year }, order: { code: 'ASC' } });
  }

  /** Program codes linked to the SKPD's PROGRAM nodes of the period covering the year. */
  private async treeOf(m: EntityManager, skpd: Skpd, year: number) {
    const periods = await m.find(PlanningPeriod, {
      where: { regionId: skpd.regionId, startYear: LessThanOrEqual(year), endYear: MoreThanOrEqual(year) },
    });
    const nodes = periods.length
      ? await m.find(PlanNode, {
          where: { regionId: skpd.regionId, skpdId: skpd.id, periodId: In(periods.map((p) => p.id)) },
          order: { code: 'ASC' },
        })
      : [];
    const links = nodes.length ? await m.find(BudgetNodeLink, { where: { nodeId: In(nodes.map((n) => n.id)) } }) : [];
    const codeOf = new Map(links.map((l) => [l.nodeId, l.code]));
    return { nodes, codeOf };
  }

  /** An SKPD's budget for a year (to a quarter): per sub-kegiatan, kegiatan and program, the SKPD, and warnings. */
  async overview(scope: TenantScope, skpdId: string, year: number, quarter?: number) {
    const m = this.db.manager;
    const skpd = await this.visibleSkpd(m, scope, skpdId);
    const upTo = (quarter ?? 4) as 1 | 2 | 3 | 4;
    const lines = (await this.linesOf(m, [skpd.id], year)).map(toLineInput);
    const { nodes, codeOf } = await this.treeOf(m, skpd, year);
    const linkedPrograms = new Set(
      nodes.filter((n) => n.kind === 'PROGRAM' && codeOf.has(n.id)).map((n) => codeOf.get(n.id)!),
    );
    const kegiatan = rollUpBy(lines, 'KEGIATAN', upTo);
    const programs = rollUpBy(lines, 'PROGRAM', upTo);
    const names = await this.nomenclature.namesOf(m, skpd.regionId, [
      ...lines.map((l) => l.code),
      ...kegiatan.map((k) => k.code),
      ...programs.map((p) => p.code),
    ]);
    const named = (g: { code: string; totals: BudgetTotals }) => ({
      code: g.code,
      name: names.get(g.code) ?? null,
      ...totalsText(g.totals),
    });
    return {
      skpdId: skpd.id,
      year,
      quarter: quarter ?? null,
      skpd: totalsText(totalsOf(lines, upTo)),
      programs: programs.map(named),
      kegiatan: kegiatan.map(named),
      subKegiatan: lines.map((l) => ({
        code: l.code,
        name: names.get(l.code) ?? null,
        paguOriginal: l.paguOriginal.toFixed(),
        paguRevised: text(l.paguRevised),
        realisation: l.realisation.map(text),
      })),
      warnings: budgetWarnings(lines, linkedPrograms, upTo),
    };
  }

  async settingsOf(m: EntityManager, regionId: string): Promise<EfficiencySettings & { version: number | null }> {
    const row = await m.findOneBy(BudgetSettings, { regionId });
    return row
      ? { rule: row.efficiencyRule, tolerance: row.tolerance, version: row.version }
      : { ...DEFAULT_EFFICIENCY, version: null };
  }

  async getSettings(scope: TenantScope) {
    const s = await this.settingsOf(this.db.manager, regionOf(scope));
    return { efficiencyRule: s.rule, tolerance: s.tolerance.toFixed(), version: s.version };
  }

  async putSettings(scope: TenantScope, dto: PutBudgetSettingsDto) {
    const regionId = regionOf(scope);
    return this.db.transaction(async (m) => {
      const row = await m.findOneBy(BudgetSettings, { regionId });
      const values = { efficiencyRule: dto.efficiencyRule, tolerance: new Exact(dto.tolerance) };
      if (row && row.version !== dto.version) throw new StaleVersionError('Budget settings');
      const version = row ? row.version + 1 : 1;
      if (!row) await m.insert(BudgetSettings, { regionId, ...values, version });
      else await m.update(BudgetSettings, { id: row.id, version: row.version }, { ...values, version });
      await this.audit.record(m, scope, {
        action: row ? 'UPDATE' : 'CREATE',
        entity: 'BudgetSettings',
        entityId: regionId,
        regionId,
        before: row ? { efficiencyRule: row.efficiencyRule, tolerance: row.tolerance.toFixed() } : null,
        after: { efficiencyRule: dto.efficiencyRule, tolerance: values.tolerance.toFixed() },
      });
      return { efficiencyRule: dto.efficiencyRule, tolerance: values.tolerance.toFixed(), version };
    });
  }

  /**
   * Efficiency of an SKPD's programs and sasaran for a year: capaian kinerja (the mean capaian of the PK indicators on
   * the node, from the capaian engine; a program without PK indicators of its own takes its sasaran's) against serapan (the budget under the node's linked codes: a program's own
   * code; a sasaran's PROGRAM children and their KEGIATAN), labelled by the region's rule.
   */
  async efficiency(scope: TenantScope, skpdId: string, year: number) {
    const m = this.db.manager;
    const skpd = await this.visibleSkpd(m, scope, skpdId);
    const settings = await this.settingsOf(m, skpd.regionId);
    const lines = (await this.linesOf(m, [skpd.id], year)).map(toLineInput);
    const { nodes, codeOf } = await this.treeOf(m, skpd, year);
    const capaian = await this.capaian.forSkpd(scope, { skpdId: skpd.id, year });
    const capaianOf = new Map(
      capaian.bySasaran.map((g) => [g.sasaranId, g.mean === null ? null : new Exact(g.mean.exact)] as const),
    );
    const children = (id: string) => nodes.filter((n) => n.parentId === id);
    const codesUnder = (node: PlanNode): string[] => {
      const own = codeOf.has(node.id) ? [codeOf.get(node.id)!] : [];
      return [...own, ...children(node.id).flatMap(codesUnder)];
    };
    const byId = new Map(nodes.map((n) => [n.id, n]));
    /** A node's own capaian; a program without indicators of its own is measured by the sasaran it serves. */
    const capaianFor = (node: PlanNode): { value: Decimal | null; from: string | null } => {
      if (capaianOf.has(node.id)) return { value: capaianOf.get(node.id)!, from: node.id };
      const parent = node.kind === 'PROGRAM' && node.parentId ? byId.get(node.parentId) : undefined;
      return parent?.kind === 'SASARAN' && capaianOf.has(parent.id)
        ? { value: capaianOf.get(parent.id)!, from: parent.id }
        : { value: null, from: null };
    };
    const row = (node: PlanNode, codes: string[]) => {
      const budget = totalsUnder(lines, codes);
      const { value: c, from } = capaianFor(node);
      const e = efficiencyOf(c, budget, settings);
      return {
        level: node.kind,
        nodeId: node.id,
        nodeCode: node.code,
        name: node.name,
        codes,
        capaian: percent(c),
        capaianNodeId: from,
        pagu: budget.pagu.toFixed(),
        realisation: budget.realisationTotal.toFixed(),
        serapan: percent(budget.serapan),
        difference: percent(e.difference),
        label: e.label,
        labelText: LABEL_TEXT[e.label],
        reason: e.reason,
        reasonText: e.reason ? REASON_TEXT[e.reason] : null,
      };
    };
    return {
      skpdId: skpd.id,
      year,
      rule: { efficiencyRule: settings.rule, tolerance: settings.tolerance.toFixed() },
      sasaran: nodes.filter((n) => n.kind === 'SASARAN').map((n) => row(n, codesUnder(n))),
      programs: nodes.filter((n) => n.kind === 'PROGRAM').map((n) => row(n, codesUnder(n))),
    };
  }

  /**
   * The region's budget-absorption recap per SKPD for a year: per budgeted SKPD its pagu (DPA and in force), TW I–IV
   * realisation, serapan and data-quality warnings, and the region's total. No budget in the year → 404 NO_BUDGET_DATA.
   */
  async regionRecapData(scope: TenantScope, year: number) {
    const m = this.db.manager;
    const regionId = regionOf(scope);
    const region = await m.findOneBy(Region, { id: regionId });
    if (!region) throw new NotFoundError('Region');
    const skpds = await m.find(Skpd, { where: { regionId }, order: { code: 'ASC' } });
    const all = await m.find(BudgetLine, { where: { regionId, year }, order: { code: 'ASC' } });
    if (!all.length) throw new DomainError('NO_BUDGET_DATA', 'not_found', `No budget data for ${year}`);
    const bySkpd = new Map<string, BudgetLineInput[]>();
    for (const l of all) bySkpd.set(l.skpdId, [...(bySkpd.get(l.skpdId) ?? []), toLineInput(l)]);
    const linked = await m.find(BudgetNodeLink, { where: { regionId } });
    const programNodes = new Set(
      (linked.length
        ? await m.find(PlanNode, {
            where: { id: In(linked.map((l) => l.nodeId)), kind: 'PROGRAM' },
            select: { id: true },
          })
        : []
      ).map((n) => n.id),
    );
    const linkedBySkpd = new Map<string, Set<string>>();
    for (const l of linked)
      if (l.skpdId && programNodes.has(l.nodeId))
        linkedBySkpd.set(l.skpdId, new Set([...(linkedBySkpd.get(l.skpdId) ?? []), l.code]));
    const figures = (t: BudgetTotals) => ({
      paguOriginal: t.paguOriginal.toFixed(),
      pagu: t.pagu.toFixed(),
      realisation: t.realisation.map((q) => q.toFixed()),
      realisationTotal: t.realisationTotal.toFixed(),
      serapan: t.serapan === null ? null : toFixedHalfUp(t.serapan, 2),
    });
    const rows = skpds
      .filter((s) => bySkpd.has(s.id))
      .map((s) => {
        const lines = bySkpd.get(s.id)!;
        return {
          skpdId: s.id,
          code: s.code,
          name: s.name,
          ...figures(totalsOf(lines)),
          warnings: budgetWarnings(lines, linkedBySkpd.get(s.id) ?? new Set()),
        };
      });
    return { region, year, rows, total: figures(totalsOf(all.map(toLineInput))) };
  }

  /** The region's budget-absorption recap per SKPD for a year (.xlsx); no budget in the year → 404 NO_BUDGET_DATA. */
  async regionRecap(scope: TenantScope, year: number): Promise<{ fileName: string; content: Buffer }> {
    const { region, rows, total } = await this.regionRecapData(scope, year);
    const content = await writeBudgetRecap({ regionName: region.name, year, rows, total });
    const slug = region.name.replace(/[^A-Za-z0-9.-]+/g, '-');
    return { fileName: `Rekap-Serapan-Anggaran-${slug}-${year}.xlsx`, content };
  }

  /**
   * The efficiency table of a year as .xlsx: one SKPD (`skpdId`), or every SKPD of the region the caller sees that has
   * a budget that year (planners: their own). No budget among them → 404 NO_BUDGET_DATA.
   */
  async efficiencyWorkbook(
    scope: TenantScope,
    year: number,
    skpdId?: string,
  ): Promise<{ fileName: string; content: Buffer }> {
    const m = this.db.manager;
    const regionId = regionOf(scope);
    const region = await m.findOneBy(Region, { id: regionId });
    if (!region) throw new NotFoundError('Region');
    const skpds = skpdId
      ? [await this.visibleSkpd(m, scope, skpdId)]
      : (await m.find(Skpd, { where: { regionId }, order: { code: 'ASC' } })).filter((s) => canSeeSkpd(scope, s.id));
    const budgeted = new Set(
      (skpds.length
        ? await m.find(BudgetLine, {
            where: { regionId, year, skpdId: In(skpds.map((s) => s.id)) },
            select: { skpdId: true },
          })
        : []
      ).map((l) => l.skpdId),
    );
    if (!budgeted.size) throw new DomainError('NO_BUDGET_DATA', 'not_found', `No budget data for ${year}`);
    const settings = await this.settingsOf(m, regionId);
    const tables = [];
    for (const s of skpds.filter((k) => budgeted.has(k.id))) {
      const e = await this.efficiency(scope, s.id, year);
      tables.push({ code: s.code, name: s.name, rows: [...e.sasaran, ...e.programs] });
    }
    const content = await writeEfficiencyWorkbook({
      regionName: region.name,
      year,
      rule: { efficiencyRule: settings.rule, tolerance: settings.tolerance.toFixed() },
      skpds: tables,
    });
    const subject = skpdId ? skpds[0].name : region.name;
    return { fileName: `Efisiensi-${subject.replace(/[^A-Za-z0-9.-]+/g, '-')}-${year}.xlsx`, content };
  }

  /**
   * The programs of an SKPD-year with their budget (the PK's "program dan anggaran" table, the LKjIP's budget
   * realisation): one row per budgeted program code, named from the nomenclature. Caller-scoped like every read.
   */
  async programBudgetRows(scope: TenantScope, skpdId: string, year: number): Promise<ProgramBudgetRow[]> {
    const m = this.db.manager;
    const skpd = await this.visibleSkpd(m, scope, skpdId);
    const lines = (await this.linesOf(m, [skpd.id], year)).map(toLineInput);
    const programs = rollUpBy(lines, 'PROGRAM');
    const names = await this.nomenclature.namesOf(
      m,
      skpd.regionId,
      programs.map((p) => p.code),
    );
    return programs.map((p) => ({
      code: p.code,
      program: names.get(p.code) ?? p.code,
      paguOriginal: p.totals.paguOriginal,
      pagu: p.totals.pagu,
      realisation: p.totals.realisationTotal,
      serapan: p.totals.serapan,
    }));
  }
}
