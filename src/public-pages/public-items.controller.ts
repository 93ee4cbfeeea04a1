import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentScope, RequirePermission } from '../common/auth/decorators';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { PublicItemResponseDto, PublishItemDto } from './dto/public-item.dto';
import { PublicPagesService } from './public-pages.service';

/** What the region shows on its public page (/publik/<code>), chosen item by item by its admin. */
@ApiTags('public-pages')
@ApiBearerAuth()
@Controller('public-items')
export class PublicItemsController {
  constructor(private readonly pages: PublicPagesService) {}

  @RequirePermission('publication.manage')
  @Get()
  list(@CurrentScope() scope: TenantScope): Promise<PublicItemResponseDto[]> {
    return this.pages.list(scope);
  }

  /** Publishes an item (HISTORY, IKU of a year, or a completely signed DOCUMENT); publishing twice changes nothing. */
  @RequirePermission('publication.manage')
  @Put()
  publish(@CurrentScope() scope: TenantScope, @Body() dto: PublishItemDto): Promise<PublicItemResponseDto> {
    return this.pages.publish(scope, dto);
  }

  /** Withdraws an item: it leaves the public page on the next request. */
  @RequirePermission('publication.manage')
  @Delete(':id')
  @HttpCode(204)
  async withdraw(@CurrentScope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.pages.withdraw(scope, id);
  }
}
