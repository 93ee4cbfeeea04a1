import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentScope, Public, RequirePermission } from '../common/auth/decorators';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { AuthService } from './auth.service';
import { ChangePasswordDto, LoginDto, RefreshDto, TokenPairDto } from './dto/auth.dto';
import { UserResponseDto } from './dto/user.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Exchanges username and password for an access token and a refresh token. Failed attempts are throttled per username and IP. */
  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto, @Req() req: Request): Promise<TokenPairDto> {
    return this.auth.login(dto, req.ip ?? 'unknown');
  }

  /** Rotates a refresh token: the old one stops working; reusing it revokes the whole session and ends the user's access tokens. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() dto: RefreshDto): Promise<TokenPairDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  /**
   * Ends the caller's session: the refresh token's family is revoked if the token is the caller's own (another
   * user's token revokes nothing, and the answer is 204 all the same), and the access token in use stops working.
   */
  @ApiBearerAuth()
  @RequirePermission('session.self')
  @Post('logout')
  @HttpCode(204)
  logout(@CurrentScope() scope: TenantScope, @Body() dto: RefreshDto): Promise<void> {
    return this.auth.logout(scope, dto.refreshToken);
  }

  /** Changes the caller's password; every other session ends. */
  @ApiBearerAuth()
  @RequirePermission('session.self')
  @Post('change-password')
  @HttpCode(204)
  changePassword(@CurrentScope() scope: TenantScope, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(scope, dto);
  }

  @ApiBearerAuth()
  @RequirePermission('session.self')
  @Get('me')
  me(@CurrentScope() scope: TenantScope): Promise<UserResponseDto> {
    return this.auth.me(scope);
  }
}
