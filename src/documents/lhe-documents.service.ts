import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { InvalidStateError } from '../common/errors/domain-error';
import type { DownloadFile } from '../common/http/file-download';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { findEvaluation, snapshotOf } from '../evaluation/evaluation-access';
import type { Evaluation } from '../evaluation/entities/evaluation.entity';
import { EvaluationRecommendation } from '../evaluation/entities/evaluation-recommendation.entity';
import { printedTitle, type Signer, signerOf } from '../organization/domain/signer';
import { Region } from '../organization/entities/region.entity';
import { Skpd } from '../organization/entities/skpd.entity';
import { ReportsService } from '../reporting/reports.service';
import { DocumentSigningService, type SignableDocument } from './document-signing.service';
import { buildLheDocument, type LheDocumentModel } from './domain/lhe-document';
import type { DocumentStatusDto, SignDocumentDto } from './dto/documents.dto';
import { renderLheDocx } from './lhe-docx';
import { renderLhePdf } from './lhe-pdf';

interface LheSource {
  ev: Evaluation;
  region: Region;
  skpd: Skpd;
  inspector: Signer | null;
  model: LheDocumentModel;
}

/**
 * The LHE of an SKPD's FINAL evaluation, with the same access as the evaluation itself (evaluation.read; planners
 * only their SKPD's): an editable DOCX, and a PDF signed by the Inspektur (the head recorded on the region's
 * Inspektorat) through the configured signing provider, verifiable on /verifikasi like the PK. The evaluator (or the
 * region admin on the Inspektur's behalf) signs; the PDF is a draft watermarked "DRAF" until then.
 */
@Injectable()
export class LheDocumentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reports: ReportsService,
    private readonly signing: DocumentSigningService,
  ) {}

  async docx(scope: TenantScope, evaluationId: string): Promise<DownloadFile> {
    const { model } = await this.source(scope, evaluationId);
    return { content: await renderLheDocx(model), fileName: `${model.fileStem}.docx` };
  }

  /** The signed PDF once signed, else a draft watermarked "DRAF". */
  async pdf(scope: TenantScope, evaluationId: string): Promise<DownloadFile> {
    const { ev, model } = await this.source(scope, evaluationId);
    const signed = await this.signing.signedContent('LHE', ev.id);
    if (signed) return { content: signed, fileName: `${model.fileStem}.pdf` };
    return {
      content: await renderLhePdf(model, { draft: true, verifyUrl: null }),
      fileName: `${model.fileStem}-DRAF.pdf`,
    };
  }

  async signedFile(scope: TenantScope, evaluationId: string): Promise<DownloadFile> {
    const { ev, model } = await this.source(scope, evaluationId);
    const signed = await this.signing.signedContent('LHE', ev.id);
    if (!signed) throw DocumentSigningService.notSigned('LHE');
    return { content: signed, fileName: `${model.fileStem}.pdf` };
  }

  async status(scope: TenantScope, evaluationId: string): Promise<DocumentStatusDto> {
    return this.signing.status(this.signable(await this.source(scope, evaluationId)));
  }

  /** Signs as the Inspektur: an evaluator of the region, or the region admin on the Inspektur's behalf. */
  async sign(scope: TenantScope, evaluationId: string, dto: SignDocumentDto): Promise<DocumentStatusDto> {
    const source = await this.source(scope, evaluationId);
    const { ev, region, skpd, model, inspector } = source;
    return this.signing.sign(scope, this.signable(source), {
      maySignAs: { INSPECTOR: ['EVALUATOR', 'REGION_ADMIN'] },
      signerOf: () => (inspector ? { name: inspector.name, title: printedTitle(inspector), nip: inspector.nip } : null),
      missingField: {
        INSPECTOR: {
          field: 'inspektorat.headName',
          message: 'Nama dan jabatan kepala Inspektorat (SKPD jenis INSPEKTORAT) belum diisi.',
        },
      },
      render: (verifyUrl) => renderLhePdf(model, { draft: false, verifyUrl }),
      title: `LAPORAN HASIL EVALUASI AKUNTABILITAS KINERJA TAHUN ${ev.year}`,
      issuer: `${skpd.name.toUpperCase()} – ${region.name.toUpperCase()}`,
      location: region.seatCity ?? region.name,
      reason: () => `Laporan Hasil Evaluasi SAKIP Tahun ${ev.year}`,
      audit: { entity: 'Evaluation', entityId: ev.id },
      credentials: { nik: dto.nik, passphrase: dto.passphrase },
    });
  }

  private signable(s: LheSource): SignableDocument {
    return {
      kind: 'LHE',
      subjectId: s.ev.id,
      regionId: s.ev.regionId,
      skpdId: s.ev.skpdId,
      timezone: s.region.timezone,
      parties: ['INSPECTOR'],
      signable: true,
    };
  }

  /** The evaluation (tenancy as for the evaluation), 409 unless it is the current FINAL one of an SKPD. */
  private async source(scope: TenantScope, evaluationId: string): Promise<LheSource> {
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
    const inspector = inspektorat ? signerOf(inspektorat) : null;
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
      inspector,
      date: ev.finalizedAt ?? new Date(),
    });
    return { ev, region, skpd, inspector, model };
  }
}
