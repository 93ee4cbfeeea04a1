import { Body, Get, Param, Post, Req, Res, UploadedFile } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import { RequirePermission } from '../common/auth/decorators';
import { PkExcelService } from '../planning/excel/pk-excel.service';
import type { XlsxUpload } from '../common/excel/read-xlsx';
import { PkService } from '../planning/pk.service';
import { ConsoleController } from './console-controller.decorator';
import { ConsoleUpload } from './console-upload';
import { excelProblems, type ExcelPageLinks } from './console-excel';
import { uuidParam } from './console-params';
import { sendXlsx } from '../common/excel/xlsx-http';
import type { ConsoleRequest } from './console-session';
import { ConsoleViews } from './console-views';

/**
 * The PK's Excel round-trip in the console: template download, upload with a preview, then commit of the same file
 * (PkExcelService, as behind /pk/:id/excel). Nothing is kept between preview and commit: the preview token binds the
 * file's bytes and the PK version, so the planner chooses the same file again to save it.
 */
@ConsoleController('pk/:id/excel')
export class ConsolePkExcelController {
  constructor(
    private readonly views: ConsoleViews,
    private readonly excel: PkExcelService,
    private readonly pk: PkService,
  ) {}

  @RequirePermission('planning.read')
  @Get()
  async template(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', uuidParam) id: string): Promise<void> {
    sendXlsx(res, await this.excel.template(req.scope!, id));
  }

  /** The upload form. */
  @RequirePermission('planning.write')
  @Get('unggah')
  uploadPage(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', uuidParam) id: string): Promise<void> {
    return this.page(req, res, id, {});
  }

  @RequirePermission('planning.write')
  @Post('pratinjau')
  @ConsoleUpload(FileInterceptor('berkas'))
  async preview(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('id', uuidParam) id: string,
    @UploadedFile() file: XlsxUpload | undefined,
  ): Promise<void> {
    try {
      const p = await this.excel.preview(req.scope!, id, file);
      const lines = [
        `${p.rows} baris dibaca; PK akan memuat ${p.inPk} indikator.`,
        `${p.added} ditambahkan, ${p.updated} diubah, ${p.unchanged} tetap.`,
        ...(p.removed.length ? [`Dikeluarkan dari PK: ${p.removed.join(', ')}.`] : []),
        ...(p.settingsChanged.length ? [`Pengaturan indikator berubah: ${p.settingsChanged.join(', ')}.`] : []),
      ];
      await this.page(req, res, id, { preview: { lines, token: p.previewToken } });
    } catch (err) {
      await this.failed(req, res, id, err);
    }
  }

  @RequirePermission('planning.write')
  @Post('simpan')
  @ConsoleUpload(FileInterceptor('berkas'))
  async commit(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('id', uuidParam) id: string,
    @UploadedFile() file: XlsxUpload | undefined,
    @Body() form: Record<string, string | undefined>,
  ): Promise<void> {
    try {
      const done = await this.excel.commit(req.scope!, id, file, form.previewToken);
      const pk = await this.pk.get(req.scope!, done.pkId);
      res.redirect(303, `/konsol/pk?tahun=${pk.year}&skpd=${pk.skpdId}&ok=1`);
    } catch (err) {
      await this.failed(req, res, id, err);
    }
  }

  private async failed(req: ConsoleRequest, res: Response, id: string, err: unknown): Promise<void> {
    const shown = excelProblems(err);
    if (!shown) throw err;
    await this.page(req, res, id, shown, 422);
  }

  private async page(
    req: ConsoleRequest,
    res: Response,
    id: string,
    model: Record<string, unknown>,
    status = 200,
  ): Promise<void> {
    const pk = await this.pk.get(req.scope!, id);
    const links: ExcelPageLinks = {
      title: `Unggah Excel PK ${pk.year}`,
      subtitle: `Revisi ${pk.revision} · ${pk.status}`,
      templateHref: `/konsol/pk/${id}/excel`,
      previewAction: `/konsol/pk/${id}/excel/pratinjau`,
      commitAction: `/konsol/pk/${id}/excel/simpan`,
      backHref: `/konsol/pk?tahun=${pk.year}&skpd=${pk.skpdId}`,
    };
    this.views.render(req, res, 'unggah-excel', { ...links, ...model }, status);
  }
}
