import { Get, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequirePermission } from '../common/auth/decorators';
import { sendXlsx } from '../common/excel/xlsx-http';
import { ProvincesService } from '../provinces/provinces.service';
import { ConsoleController } from './console-controller.decorator';
import type { ConsoleRequest } from './console-session';
import { ConsoleViews } from './console-views';
import { evaluationYearOf } from './console-year';

/** The province's recap page (PROVINCE_* roles): the same service as GET /api/v1/province/recap and recap.xlsx. */
@ConsoleController('provinsi')
export class ConsoleProvinceController {
  constructor(
    private readonly views: ConsoleViews,
    private readonly provinces: ProvincesService,
  ) {}

  @RequirePermission('province.read')
  @Get()
  async recap(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    const year = evaluationYearOf(req.query.tahun);
    const recap = await this.provinces.recap(req.scope!, year);
    this.views.render(req, res, 'provinsi', { title: `Rekap Kabupaten/Kota ${year}`, year, recap });
  }

  @RequirePermission('province.read')
  @Get('unduh/rekap')
  async recapXlsx(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    sendXlsx(res, await this.provinces.recapFile(req.scope!, evaluationYearOf(req.query.tahun)));
  }
}
