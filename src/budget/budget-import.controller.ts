import { Body, Controller, Post, Query, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentScope, RequirePermission } from '../common/auth/decorators';
import type { XlsxUpload } from '../common/excel/read-xlsx';
import { XlsxUploadRoute } from '../common/excel/xlsx-http';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { BudgetImportService } from './budget-import.service';
import { BudgetImportPreviewDto, BudgetImportSummaryDto, BudgetSkpdQueryDto } from './dto/budget.dto';
import {
  BudgetCommitDto,
  BudgetCommitFormDto,
  BudgetFileFormDto,
  NomenclatureImportSummaryDto,
  NomenclaturePreviewDto,
} from './dto/nomenclature.dto';
import { NomenclatureService } from './nomenclature.service';

/** File imports of the budget: the region's nomenclature, an SKPD's DPA and realisation (preview → commit). */
@ApiTags('budget')
@ApiBearerAuth()
@Controller('budget')
export class BudgetImportController {
  constructor(
    private readonly imports: BudgetImportService,
    private readonly nomenclature: NomenclatureService,
  ) {}

  /** Dry run of a nomenclature file (xlsx or CSV, columns Kode and Nama): 422 NOMENCLATURE_INVALID or a summary. */
  @RequirePermission('budget.manage')
  @Post('nomenclature/preview')
  @XlsxUploadRoute(BudgetFileFormDto)
  previewNomenclature(
    @CurrentScope() scope: TenantScope,
    @UploadedFile() file: XlsxUpload | undefined,
  ): Promise<NomenclaturePreviewDto> {
    return this.nomenclature.preview(scope, file);
  }

  /** Writes the previewed nomenclature file: new codes added, names updated, in one transaction. */
  @RequirePermission('budget.manage')
  @Post('nomenclature/commit')
  @XlsxUploadRoute(BudgetCommitFormDto)
  commitNomenclature(
    @CurrentScope() scope: TenantScope,
    @UploadedFile() file: XlsxUpload | undefined,
    @Body() dto: BudgetCommitDto,
  ): Promise<NomenclatureImportSummaryDto> {
    return this.nomenclature.commit(scope, file, dto.previewToken);
  }

  /** Dry run of an SKPD's DPA / DPA-P file: 422 BUDGET_EXCEL_INVALID (sheet, row, column) or a change summary. */
  @RequirePermission('budget.write')
  @Post('dpa/preview')
  @XlsxUploadRoute(BudgetFileFormDto)
  previewDpa(
    @CurrentScope() scope: TenantScope,
    @Query() q: BudgetSkpdQueryDto,
    @UploadedFile() file: XlsxUpload | undefined,
  ): Promise<BudgetImportPreviewDto> {
    return this.imports.preview(scope, 'DPA', q.skpdId, q.year, file);
  }

  /** Writes the previewed DPA file (same bytes, with its previewToken) in one transaction, all rows or none. */
  @RequirePermission('budget.write')
  @Post('dpa/commit')
  @XlsxUploadRoute(BudgetCommitFormDto)
  commitDpa(
    @CurrentScope() scope: TenantScope,
    @Query() q: BudgetSkpdQueryDto,
    @UploadedFile() file: XlsxUpload | undefined,
    @Body() dto: BudgetCommitDto,
  ): Promise<BudgetImportSummaryDto> {
    return this.imports.commit(scope, 'DPA', q.skpdId, q.year, file, dto.previewToken);
  }

  /** Dry run of an SKPD's realisation file (spent per quarter): 422 BUDGET_EXCEL_INVALID or a change summary. */
  @RequirePermission('budget.write')
  @Post('realisation/preview')
  @XlsxUploadRoute(BudgetFileFormDto)
  previewRealisation(
    @CurrentScope() scope: TenantScope,
    @Query() q: BudgetSkpdQueryDto,
    @UploadedFile() file: XlsxUpload | undefined,
  ): Promise<BudgetImportPreviewDto> {
    return this.imports.preview(scope, 'REALISATION', q.skpdId, q.year, file);
  }

  /** Writes the previewed realisation file in one transaction, all rows or none. */
  @RequirePermission('budget.write')
  @Post('realisation/commit')
  @XlsxUploadRoute(BudgetCommitFormDto)
  commitRealisation(
    @CurrentScope() scope: TenantScope,
    @Query() q: BudgetSkpdQueryDto,
    @UploadedFile() file: XlsxUpload | undefined,
    @Body() dto: BudgetCommitDto,
  ): Promise<BudgetImportSummaryDto> {
    return this.imports.commit(scope, 'REALISATION', q.skpdId, q.year, file, dto.previewToken);
  }
}
