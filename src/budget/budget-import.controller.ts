import { Body, Controller, Param, ParseEnumPipe, Post, Query, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentScope, RequirePermission } from '../common/auth/decorators';
import type { XlsxUpload } from '../common/excel/read-xlsx';
import { XlsxUploadRoute } from '../common/excel/xlsx-http';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { BudgetImportService } from './budget-import.service';
import type { BudgetFileKind } from './domain/budget-sheet';
import { BudgetImportPreviewDto, BudgetImportSummaryDto, BudgetSkpdQueryDto } from './dto/budget.dto';
import {
  BudgetCommitDto,
  BudgetCommitFormDto,
  BudgetFileFormDto,
  NomenclatureImportSummaryDto,
  NomenclaturePreviewDto,
} from './dto/nomenclature.dto';
import { NomenclatureService } from './nomenclature.service';

/** `dpa` (pagu DPA / DPA-P) or `realisation` (amounts spent per quarter). */
const KINDS: Record<string, BudgetFileKind> = { dpa: 'DPA', realisation: 'REALISATION' };
const kindParam = new ParseEnumPipe({ dpa: 'dpa', realisation: 'realisation' });

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

  /** Dry run of an SKPD's DPA or realisation file: 422 BUDGET_EXCEL_INVALID (sheet, row, column) or a summary. */
  @RequirePermission('budget.write')
  @Post(':kind/preview')
  @ApiParam({ name: 'kind', enum: ['dpa', 'realisation'] })
  @XlsxUploadRoute(BudgetFileFormDto)
  preview(
    @CurrentScope() scope: TenantScope,
    @Param('kind', kindParam) kind: string,
    @Query() q: BudgetSkpdQueryDto,
    @UploadedFile() file: XlsxUpload | undefined,
  ): Promise<BudgetImportPreviewDto> {
    return this.imports.preview(scope, KINDS[kind], q.skpdId, q.year, file);
  }

  /** Writes the previewed file (same bytes, with its previewToken) in one transaction, all rows or none. */
  @RequirePermission('budget.write')
  @Post(':kind/commit')
  @ApiParam({ name: 'kind', enum: ['dpa', 'realisation'] })
  @XlsxUploadRoute(BudgetCommitFormDto)
  commit(
    @CurrentScope() scope: TenantScope,
    @Param('kind', kindParam) kind: string,
    @Query() q: BudgetSkpdQueryDto,
    @UploadedFile() file: XlsxUpload | undefined,
    @Body() dto: BudgetCommitDto,
  ): Promise<BudgetImportSummaryDto> {
    return this.imports.commit(scope, KINDS[kind], q.skpdId, q.year, file, dto.previewToken);
  }
}
