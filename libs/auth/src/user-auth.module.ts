import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { JwtModule, JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@sanbao/config';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtTokenService } from './jwt-token.service';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/**
 * People who sign in: users, password sign-in, JWTs, and the global guard that closes every
 * route but the public ones. Needs the config and persistence modules.
 */
@Module({})
export class UserAuthModule {
  static forRoot(options: { publicControllers?: Type[] } = {}): DynamicModule {
    return {
      module: UserAuthModule,
      // Global: feature modules inject UsersService; the guard must be registered only once.
      global: true,
      imports: [
        JwtModule.registerAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            secret: config.auth.jwtSecret,
            signOptions: { algorithm: 'HS256' },
          }),
        }),
      ],
      providers: [
        UsersRepository,
        UsersService,
        {
          provide: JwtTokenService,
          inject: [JwtService, APP_CONFIG],
          useFactory: (jwt: JwtService, config: AppConfig) =>
            new JwtTokenService(jwt, config.auth.jwtExpiresInSeconds),
        },
        {
          provide: APP_GUARD,
          inject: [Reflector, JwtTokenService, UsersService],
          useFactory: (reflector: Reflector, tokens: JwtTokenService, users: UsersService) =>
            new JwtAuthGuard(reflector, tokens, users, options.publicControllers ?? []),
        },
      ],
      exports: [UsersService, JwtTokenService, UsersRepository],
    };
  }
}
