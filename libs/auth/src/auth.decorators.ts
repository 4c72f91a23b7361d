import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { UserRole } from '@sanbao/persistence';
import type { Principal } from './principal';

export const IS_PUBLIC = 'sanbao:auth:public';
export const ALLOWED_ROLES = 'sanbao:auth:roles';

/** A route anyone may call without a token (sign-in). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the route; scope is checked by the service that does the work. */
export const Roles = (...roles: UserRole[]) => SetMetadata(ALLOWED_ROLES, roles);

/** The request's signed-in principal (set by JwtAuthGuard). */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<{ principal: Principal }>().principal,
);
