import { Get, Param, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequirePermission } from '../common/auth/decorators';
import { PkDocumentsService } from '../documents/pk-documents.service';
import { ConsoleController } from './console-controller.decorator';
import { uuidParam } from './console-params';
import type { ConsoleRequest } from './console-session';

/** The PK as a PDF in the console (PkDocumentsService, as behind /pk/:id/document.pdf): signed once signed, else the draft. */
@ConsoleController('pk/:id/dokumen')
export class ConsolePkDocumentController {
  constructor(private readonly documents: PkDocumentsService) {}

  @RequirePermission('planning.read')
  @Get()
  async pdf(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', uuidParam) id: string): Promise<void> {
    const file = await this.documents.document(req.scope!, id);
    res.set({
      'Content-Type': 'application/pdf',
      'Content-Disposition': file.disposition,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    });
    res.end(file.content);
  }
}
