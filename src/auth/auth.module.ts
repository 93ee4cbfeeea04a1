import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { AUTH_ENTITIES } from './auth.entities';
import { AuthController } from './auth.controller';
import { AuthUserCache } from './auth-user-cache';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordService } from './password.service';
import { TokenService } from './token.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [
    TypeOrmModule.forFeature(AUTH_ENTITIES),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A KeyObject, not the string: jsonwebtoken would otherwise try (and fail) to parse the string as a PEM public
      // key on every verification before falling back to it as an HMAC secret.
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(config.JWT_SECRET)),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [
    AuthService,
    AuthUserCache,
    UsersService,
    PasswordService,
    TokenService,
    LoginThrottleService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [UsersService, PasswordService, AuthService],
})
export class AuthModule {}
