import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequirePermission } from '../common/auth/decorators';
import { DomainError, NotFoundError } from '../common/errors/domain-error';
import { DOCX_MIME, PDF_MIME, sendFile } from '../common/http/file-download';
import { DocumentSigningService } from '../documents/document-signing.service';
import type { DocumentStatusDto } from '../documents/dto/documents.dto';
import { SignDocumentDto } from '../documents/dto/documents.dto';
import { LheDocumentsService } from '../documents/lhe-documents.service';
import { LkjipDocumentsService } from '../documents/lkjip-documents.service';
import { PkDocumentsService } from '../documents/pk-documents.service';
import { ConsoleController } from './console-controller.decorator';
import { validateForm } from './console-forms';
import { messageFor } from './console-messages';
import { skpdOf, uuidParam } from './console-params';
import type { ConsoleRequest } from './console-session';
import { ConsoleViews } from './console-views';
import { yearOf } from './console-year';

type Form = Record<string, string | undefined>;
type Kind = 'pk' | 'lhe';

/** What the signer reads when signing fails (the API's codes), else the console's generic sentence. */
const SIGNING_MESSAGES: Record<string, string> = {
  SIGNING_NOT_CONFIGURED: 'Tanda tangan elektronik belum dikonfigurasi di server ini (SIGNING_PROVIDER).',
  SIGNING_GATEWAY_UNAVAILABLE: 'Layanan tanda tangan elektronik sedang tidak dapat dihubungi. Coba lagi nanti.',
  SIGNING_REFUSED: 'Layanan tanda tangan elektronik menolak permintaan (periksa NIK dan passphrase).',
  SIGNING_CREDENTIALS_REQUIRED: 'Isi NIK dan passphrase penanda tangan.',
  SIGNING_CERTIFICATE_UNUSABLE: 'Sertifikat penandatanganan server tidak dapat dipakai; hubungi administrator.',
  SIGNER_MISSING: 'Nama dan jabatan penanda tangan belum diisi pada data SKPD / daerah.',
  SIGNING_OUT_OF_ORDER: 'Urutan penandatanganan: kepala SKPD lebih dahulu, lalu kepala daerah.',
  DOCUMENT_COMPLETE: 'Dokumen ini sudah ditandatangani semua pihak.',
  PK_NOT_AGREED: 'Hanya PK yang sudah disetujui yang dapat ditandatangani.',
  PK_SUPERSEDED: 'Revisi PK ini sudah digantikan; tandatangani revisi terbaru.',
  SIGNING_CONFLICT: 'Dokumen baru saja ditandatangani orang lain; muat ulang halaman.',
  FORBIDDEN: 'Peran Anda tidak dapat menandatangani sebagai pihak ini.',
};

const TITLES: Record<Kind, string> = { pk: 'Perjanjian Kinerja', lhe: 'Laporan Hasil Evaluasi' };

/**
 * Documents in the console, with the API's services and permissions: the PK and the LHE as PDF (signed once signed,
 * else the draft), the LHE and the LKjIP draft as DOCX, and the signing form of the PK and the LHE (the configured
 * provider; NIK and passphrase asked only when the provider needs them, never kept).
 */
@ConsoleController('')
export class ConsoleDocumentsController {
  constructor(
    private readonly views: ConsoleViews,
    private readonly pk: PkDocumentsService,
    private readonly lhe: LheDocumentsService,
    private readonly lkjip: LkjipDocumentsService,
    private readonly signing: DocumentSigningService,
  ) {}

  @RequirePermission('planning.read')
  @Get('pk/:id/dokumen')
  async pkPdf(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', uuidParam) id: string): Promise<void> {
    sendFile(res, PDF_MIME, await this.pk.document(req.scope!, id));
  }

  @RequirePermission('evaluation.read')
  @Get('lke/:id/lhe')
  async lheDocx(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', uuidParam) id: string): Promise<void> {
    sendFile(res, DOCX_MIME, await this.lhe.docx(req.scope!, id));
  }

  @RequirePermission('evaluation.read')
  @Get('lke/:id/lhe-pdf')
  async lhePdf(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', uuidParam) id: string): Promise<void> {
    sendFile(res, PDF_MIME, await this.lhe.pdf(req.scope!, id));
  }

  @RequirePermission('report.skpd')
  @Get('capaian/lkjip')
  async lkjipDocx(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    const scope = req.scope!;
    sendFile(res, DOCX_MIME, await this.lkjip.docx(scope, skpdOf(scope, req.query.skpd), yearOf(req.query.tahun)));
  }

  /** Who signed, who signs next, and the signing form: /konsol/tanda-tangan/pk/:id or /konsol/tanda-tangan/lhe/:id. */
  @RequirePermission('document.sign')
  @Get('tanda-tangan/:kind/:id')
  async signPage(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('kind') kind: string,
    @Param('id', uuidParam) id: string,
  ): Promise<void> {
    const k = this.kindOf(kind);
    await this.render(req, res, k, id, await this.statusOf(req, k, id), {
      notice: req.query.ok === '1' ? 'Dokumen berhasil ditandatangani.' : undefined,
    });
  }

  @RequirePermission('document.sign')
  @Post('tanda-tangan/:kind/:id')
  async sign(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('kind') kind: string,
    @Param('id', uuidParam) id: string,
    @Body() form: Form,
  ): Promise<void> {
    const k = this.kindOf(kind);
    const scope = req.scope!;
    const checked = await validateForm(SignDocumentDto, {
      ...(form.nik?.trim() ? { nik: form.nik.trim() } : {}),
      ...(form.passphrase ? { passphrase: form.passphrase } : {}),
    });
    if (!checked.ok)
      return this.render(req, res, k, id, await this.statusOf(req, k, id), {
        summary: 'Periksa isian yang ditandai.',
        errors: checked.errors,
        nik: form.nik ?? '',
        status: 422,
      });
    try {
      if (k === 'pk') await this.pk.sign(scope, id, checked.dto);
      else await this.lhe.sign(scope, id, checked.dto);
    } catch (err) {
      if (!(err instanceof DomainError) || err.kind === 'not_found') throw err;
      const errors: Record<string, string> = {};
      for (const e of (err.errors ?? []) as { field?: string; messages?: string[] }[])
        if (e.field === 'nik' || e.field === 'passphrase') errors[e.field] = e.messages?.[0] ?? 'Wajib diisi.';
      // The passphrase is never sent back into the page.
      return this.render(req, res, k, id, await this.statusOf(req, k, id), {
        summary: SIGNING_MESSAGES[err.code] ?? messageFor(err.code),
        errors,
        nik: form.nik ?? '',
        status: err.kind === 'upstream' ? 502 : err.kind === 'forbidden' ? 403 : 422,
      });
    }
    res.redirect(303, `/konsol/tanda-tangan/${k}/${id}?ok=1`);
  }

  private kindOf(kind: string): Kind {
    if (kind !== 'pk' && kind !== 'lhe') throw new NotFoundError('Page');
    return kind;
  }

  private statusOf(req: ConsoleRequest, kind: Kind, id: string): Promise<DocumentStatusDto> {
    return kind === 'pk' ? this.pk.status(req.scope!, id) : this.lhe.status(req.scope!, id);
  }

  private render(
    req: ConsoleRequest,
    res: Response,
    kind: Kind,
    id: string,
    status: DocumentStatusDto,
    extra: { summary?: string; notice?: string; errors?: Record<string, string>; nik?: string; status?: number },
  ): void {
    const download = kind === 'pk' ? `/konsol/pk/${id}/dokumen` : `/konsol/lke/${id}/lhe-pdf`;
    this.views.render(
      req,
      res,
      'tanda-tangan',
      {
        title: `Tanda tangan elektronik – ${TITLES[kind]}`,
        documentTitle: TITLES[kind],
        action: `/konsol/tanda-tangan/${kind}/${id}`,
        download,
        back: kind === 'pk' ? '/konsol/pk' : `/konsol/lke/${id}`,
        status,
        needsCredentials: this.signing.needsCredentials,
        summary: extra.summary,
        notice: extra.notice,
        errors: extra.errors ?? {},
        nik: extra.nik ?? '',
      },
      extra.status ?? 200,
    );
  }
}
