import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthUser } from './roles';

/** The authenticated caller (undefined on a public endpoint called without a token). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser | undefined => {
  return ctx.switchToHttp().getRequest<{ user?: AuthUser }>().user;
});
