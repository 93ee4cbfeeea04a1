import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuthService } from '../auth/auth.service';
import { ChangePasswordDto, LoginDto } from '../auth/dto/auth.dto';
import { RequirePermission } from '../common/auth/decorators';
import { ConsoleAnonymous, ConsoleController } from './console-controller.decorator';
import { serviceErrors, validateForm } from './console-forms';
import type { ConsoleRequest } from './console-session';
import { ConsoleSession } from './console-session';
import { ConsoleViews } from './console-views';

type Form = Record<string, string | undefined>;

/** Only a path inside the console is a place to go back to after login (no open redirect). */
const safeReturn = (to: string | undefined): string =>
  to && /^\/konsol(\/|$|\?)/.test(to) && !to.startsWith('//') ? to : '/konsol';

/** Login, logout and change of password: AuthService, exactly as POST /auth/login, /auth/logout, /auth/change-password. */
@ConsoleController()
export class ConsoleAuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly session: ConsoleSession,
    private readonly views: ConsoleViews,
  ) {}

  @ConsoleAnonymous()
  @Get('masuk')
  loginPage(@Req() req: ConsoleRequest, @Res() res: Response, @Query('lanjut') next?: string): void {
    this.views.render(req, res, 'masuk', { title: 'Masuk', next: safeReturn(next), values: {}, errors: {} });
  }

  @ConsoleAnonymous()
  @Post('masuk')
  async login(@Req() req: ConsoleRequest, @Res() res: Response, @Body() form: Form): Promise<void> {
    const values = { username: form.username ?? '' };
    const next = safeReturn(form.lanjut);
    const checked = await validateForm(LoginDto, { username: form.username ?? '', password: form.password ?? '' });
    if (!checked.ok)
      return this.views.render(req, res, 'masuk', { title: 'Masuk', next, values, errors: checked.errors }, 400);
    try {
      this.session.start(req, res, await this.auth.login(checked.dto, req.ip ?? 'unknown'));
    } catch (err) {
      const shown = serviceErrors(err);
      if (!shown) throw err;
      return this.views.render(
        req,
        res,
        'masuk',
        { title: 'Masuk', next, values, errors: {}, summary: shown.summary },
        401,
      );
    }
    res.redirect(303, next);
  }

  @RequirePermission('session.self')
  @Post('keluar')
  async logout(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    await this.session.end(req, res, req.scope!);
    res.redirect(303, '/konsol/masuk');
  }

  @RequirePermission('session.self')
  @Get('kata-sandi')
  passwordPage(@Req() req: ConsoleRequest, @Res() res: Response): void {
    this.views.render(req, res, 'kata-sandi', { title: 'Ubah Kata Sandi', errors: {} });
  }

  /** Changing the password ends every session (AuthService); this browser logs in again with the new password. */
  @RequirePermission('session.self')
  @Post('kata-sandi')
  async changePassword(@Req() req: ConsoleRequest, @Res() res: Response, @Body() form: Form): Promise<void> {
    const scope = req.scope!;
    const page = (errors: Record<string, string>, summary?: string) =>
      this.views.render(req, res, 'kata-sandi', { title: 'Ubah Kata Sandi', errors, summary }, 422);
    const checked = await validateForm(ChangePasswordDto, {
      currentPassword: form.currentPassword ?? '',
      newPassword: form.newPassword ?? '',
    });
    if (!checked.ok) return page(checked.errors);
    if (form.newPassword !== form.confirmPassword)
      return page({ confirmPassword: 'Konfirmasi tidak sama dengan kata sandi baru.' });
    try {
      await this.auth.changePassword(scope, checked.dto);
    } catch (err) {
      const shown = serviceErrors(err);
      if (!shown) throw err;
      const weak = (err as { code?: string }).code === 'WEAK_PASSWORD';
      return page(weak ? { newPassword: shown.summary } : { currentPassword: 'Kata sandi saat ini salah.' });
    }
    this.session.start(
      req,
      res,
      await this.auth.login({ username: scope.username, password: checked.dto.newPassword }, req.ip ?? 'unknown'),
    );
    this.views.render(req, res, 'kata-sandi', { title: 'Ubah Kata Sandi', errors: {}, done: true });
  }
}
