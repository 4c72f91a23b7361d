import { CanActivate, ExecutionContext, Injectable, Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { UserRole } from '@sanbao/persistence';
import { ALLOWED_ROLES, IS_PUBLIC } from './auth.decorators';
import { AuthError } from './auth.errors';
import { JwtTokenService } from './jwt-token.service';
import type { Principal } from './principal';
import { UsersService } from './users.service';

interface AuthRequest {
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
}

/**
 * Every route needs a valid bearer token unless marked @Public(); then @Roles() narrows it.
 * Used as the API's global guard, so a new route is closed until someone opens it.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: JwtTokenService,
    private readonly users: UsersService,
    private readonly publicControllers: Type[] = [],
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (this.publicControllers.includes(context.getClass())) return true;

    const request = context.switchToHttp().getRequest<AuthRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token)
      throw new AuthError('unauthenticated', 'sign in first: Authorization: Bearer <token>');
    const { userId, tokenVersion } = await this.tokens.verify(token);
    const principal = await this.users.principalForToken(userId, tokenVersion);
    request.principal = principal;

    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !roles.includes(principal.role)) {
      throw new AuthError('forbidden', `this is not open to the role ${principal.role}`);
    }
    return true;
  }
}

function bearerToken(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(header.trim());
  return match?.[1];
}
