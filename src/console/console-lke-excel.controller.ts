import { Body, Get, Param, Post, Req, Res, UploadedFile } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import type { XlsxUpload } from '../common/excel/read-xlsx';
import { RequirePermission } from '../common/auth/decorators';
import { LkeExcelService } from '../evaluation/excel/lke-excel.service';
import { EvaluationsService } from '../evaluation/evaluations.service';
import { ConsoleController } from './console-controller.decorator';
import { labelOf } from './console-labels';
import { ConsoleUpload } from './console-upload';
import { excelProblems, type ExcelPageLinks } from './console-excel';
import { uuidParam } from './console-params';
import { sendXlsx } from '../common/excel/xlsx-http';
import type { ConsoleRequest } from './console-session';
import { ConsoleViews } from './console-views';

/**
 * The LKE worksheet offline in the console: download, upload with a preview (changes, total and predicate after
 * them, consistency findings), commit of the same file (LkeExcelService, as behind /evaluations/:id/lke-excel).
 */
@ConsoleController('lke/:id/excel')
export class ConsoleLkeExcelController {
  constructor(
    private readonly views: ConsoleViews,
    private readonly excel: LkeExcelService,
    private readonly evaluations: EvaluationsService,
  ) {}

  @RequirePermission('evaluation.read')
  @Get()
  async template(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', uuidParam) id: string): Promise<void> {
    sendXlsx(res, await this.excel.template(req.scope!, id));
  }

  /** The upload form. */
  @RequirePermission('evaluation.answer-sheet')
  @Get('unggah')
  uploadPage(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', uuidParam) id: string): Promise<void> {
    return this.page(req, res, id, {});
  }

  @RequirePermission('evaluation.answer-sheet')
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
        `${p.changes.length} jawaban atau catatan berubah (tahap ${labelOf('stage', p.stage)}).`,
        `Sesudah perubahan: nilai ${p.after.total ?? '–'}, predikat ${p.after.predicate ?? '–'}, ${p.after.missing.length} kriteria belum dijawab.`,
        ...p.violations.map(
          (v) =>
            `${labelOf('severity', v.severity)} · kriteria ${v.criterionId} terhadap ${v.referenceId}: ${v.message}`,
        ),
      ];
      await this.page(req, res, id, { preview: { lines, token: p.previewToken } });
    } catch (err) {
      await this.failed(req, res, id, err);
    }
  }

  @RequirePermission('evaluation.answer-sheet')
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
      await this.excel.commit(req.scope!, id, file, form.previewToken);
    } catch (err) {
      return this.failed(req, res, id, err);
    }
    res.redirect(303, `/konsol/lke/${id}?ok=1`);
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
    const ev = await this.evaluations.get(req.scope!, id);
    const links: ExcelPageLinks = {
      title: `Unggah Excel LKE ${ev.skpdName ?? 'Pemda'} ${ev.year}`,
      subtitle: `Tahap ${ev.status} · revisi ${ev.revision}`,
      templateHref: `/konsol/lke/${id}/excel`,
      previewAction: `/konsol/lke/${id}/excel/pratinjau`,
      commitAction: `/konsol/lke/${id}/excel/simpan`,
      backHref: `/konsol/lke/${id}`,
    };
    this.views.render(req, res, 'unggah-excel', { ...links, ...model }, status);
  }
}
