import { MAX_INT } from '../../common/validation/limits';
import { IsOptionalNonNull } from '../../common/validation/is-optional-non-null';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination';
import { type Role, ROLES } from '../roles';
import type { User } from '../entities/user.entity';

export class CreateUserDto {
  @ApiProperty({ example: 'perencana.dinkes' })
  @IsString()
  @Matches(/^[a-z0-9._-]{3,60}$/, {
    message: 'username must be 3–60 lowercase letters, digits, dot, dash or underscore',
  })
  username!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(150) displayName!: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role!: Role;
  @ApiProperty({ format: 'password' }) @IsString() @MaxLength(128) password!: string;
  /** Required when a SUPERADMIN creates a region's admin; ignored otherwise (the caller's region is used). */
  @ApiPropertyOptional() @IsOptionalNonNull() @IsUUID() regionId?: string;
  /** Required for PLANNER. */
  @ApiPropertyOptional() @IsOptionalNonNull() @IsUUID() skpdId?: string;
  @ApiPropertyOptional() @IsOptionalNonNull() @IsBoolean() isQa?: boolean;
}

export class UpdateUserDto {
  @ApiProperty({ description: 'Version the change is based on (optimistic concurrency)' })
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  version!: number;
  @ApiPropertyOptional() @IsOptionalNonNull() @IsString() @MinLength(1) @MaxLength(150) displayName?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptionalNonNull() @IsIn(ROLES) role?: Role;
  /** A planner's SKPD; null is refused for a planner (422 SKPD_REQUIRED) and ignored for other roles. */
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsUUID() skpdId?: string | null;
  @ApiPropertyOptional() @IsOptionalNonNull() @IsBoolean() isQa?: boolean;
  @ApiPropertyOptional() @IsOptionalNonNull() @IsBoolean() active?: boolean;
}

export class ResetPasswordDto {
  @ApiProperty({ format: 'password' }) @IsString() @MaxLength(128) newPassword!: string;
}

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional() @IsOptional() @IsUUID() skpdId?: string;
  @ApiPropertyOptional() @IsOptional() @IsIn(['true', 'false']) active?: 'true' | 'false';
  /** Matches username or display name. */
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) q?: string;
}

export class UserResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ nullable: true, type: String }) regionId!: string | null;
  @ApiProperty({ nullable: true, type: String }) skpdId!: string | null;
  @ApiProperty() isQa!: boolean;
  @ApiProperty() active!: boolean;
  @ApiProperty() version!: number;
}

/** The only shape a user leaves the service in: no hash, no token version. */
export const toUserResponse = (u: User): UserResponseDto => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  regionId: u.regionId,
  skpdId: u.skpdId,
  isQa: Boolean(u.isQa),
  active: Boolean(u.active),
  version: u.version,
});
