import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';
import type { DownloadFile } from '../common/http/file-download';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { Realisation } from '../performance/entities/realisation.entity';
import { Indicator } from '../planning/entities/indicator.entity';
import { ReportsService } from '../reporting/reports.service';
import { buildLkjipDocument } from './domain/lkjip-document';
import { renderLkjipDocx } from './lkjip-docx';

/**
 * The LKjIP draft of an SKPD as DOCX, with the same access as its capaian table (report.skpd; planners only their
 * SKPD's). The figures are the capaian table's (ReportsService.capaianTableOf), the explanations the year's
 * realisation notes. The Pemda's LKjIP (from the Pemda capaian) is not built yet.
 */
@Injectable()
export class LkjipDocumentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reports: ReportsService,
  ) {}

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
    });
    const fileName = `${model.fileStem}.docx`;
    return { content: await renderLkjipDocx(model), fileName };
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
