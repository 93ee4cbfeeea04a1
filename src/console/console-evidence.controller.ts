import { Get, Param, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequirePermission } from '../common/auth/decorators';
import { EvidenceService } from '../evidence/evidence.service';
import { ConsoleController } from './console-controller.decorator';
import { uuidParam } from './console-params';
import type { ConsoleRequest } from './console-session';

/** Same protections as GET /evidence/:id/download: an attachment in a sandbox, never rendered in the console's origin. */
const DOWNLOAD_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; sandbox; frame-ancestors 'none'; form-action 'none'; base-uri 'none'",
  'Cache-Control': 'private, no-store',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Evidence (bukti dukung) linked from realisation and LKE pages: EvidenceService decides who may read it. */
@ConsoleController('bukti')
export class ConsoleEvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @RequirePermission('evidence.read')
  @Get(':id')
  async download(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', uuidParam) id: string): Promise<void> {
    const d = await this.evidence.openDownload(req.scope!, id);
    res.set({
      ...DOWNLOAD_HEADERS,
      'Content-Type': d.mime,
      'Content-Length': String(d.size),
      'Content-Disposition': d.disposition,
    });
    const stream = d.handle.createReadStream({ autoClose: true });
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }
}
