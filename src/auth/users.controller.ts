import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentScope, RequirePermission } from '../common/auth/decorators';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { CreateUserDto, ResetPasswordDto, UpdateUserDto, UserQueryDto, UserResponseDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @RequirePermission('user.read')
  @Get()
  list(@CurrentScope() scope: TenantScope, @Query() query: UserQueryDto) {
    return this.users.list(scope, query);
  }

  @RequirePermission('user.read')
  @Get(':id')
  get(@CurrentScope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string): Promise<UserResponseDto> {
    return this.users.get(scope, id);
  }

  @RequirePermission('user.manage')
  @Post()
  create(@CurrentScope() scope: TenantScope, @Body() dto: CreateUserDto): Promise<UserResponseDto> {
    return this.users.create(scope, dto);
  }

  @RequirePermission('user.manage')
  @Patch(':id')
  update(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserResponseDto> {
    return this.users.update(scope, id, dto);
  }

  /** Sets a new password chosen by the administrator; the user's sessions end. */
  @RequirePermission('user.manage')
  @Post(':id/reset-password')
  @HttpCode(204)
  resetPassword(
    @CurrentScope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ResetPasswordDto,
  ): Promise<void> {
    return this.users.resetPassword(scope, id, dto);
  }
}
