import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CurrentScope, RequirePermission } from '../common/auth/decorators';
import { PageQueryDto } from '../common/http/pagination';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { AuditService } from './audit.service';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) entity?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(36) entityId?: string;
  @ApiPropertyOptional({ example: 'APPROVE' }) @IsOptional() @IsString() @MaxLength(60) action?: string;
  /** Who acted (exact username). */
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) username?: string;
  /** First day (inclusive), in the region's zone. */
  @ApiPropertyOptional({ format: 'date', example: '2025-01-01' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  @IsISO8601({ strict: true })
  from?: string;
  /** Last day (inclusive), in the region's zone. */
  @ApiPropertyOptional({ format: 'date', example: '2025-12-31' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  @IsISO8601({ strict: true })
  to?: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-log')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** The region's append-only audit log, newest first; filters by entity, action, username and day range. */
  @RequirePermission('audit.read')
  @Get()
  list(@CurrentScope() scope: TenantScope, @Query() query: AuditQueryDto) {
    return this.audit.list(scope, query);
  }
}
