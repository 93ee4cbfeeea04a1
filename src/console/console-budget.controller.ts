import { Body, Get, Param, Post, Req, Res, UploadedFile } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import { BudgetImportService } from '../budget/budget-import.service';
import { WARNING_LABELS } from '../budget/budget-recap-workbook';
import { BudgetService } from '../budget/budget.service';
import { NomenclatureService } from '../budget/nomenclature.service';
import type { BudgetFileKind } from '../budget/domain/budget-sheet';
import { RequirePermission } from '../common/auth/decorators';
import { DomainError } from '../common/errors/domain-error';
import type { XlsxUpload } from '../common/excel/read-xlsx';
import { sendXlsx } from '../common/excel/xlsx-http';
import { roleHas } from '../auth/roles';
import { SkpdService } from '../organization/skpd.service';
import { ConsoleController } from './console-controller.decorator';
import { excelProblems } from './console-excel';
import { notFound, skpdOf } from './console-params';
import type { ConsoleRequest } from './console-session';
import { ConsoleUpload } from './console-upload';
import { ConsoleViews } from './console-views';
import { yearOf } from './console-year';

/** The two budget files an SKPD uploads, by their address word. */
const KINDS: Record<string, { kind: BudgetFileKind; label: string; columns: string }> = {
  dpa: {
    kind: 'DPA',
    label: 'DPA / DPA-P',
    columns: 'Kode SKPD, Kode Sub Kegiatan, Nama Sub Kegiatan, Pagu (murni) dan Pagu Perubahan (bila ada)',
  },
  realisasi: {
    kind: 'REALISATION',
    label: 'Realisasi Anggaran',
    columns: 'Kode SKPD, Kode Sub Kegiatan, Uraian, Realisasi TW I, TW II, TW III dan TW IV',
  },
};
const kindOf = (raw: string) => {
  const k = KINDS[raw];
  if (!k) throw notFound();
  return k;
};
const warningsOf = (warnings: readonly { code: keyof typeof WARNING_LABELS; subject: string; message: string }[]) =>
  warnings.map((w) => ({ ...w, label: WARNING_LABELS[w.code] }));

/**
 * Budget absorption in the console (issue #19): an SKPD's pagu (DPA and in force), TW I–IV realisation, serapan,
 * efficiency per sasaran and program and the data-quality warnings (planners: their SKPD; region-wide roles any, or
 * without `?skpd` the region's recap per SKPD), the workbook downloads, and the DPA / realisation imports (preview →
 * commit of the same file, as the API's BudgetImportService).
 */
@ConsoleController('anggaran')
export class ConsoleBudgetController {
  constructor(
    private readonly views: ConsoleViews,
    private readonly budget: BudgetService,
    private readonly imports: BudgetImportService,
    private readonly skpd: SkpdService,
    private readonly nomenclature: NomenclatureService,
  ) {}

  @RequirePermission('budget.read')
  @Get()
  async page(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    const scope = req.scope!;
    const year = yearOf(req.query.tahun);
    if (!scope.skpdId && !req.query.skpd && roleHas(scope.role, 'report.region'))
      return this.regionPage(req, res, year);
    const skpdId = skpdOf(scope, req.query.skpd);
    const [skpd, overview, efficiency] = await Promise.all([
      this.skpd.get(scope, skpdId),
      this.budget.overview(scope, skpdId, year),
      this.budget.efficiency(scope, skpdId, year),
    ]);
    this.views.render(req, res, 'anggaran', {
      title: `Anggaran ${skpd.name} ${year}`,
      year,
      skpd,
      overview,
      efficiency,
      warnings: warningsOf(overview.warnings),
      canImport: roleHas(scope.role, 'budget.write'),
      backToRegion: !scope.skpdId,
      notice: req.query.ok === '1' ? 'Berkas anggaran disimpan.' : undefined,
    });
  }

  private async regionPage(req: ConsoleRequest, res: Response, year: number): Promise<void> {
    let recap: Awaited<ReturnType<BudgetService['regionRecapData']>> | null = null;
    try {
      recap = await this.budget.regionRecapData(req.scope!, year);
    } catch (err) {
      if (!(err instanceof DomainError && err.code === 'NO_BUDGET_DATA')) throw err;
    }
    this.views.render(req, res, 'anggaran-wilayah', {
      title: `Serapan Anggaran ${year}`,
      year,
      canManage: roleHas(req.scope!.role, 'budget.manage'),
      notice: req.query.ok === '1' ? 'Nomenklatur disimpan.' : undefined,
      recap: recap && {
        ...recap,
        rows: recap.rows.map((r) => ({ ...r, warnings: warningsOf(r.warnings) })),
        warningCount: recap.rows.reduce((n, r) => n + r.warnings.length, 0),
      },
    });
  }

  /** The region's absorption recap per SKPD (.xlsx), as GET /budget/recap. */
  @RequirePermission('report.region')
  @Get('unduh/rekap')
  async recap(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    sendXlsx(res, await this.budget.regionRecap(req.scope!, yearOf(req.query.tahun)));
  }

  /** The efficiency table (.xlsx) of one SKPD (`?skpd`, planners their own) or every budgeted SKPD the caller sees. */
  @RequirePermission('budget.read')
  @Get('unduh/efisiensi')
  async efficiency(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    const scope = req.scope!;
    const skpdId = scope.skpdId || req.query.skpd ? skpdOf(scope, req.query.skpd) : undefined;
    sendXlsx(res, await this.budget.efficiencyWorkbook(scope, yearOf(req.query.tahun), skpdId));
  }

  @RequirePermission('budget.write')
  @Get('impor/:jenis')
  uploadPage(@Req() req: ConsoleRequest, @Res() res: Response, @Param('jenis') jenis: string): Promise<void> {
    return this.uploadView(req, res, jenis, {});
  }

  @RequirePermission('budget.write')
  @Post('impor/:jenis/pratinjau')
  @ConsoleUpload(FileInterceptor('berkas'))
  async preview(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('jenis') jenis: string,
    @UploadedFile() file: XlsxUpload | undefined,
  ): Promise<void> {
    const { kind } = kindOf(jenis);
    try {
      const p = await this.imports.preview(
        req.scope!,
        kind,
        skpdOf(req.scope!, req.query.skpd),
        yearOf(req.query.tahun),
        file,
      );
      const lines = [
        `${p.rows} baris sub kegiatan dibaca.`,
        `${p.added} ditambahkan, ${p.updated} diubah, ${p.unchanged} tetap.`,
      ];
      await this.uploadView(req, res, jenis, { preview: { lines, token: p.previewToken } });
    } catch (err) {
      await this.failed(req, res, jenis, err);
    }
  }

  @RequirePermission('budget.write')
  @Post('impor/:jenis/simpan')
  @ConsoleUpload(FileInterceptor('berkas'))
  async commit(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('jenis') jenis: string,
    @UploadedFile() file: XlsxUpload | undefined,
    @Body() form: Record<string, string | undefined>,
  ): Promise<void> {
    const { kind } = kindOf(jenis);
    const skpdId = skpdOf(req.scope!, req.query.skpd);
    const year = yearOf(req.query.tahun);
    try {
      await this.imports.commit(req.scope!, kind, skpdId, year, file, form.previewToken);
      res.redirect(303, `/konsol/anggaran?tahun=${year}&skpd=${skpdId}&ok=1`);
    } catch (err) {
      await this.failed(req, res, jenis, err);
    }
  }

  /** The region's nomenclature list (region admin): preview, then the same file to save. */
  @RequirePermission('budget.manage')
  @Get('nomenklatur')
  nomenclaturePage(@Req() req: ConsoleRequest, @Res() res: Response): void {
    this.nomenclatureView(req, res, {});
  }

  @RequirePermission('budget.manage')
  @Post('nomenklatur/pratinjau')
  @ConsoleUpload(FileInterceptor('berkas'))
  async nomenclaturePreview(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @UploadedFile() file: XlsxUpload | undefined,
  ): Promise<void> {
    try {
      const p = await this.nomenclature.preview(req.scope!, file);
      const lines = [
        `${p.rows} kode dibaca.`,
        `${p.added} ditambahkan, ${p.renamed} berganti nama, ${p.unchanged} tetap.`,
      ];
      this.nomenclatureView(req, res, { preview: { lines, token: p.previewToken } });
    } catch (err) {
      const shown = excelProblems(err);
      if (!shown) throw err;
      this.nomenclatureView(req, res, shown, 422);
    }
  }

  @RequirePermission('budget.manage')
  @Post('nomenklatur/simpan')
  @ConsoleUpload(FileInterceptor('berkas'))
  async nomenclatureCommit(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @UploadedFile() file: XlsxUpload | undefined,
    @Body() form: Record<string, string | undefined>,
  ): Promise<void> {
    try {
      await this.nomenclature.commit(req.scope!, file, form.previewToken);
      res.redirect(303, `/konsol/anggaran?tahun=${yearOf(req.query.tahun)}&ok=1`);
    } catch (err) {
      const shown = excelProblems(err);
      if (!shown) throw err;
      this.nomenclatureView(req, res, shown, 422);
    }
  }

  private nomenclatureView(req: ConsoleRequest, res: Response, model: Record<string, unknown>, status = 200): void {
    const query = `?tahun=${yearOf(req.query.tahun)}`;
    this.views.render(
      req,
      res,
      'unggah-excel',
      {
        title: 'Impor Nomenklatur Daerah',
        subtitle: 'Urusan, bidang urusan, program, kegiatan dan sub kegiatan; kolom yang dibaca: Kode dan Nama',
        previewAction: `/konsol/anggaran/nomenklatur/pratinjau${query}`,
        commitAction: `/konsol/anggaran/nomenklatur/simpan${query}`,
        backHref: `/konsol/anggaran${query}`,
        fileLabel: 'Berkas nomenklatur (.xlsx atau CSV)',
        accept: '.xlsx,.csv',
        ...model,
      },
      status,
    );
  }

  private async failed(req: ConsoleRequest, res: Response, jenis: string, err: unknown): Promise<void> {
    const shown = excelProblems(err);
    if (!shown) throw err;
    await this.uploadView(req, res, jenis, shown, 422);
  }

  private async uploadView(
    req: ConsoleRequest,
    res: Response,
    jenis: string,
    model: Record<string, unknown>,
    status = 200,
  ): Promise<void> {
    const k = kindOf(jenis);
    const scope = req.scope!;
    const year = yearOf(req.query.tahun);
    const skpd = await this.skpd.get(scope, skpdOf(scope, req.query.skpd));
    const query = `?tahun=${year}&skpd=${skpd.id}`;
    this.views.render(
      req,
      res,
      'unggah-excel',
      {
        title: `Impor ${k.label} ${year}`,
        subtitle: `${skpd.name} · kolom yang dibaca: ${k.columns}`,
        previewAction: `/konsol/anggaran/impor/${jenis}/pratinjau${query}`,
        commitAction: `/konsol/anggaran/impor/${jenis}/simpan${query}`,
        backHref: `/konsol/anggaran${query}`,
        fileLabel: 'Berkas Excel (.xlsx) ekspor SIPD atau CSV',
        accept: '.xlsx,.csv',
        ...model,
      },
      status,
    );
  }
}
