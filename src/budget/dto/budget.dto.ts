import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { IsOptionalNonNull } from '../../common/validation/is-optional-non-null';
import { IsYear } from '../../common/validation/is-year';
import { EFFICIENCY_RULES, type EfficiencyRule } from '../domain/efficiency';

/** One SKPD's budget for a year (planners: their own SKPD; another is a 404). */
export class BudgetSkpdQueryDto {
  @ApiProperty() @IsUUID() skpdId!: string;
  @ApiProperty({ example: 2025 }) @IsYear({ query: true }) year!: number;
}

export class BudgetOverviewQueryDto extends BudgetSkpdQueryDto {
  /** Realisation up to this quarter (default: the whole year). */
  @ApiPropertyOptional({ minimum: 1, maximum: 4 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(4)
  quarter?: number;
}

export class BudgetYearQueryDto {
  @ApiProperty({ example: 2025 }) @IsYear({ query: true }) year!: number;
}

/** The efficiency workbook: one SKPD, or (without skpdId) every budgeted SKPD the caller sees. */
export class EfficiencyWorkbookQueryDto extends BudgetYearQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() skpdId?: string;
}

export class PutBudgetSettingsDto {
  @ApiProperty({ enum: EFFICIENCY_RULES }) @IsIn(EFFICIENCY_RULES) efficiencyRule!: EfficiencyRule;
  /** Points (DIFFERENCE) or percent of the ratio (RATIO), 0–100, up to 2 decimals. @example "5" */
  @ApiProperty({ type: String, format: 'decimal', example: '5' })
  @IsString()
  @Matches(/^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/, { message: 'tolerance must be a decimal string from 0 to 100' })
  tolerance!: string;
  /** The version read; required once the region has settings. */
  @ApiPropertyOptional({ minimum: 1, maximum: 2147483647 })
  @IsOptionalNonNull()
  @IsInt()
  @Min(1)
  @Max(2147483647)
  version?: number;
}

export class BudgetSettingsDto {
  @ApiProperty({ enum: EFFICIENCY_RULES }) efficiencyRule!: EfficiencyRule;
  @ApiProperty({ type: String, format: 'decimal' }) tolerance!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Null while the region uses the default' })
  version!: number | null;
}

export class BudgetImportSummaryDto {
  @ApiProperty({ enum: ['DPA', 'REALISATION'] }) kind!: string;
  @ApiProperty() skpdId!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ description: 'Data rows read' }) rows!: number;
  @ApiProperty() added!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() unchanged!: number;
}

export class BudgetImportPreviewDto extends BudgetImportSummaryDto {
  @ApiProperty({ description: 'Send with the same file to /commit' }) previewToken!: string;
}

export class PercentDto {
  @ApiProperty({ example: '72.19' }) display!: string;
  @ApiProperty() exact!: string;
}

export class BudgetTotalsDto {
  @ApiProperty() subKegiatan!: number;
  @ApiProperty({ type: String, format: 'decimal', description: 'DPA pagu (Rupiah)' }) paguOriginal!: string;
  @ApiProperty({ type: String, format: 'decimal', description: 'Pagu in force: DPA-P where revised' }) pagu!: string;
  @ApiProperty() revisedSubKegiatan!: number;
  @ApiProperty({ type: [String], description: 'Spent in TW I–IV' }) realisation!: string[];
  @ApiProperty({ type: String, format: 'decimal' }) realisationTotal!: string;
  @ApiProperty({ type: PercentDto, nullable: true }) serapan!: PercentDto | null;
  @ApiProperty({ type: [Number] }) quartersWithoutRealisation!: number[];
}

export class BudgetGroupDto extends BudgetTotalsDto {
  @ApiProperty() code!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
}

export class BudgetSubKegiatanDto {
  @ApiProperty() code!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, format: 'decimal' }) paguOriginal!: string;
  @ApiProperty({ type: String, format: 'decimal', nullable: true }) paguRevised!: string | null;
  @ApiProperty({ type: [String], description: 'TW I–IV (null = not reported)' }) realisation!: (string | null)[];
}

export class BudgetWarningDto {
  @ApiProperty({ enum: ['REALISATION_ABOVE_PAGU', 'QUARTER_WITHOUT_REALISATION', 'PROGRAM_WITHOUT_INDICATOR'] })
  code!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() message!: string;
}

export class BudgetOverviewDto {
  @ApiProperty() skpdId!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ type: Number, nullable: true }) quarter!: number | null;
  @ApiProperty({ type: BudgetTotalsDto }) skpd!: BudgetTotalsDto;
  @ApiProperty({ type: [BudgetGroupDto] }) programs!: BudgetGroupDto[];
  @ApiProperty({ type: [BudgetGroupDto] }) kegiatan!: BudgetGroupDto[];
  @ApiProperty({ type: [BudgetSubKegiatanDto] }) subKegiatan!: BudgetSubKegiatanDto[];
  @ApiProperty({ type: [BudgetWarningDto] }) warnings!: BudgetWarningDto[];
}

export class EfficiencyRowDto {
  @ApiProperty({ enum: ['SASARAN', 'PROGRAM'] }) level!: string;
  @ApiProperty() nodeId!: string;
  @ApiProperty() nodeCode!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String], description: 'Nomenclature codes whose budget counts' }) codes!: string[];
  @ApiProperty({ type: PercentDto, nullable: true }) capaian!: PercentDto | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The node whose PK indicators give the capaian: the node itself, or the sasaran a program serves',
  })
  capaianNodeId!: string | null;
  @ApiProperty({ type: String, format: 'decimal' }) pagu!: string;
  @ApiProperty({ type: String, format: 'decimal' }) realisation!: string;
  @ApiProperty({ type: PercentDto, nullable: true }) serapan!: PercentDto | null;
  @ApiProperty({ type: PercentDto, nullable: true, description: 'capaian − serapan (points)' })
  difference!: PercentDto | null;
  @ApiProperty({ enum: ['EFISIEN', 'TIDAK_EFISIEN', 'TIDAK_DAPAT_DIHITUNG'] }) label!: string;
  @ApiProperty({ example: 'efisien' }) labelText!: string;
  @ApiProperty({ type: String, nullable: true, enum: ['NO_BUDGET', 'ZERO_PAGU', 'NO_REALISATION', 'NO_CAPAIAN'] })
  reason!: string | null;
  @ApiProperty({ type: String, nullable: true }) reasonText!: string | null;
}

export class EfficiencyRuleDto {
  @ApiProperty({ enum: EFFICIENCY_RULES }) efficiencyRule!: string;
  @ApiProperty({ type: String, format: 'decimal' }) tolerance!: string;
}

export class EfficiencyDto {
  @ApiProperty() skpdId!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ type: EfficiencyRuleDto }) rule!: EfficiencyRuleDto;
  @ApiProperty({ type: [EfficiencyRowDto] }) sasaran!: EfficiencyRowDto[];
  @ApiProperty({ type: [EfficiencyRowDto] }) programs!: EfficiencyRowDto[];
}
