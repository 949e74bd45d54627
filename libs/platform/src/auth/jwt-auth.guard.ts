import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { DomainError } from '../http/domain-error';
import { IS_PUBLIC } from './public.decorator';
import { REQUIRED_ROLES } from './roles.decorator';
import { AuthUser, Role, ROLES } from './roles';

/**
 * Global guard: every endpoint needs a valid bearer JWT unless marked @Public(); @Roles() narrows it.
 * A token on a public endpoint is still read, so a kiosk or officer is known when present.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly jwt: JwtService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest();
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()]);
    const header: string | undefined = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (token) {
      try {
        req.user = this.toUser(await this.jwt.verifyAsync(token));
      } catch {
        if (!isPublic) throw new DomainError('UNAUTHENTICATED', 'AUTH.INVALID_TOKEN', 'Invalid or expired bearer token');
      }
    }
    if (isPublic) return true;
    if (!req.user) throw new DomainError('UNAUTHENTICATED', 'AUTH.MISSING_TOKEN', 'A bearer token is required');
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [ctx.getHandler(), ctx.getClass()]);
    const user: AuthUser = req.user;
    if (required?.length && !user.roles.includes('admin') && !required.some((r) => user.roles.includes(r))) {
      throw new DomainError('FORBIDDEN', 'AUTH.ROLE_REQUIRED', `This action requires one of the roles: ${required.join(', ')}`);
    }
    return true;
  }

  private toUser(claims: Record<string, unknown>): AuthUser {
    const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is Role => ROLES.includes(r as Role)) : [];
    const units = Array.isArray(claims.units) ? claims.units.filter((u): u is string => typeof u === 'string') : [];
    if (typeof claims.sub !== 'string' || !claims.sub) throw new Error('token without sub');
    return { sub: claims.sub, roles, units, name: typeof claims.name === 'string' ? claims.name : undefined };
  }
}
