import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';
import { BudgetService } from '../budget/budget.service';
import { DomainError } from '../common/errors/domain-error';
import { regionOf } from '../common/tenancy/tenant-scope';
import { CapaianService } from '../performance/capaian.service';
import { Region } from '../organization/entities/region.entity';
import { PlanNode } from '../planning/entities/plan-node.entity';
import type { DownloadFile } from '../common/http/file-download';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { Realisation } from '../performance/entities/realisation.entity';
import { Indicator } from '../planning/entities/indicator.entity';
import { ReportsService } from '../reporting/reports.service';
import { buildLkjipDocument, pemdaCapaianTable, type PemdaIkuCapaian } from './domain/lkjip-document';
import { renderLkjipDocx } from './lkjip-docx';

/**
 * The LKjIP draft of an SKPD as DOCX, with the same access as its capaian table (report.skpd; planners only their
 * SKPD's). The figures are the capaian table's (ReportsService.capaianTableOf), the explanations the year's
 * realisation notes. The Pemda's LKjIP (region-wide callers, report.region) is built from the Pemda capaian API
 * (its IKU measured through the SKPD indicators cascading to them).
 */
@Injectable()
export class LkjipDocumentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reports: ReportsService,
    private readonly capaian: CapaianService,
    private readonly budgets: BudgetService,
  ) {}

  /** The Pemda's LKjIP draft for a year: chapter III per IKU Pemda; 404 NO_CAPAIAN_DATA without IKU. */
  async pemdaDocx(scope: TenantScope, year: number): Promise<DownloadFile> {
    const regionId = regionOf(scope);
    const region = await this.db.getRepository(Region).findOneByOrFail({ id: regionId });
    const current = await this.capaian.forPemda(scope, { year });
    if (current.iku.length === 0)
      throw new DomainError('NO_CAPAIAN_DATA', 'not_found', `The Pemda has no IKU for ${year}`);
    const previous = await this.capaian.forPemda(scope, { year: year - 1 });
    const iku = current.iku as PemdaIkuCapaian[];
    const indicators = await this.db
      .getRepository(Indicator)
      .find({ where: { regionId, id: In(iku.map((i) => i.indicatorId)) } });
    const nodes = await this.db
      .getRepository(PlanNode)
      .find({ where: { regionId, id: In([...new Set(iku.map((i) => i.sasaranId))]) } });
    const table = pemdaCapaianTable({
      current: iku,
      previous: previous.iku as PemdaIkuCapaian[],
      mean: current.pemda.mean,
      sasaran: new Map(nodes.map((n) => [n.id, { code: n.code, name: n.name }])),
      endTargets: new Map(indicators.map((i) => [i.id, i.endTarget ? i.endTarget.toFixed() : null])),
    });
    const model = buildLkjipDocument({
      year,
      regionName: region.name,
      skpdName: region.name,
      table,
      periodEndYear: null,
      notes: new Map(),
    });
    return { content: await renderLkjipDocx(model), fileName: `${model.fileStem}.docx` };
  }

  async docx(scope: TenantScope, skpdId: string, year: number): Promise<DownloadFile> {
    const { region, skpd, table, periodEndYear } = await this.reports.capaianTableOf(scope, skpdId, year);
    // capaianTableOf already refuses a year without an approved PK with indicators (404 NO_CAPAIAN_DATA).
    const model = buildLkjipDocument({
      year,
      regionName: region.name,
      skpdName: skpd.name,
      table,
      periodEndYear,
      notes: await this.notesByIndicatorCode(
        region.id,
        skpd.id,
        year,
        table.rows.map((r) => r.indicatorCode),
      ),
      budget: await this.budgetOf(scope, skpd.id, year),
      efficiency: await this.efficiencyOf(scope, skpd.id, year),
    });
    const fileName = `${model.fileStem}.docx`;
    return { content: await renderLkjipDocx(model), fileName };
  }

  /** The SKPD's programs with pagu and realisation of the year (undefined: no budget data, the section says so). */
  private async budgetOf(scope: TenantScope, skpdId: string, year: number) {
    const rows = await this.budgets.programBudgetRows(scope, skpdId, year);
    return rows.length
      ? rows.map((r) => ({
          program: `${r.code} ${r.program}`,
          pagu: r.pagu.toFixed(0),
          realisasi: r.realisation.toFixed(0),
        }))
      : undefined;
  }

  /** Per sasaran code: pagu, realisasi, serapan and efficiency exactly as GET /budget/efficiency gives them. */
  private async efficiencyOf(scope: TenantScope, skpdId: string, year: number) {
    const { sasaran } = await this.budgets.efficiency(scope, skpdId, year);
    return new Map(
      sasaran.map((s) => [
        s.nodeCode,
        { pagu: s.pagu, realisation: s.realisation, serapan: s.serapan?.display ?? null, labelText: s.labelText },
      ]),
    );
  }

  /** Kendala and rencana tindak lanjut of the year's realisations, per indicator code, quarter by quarter. */
  private async notesByIndicatorCode(regionId: string, skpdId: string, year: number, codes: string[]) {
    const notes = new Map<string, { problems: string[]; followUps: string[] }>();
    const indicators = await this.db.getRepository(Indicator).find({ where: { regionId, skpdId, code: In(codes) } });
    if (indicators.length === 0) return notes;
    const codeOf = new Map(indicators.map((i) => [i.id, i.code]));
    const rows = await this.db.getRepository(Realisation).find({
      where: { regionId, skpdId, year, indicatorId: In([...codeOf.keys()]) },
      order: { quarter: 'ASC' },
    });
    for (const r of rows) {
      const code = codeOf.get(r.indicatorId)!;
      const entry = notes.get(code) ?? { problems: [], followUps: [] };
      if (r.problems?.trim()) entry.problems.push(`TW ${r.quarter}: ${r.problems.trim()}`);
      if (r.followUpPlan?.trim()) entry.followUps.push(`TW ${r.quarter}: ${r.followUpPlan.trim()}`);
      notes.set(code, entry);
    }
    return notes;
  }
}
