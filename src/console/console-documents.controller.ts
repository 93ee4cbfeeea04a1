import { Get, Param, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequirePermission } from '../common/auth/decorators';
import { DOCX_MIME, PDF_MIME, sendFile } from '../common/http/file-download';
import { LheDocumentsService } from '../documents/lhe-documents.service';
import { LkjipDocumentsService } from '../documents/lkjip-documents.service';
import { PkDocumentsService } from '../documents/pk-documents.service';
import { ConsoleController } from './console-controller.decorator';
import { skpdOf, uuidParam } from './console-params';
import type { ConsoleRequest } from './console-session';
import { yearOf } from './console-year';

/**
 * Documents in the console, with the API's services and permissions: the PK as PDF (signed once signed, else the
 * draft), the LHE of a FINAL evaluation and the LKjIP draft as DOCX.
 */
@ConsoleController('')
export class ConsoleDocumentsController {
  constructor(
    private readonly pk: PkDocumentsService,
    private readonly lhe: LheDocumentsService,
    private readonly lkjip: LkjipDocumentsService,
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

  @RequirePermission('report.skpd')
  @Get('capaian/lkjip')
  async lkjipDocx(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    const scope = req.scope!;
    sendFile(res, DOCX_MIME, await this.lkjip.docx(scope, skpdOf(scope, req.query.skpd), yearOf(req.query.tahun)));
  }
}
