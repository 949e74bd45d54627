import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { ACTOR_ID_PATTERN } from '@fg/contracts';
import { DomainError } from '../http/domain-error';
import { IS_PUBLIC } from './public.decorator';
import { REQUIRED_ROLES } from './roles.decorator';
import { AuthUser, Role, ROLES } from './roles';
import { VerifiedTokens } from './verified-tokens';

interface RouteAuth {
  isPublic: boolean;
  required?: Role[];
}

/**
 * Global guard: every endpoint needs a valid bearer JWT unless marked @Public(); @Roles() narrows it.
 * A token on a public endpoint is still read, so a kiosk or officer is known when present.
 *
 * Each distinct token is verified once and its caller kept until the token expires (`VerifiedTokens`); the
 * route's @Public()/@Roles() metadata is read once per handler (decorators are fixed once the class is defined).
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly verified = new VerifiedTokens();
  private readonly routes = new WeakMap<object, WeakMap<object, RouteAuth>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  canActivate(ctx: ExecutionContext): boolean | Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<{ headers: { authorization?: string }; user?: AuthUser }>();
    const route = this.routeAuth(ctx);
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (token) {
      const known = this.verified.get(token);
      if (known) req.user = known;
      else
        return this.verify(token).then((user) => {
          if (user) req.user = user;
          else if (!route.isPublic)
            throw new DomainError('UNAUTHENTICATED', 'AUTH.INVALID_TOKEN', 'Invalid or expired bearer token');
          return this.authorize(req.user, route);
        });
    }
    return this.authorize(req.user, route);
  }

  /** The caller of a token `jwt.verify` accepts (remembered until it expires); undefined when it does not. */
  private async verify(token: string): Promise<AuthUser | undefined> {
    try {
      const claims = await this.jwt.verifyAsync<Record<string, unknown>>(token);
      const user = this.toUser(claims);
      this.verified.remember(token, claims, user);
      return user;
    } catch {
      return undefined;
    }
  }

  private authorize(user: AuthUser | undefined, route: RouteAuth): boolean {
    if (route.isPublic) return true;
    if (!user) throw new DomainError('UNAUTHENTICATED', 'AUTH.MISSING_TOKEN', 'A bearer token is required');
    const required = route.required;
    if (required?.length && !user.roles.includes('admin') && !required.some((r) => user.roles.includes(r))) {
      throw new DomainError(
        'FORBIDDEN',
        'AUTH.ROLE_REQUIRED',
        `This action requires one of the roles: ${required.join(', ')}`,
      );
    }
    return true;
  }

  private routeAuth(ctx: ExecutionContext): RouteAuth {
    const handler = ctx.getHandler();
    const cls = ctx.getClass();
    let byClass = this.routes.get(handler);
    if (!byClass) this.routes.set(handler, (byClass = new WeakMap()));
    let auth = byClass.get(cls);
    if (!auth) {
      auth = {
        isPublic: !!this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, cls]),
        required: this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [handler, cls]),
      };
      byClass.set(cls, auth);
    }
    return auth;
  }

  private toUser(claims: Record<string, unknown>): AuthUser {
    const roles = Array.isArray(claims.roles)
      ? claims.roles.filter((r): r is Role => ROLES.includes(r as Role))
      : [];
    const units = Array.isArray(claims.units)
      ? claims.units.filter((u): u is string => typeof u === 'string')
      : [];
    if (typeof claims.sub !== 'string' || !claims.sub) throw new Error('token without sub');
    // The subject is the actor id every event and audit entry carries (issue #16 row 5): a single token such
    // as a UUID, never an e-mail address or a name. Refused here (401), not as a 500 when the event is built.
    if (!ACTOR_ID_PATTERN.test(claims.sub)) throw new Error('token subject is not an id');
    return { sub: claims.sub, roles, units, name: typeof claims.name === 'string' ? claims.name : undefined };
  }
}
