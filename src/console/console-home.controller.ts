import { All, Controller, Get, Redirect, Req, Res, SetMetadata } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public, RequirePermission } from '../common/auth/decorators';
import { NotFoundError } from '../common/errors/domain-error';
import { CONSOLE_CONTROLLER, ConsoleController } from './console-controller.decorator';
import { ConsoleDashboards } from './console-dashboards';
import type { ConsoleRequest } from './console-session';
import { ConsoleViews } from './console-views';

/** `/` opens the console. */
@Controller()
@SetMetadata(CONSOLE_CONTROLLER, true)
@ApiExcludeController()
export class ConsoleRootController {
  @Public()
  @Get()
  @Redirect('/konsol', 302)
  root(): void {}
}

/** The dashboard for the caller's scope. */
@ConsoleController()
export class ConsoleHomeController {
  constructor(
    private readonly views: ConsoleViews,
    private readonly dashboards: ConsoleDashboards,
  ) {}

  @RequirePermission('session.self')
  @Get()
  async home(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    const scope = req.scope!;
    const year = await this.dashboards.evaluationYear(req.scope!, req.query.tahun);
    this.views.render(req, res, 'beranda', {
      title: 'Beranda',
      year,
      ...(await this.dashboards.forScope(scope, year)),
    });
  }
}

/** Registered last: any other /konsol address is a 404 page (after login), never the API's JSON. */
@ConsoleController()
export class ConsoleNotFoundController {
  @RequirePermission('session.self')
  @All('{*rest}')
  notFound(): never {
    throw new NotFoundError('Page');
  }
}
