import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CurrentScope, RequirePermission } from '../common/auth/decorators';
import { PageQueryDto } from '../common/http/pagination';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { AuditService } from './audit.service';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) entity?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(36) entityId?: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-log')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** The region's append-only audit log, newest first. */
  @RequirePermission('audit.read')
  @Get()
  list(@CurrentScope() scope: TenantScope, @Query() query: AuditQueryDto) {
    return this.audit.list(scope, query);
  }
}
