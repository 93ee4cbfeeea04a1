import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { InvalidStateError } from '../common/errors/domain-error';
import type { DownloadFile } from '../common/http/file-download';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { findEvaluation, snapshotOf } from '../evaluation/evaluation-access';
import { EvaluationRecommendation } from '../evaluation/entities/evaluation-recommendation.entity';
import { signerOf } from '../organization/domain/signer';
import { Region } from '../organization/entities/region.entity';
import { Skpd } from '../organization/entities/skpd.entity';
import { ReportsService } from '../reporting/reports.service';
import { buildLheDocument } from './domain/lhe-document';
import { renderLheDocx } from './lhe-docx';

/**
 * The LHE of an SKPD's FINAL evaluation as an editable DOCX, with the same access as the evaluation itself
 * (evaluation.read; planners only their SKPD's). Signed as PDF: not yet (see the report of issue #18).
 */
@Injectable()
export class LheDocumentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reports: ReportsService,
  ) {}

  async docx(scope: TenantScope, evaluationId: string): Promise<DownloadFile> {
    const ev = await findEvaluation(this.db.manager, scope, evaluationId);
    if (ev.status !== 'FINAL' || ev.supersededAt)
      throw new InvalidStateError('EVALUATION_NOT_FINAL', 'The LHE is issued from the current FINAL evaluation');
    if (!ev.skpdId)
      throw new InvalidStateError(
        'LHE_SKPD_ONLY',
        'The LHE is issued per SKPD; the Pemda receives its LHE from KemenPAN-RB',
      );
    const region = await this.db.getRepository(Region).findOneByOrFail({ id: ev.regionId });
    const skpd = await this.db.getRepository(Skpd).findOneByOrFail({ id: ev.skpdId });
    const inspektorat = await this.db
      .getRepository(Skpd)
      .findOne({ where: { regionId: region.id, kind: 'INSPEKTORAT', active: true }, order: { code: 'ASC' } });
    const recommendations = await this.db
      .getRepository(EvaluationRecommendation)
      .find({ where: { regionId: ev.regionId, evaluationId: ev.id }, order: { createdAt: 'ASC', id: 'ASC' } });
    const model = buildLheDocument({
      year: ev.year,
      regionName: region.name,
      seatCity: region.seatCity,
      timezone: region.timezone,
      skpdName: skpd.name,
      ruleSetName: (await snapshotOf(this.db.manager, ev)).name,
      sheet: await this.reports.lkeSheetOf(scope, ev),
      recommendations: recommendations.map((r) => ({
        refId: r.refId,
        text: r.text,
        followUp: r.followUp,
        status: r.status,
        carried: r.carriedFromId !== null,
      })),
      inspector: inspektorat ? signerOf(inspektorat) : null,
      date: ev.finalizedAt ?? new Date(),
    });
    const fileName = `${model.fileStem}.docx`;
    return { content: await renderLheDocx(model), fileName };
  }
}
