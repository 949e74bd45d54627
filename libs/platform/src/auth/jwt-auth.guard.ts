import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../http/domain-error';
import { IS_PUBLIC } from './public.decorator';
import { REQUIRED_ROLES } from './roles.decorator';
import { AuthUser, Role } from './roles';
import { TokenVerifier } from './token-verifier';
import { VerifiedTokens } from './verified-tokens';

interface RouteAuth {
  isPublic: boolean;
  required?: Role[];
}

/**
 * Global guard: every endpoint needs a valid bearer JWT unless marked @Public(); @Roles() narrows it.
 * A token on a public endpoint is still read, so a kiosk or officer is known when present.
 *
 * Tokens are verified by `TokenVerifier` (trusted issuers, their keys, `exp`/`iss`/`aud`). Each distinct token is
 * verified once and its caller kept until the token expires or its issuer's key set is due again (`VerifiedTokens`); the
 * route's @Public()/@Roles() metadata is read once per handler (decorators are fixed once the class is defined).
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly verified = new VerifiedTokens();
  private readonly routes = new WeakMap<object, WeakMap<object, RouteAuth>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenVerifier,
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

  /** The caller of a token the verifier accepts (remembered while it may be reused); undefined when it does not. */
  private async verify(token: string): Promise<AuthUser | undefined> {
    try {
      const { user, reusableUntil } = await this.tokens.verify(token);
      this.verified.remember(token, user, reusableUntil);
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
}
