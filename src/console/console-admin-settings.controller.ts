import { Body, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequirePermission } from '../common/auth/decorators';
import { PutPerformanceSettingsDto } from '../performance/dto/realisation.dto';
import { PerformanceSettingsService } from '../performance/performance-settings.service';
import { type Form, formModel, type FormState, submitForm } from './console-admin-form';
import { ConsoleController } from './console-controller.decorator';
import type { ConsoleRequest } from './console-session';
import { ConsoleViews } from './console-views';

const PATH = '/konsol/admin/pengaturan-kinerja';
const ZERO_TARGET_LABELS: Record<string, string> = {
  NOT_COMPUTABLE: 'Tidak dapat dihitung (bawaan)',
  ZERO_CASES: 'Nol kasus: realisasi 0 bernilai 100, di atas 0 bernilai 0',
};

/** The region's performance settings — PerformanceSettingsService as behind /performance-settings. */
@ConsoleController('admin/pengaturan-kinerja')
export class ConsoleAdminSettingsController {
  constructor(
    private readonly views: ConsoleViews,
    private readonly settings: PerformanceSettingsService,
  ) {}

  @RequirePermission('realisation.reopen')
  @Get()
  page(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    return this.render(req, res, null, 200);
  }

  @RequirePermission('realisation.reopen')
  @Post()
  save(@Req() req: ConsoleRequest, @Res() res: Response, @Body() form: Form): Promise<void> {
    const plain = {
      version: Number(form.version),
      blockOnDataQuality: form.blockOnDataQuality === 'ya',
      lowerIsBetterZeroTarget: form.lowerIsBetterZeroTarget ?? '',
    };
    return submitForm(
      res,
      {
        form: 'settings',
        values: form,
        dto: PutPerformanceSettingsDto,
        plain,
        page: (s, st) => this.render(req, res, s, st),
        done: `${PATH}?ok=1`,
      },
      (dto) => this.settings.put(req.scope!, dto),
    );
  }

  private async render(req: ConsoleRequest, res: Response, state: FormState | null, status: number): Promise<void> {
    const current = await this.settings.get(req.scope!);
    const zero = state?.values.lowerIsBetterZeroTarget ?? current.lowerIsBetterZeroTarget;
    this.views.render(
      req,
      res,
      'admin-pengaturan-kinerja',
      {
        title: 'Pengaturan Kinerja',
        version: current.version,
        block: state ? state.values.blockOnDataQuality === 'ya' : current.blockOnDataQuality,
        zeroTargets: Object.entries(ZERO_TARGET_LABELS).map(([code, label]) => ({
          code,
          label,
          checked: code === zero,
        })),
        ...formModel(req, state),
      },
      status,
    );
  }
}
