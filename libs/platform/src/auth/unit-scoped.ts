import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiNotFoundResponse } from '@nestjs/swagger';
import { UNIT_CODE_PATTERN } from '@fg/contracts';
import { DomainError } from '../http/domain-error';
import { IS_PUBLIC } from './public.decorator';
import type { AuthUser } from './roles';
import { UnitAccess } from './unit-access';

/** Where a route carries its unit code: a path parameter (the usual case), a query parameter or a body field. */
export type UnitCodeSource = { param: string } | { query: string } | { body: string };

export interface UnitScopedOptions {
  /** Refuse a merged or deactivated unit (409 `UNIT.INACTIVE`): for new work such as issuing a ticket. */
  active?: boolean;
}

interface UnitRoute {
  source: UnitCodeSource;
  active: boolean;
  /** A @Public() route has no caller whose scope to check: only the unit's existence is. */
  isPublic: boolean;
}

export const UNIT_SCOPED = 'fg:unitScoped';

/**
 * Declares that a route acts for one unit, named by a path parameter (`@UnitScoped('unitCode')`) or by a query
 * or body field (`@UnitScoped({ body: 'unitCode' })`). `UnitScopedGuard` then checks, before the handler runs:
 * the code's syntax (400 `UNIT.BAD_CODE`), that this service's copy of the registry holds the unit (404
 * `UNIT.NOT_FOUND`) and, unless the route is @Public(), that the caller's token covers it (403
 * `AUTH.UNIT_OUT_OF_SCOPE`). A body field must be required by the route's DTO: without it the guard refuses (400).
 */
export const UnitScoped = (source: string | UnitCodeSource = 'unitCode', options: UnitScopedOptions = {}) =>
  applyDecorators(
    SetMetadata(UNIT_SCOPED, {
      source: typeof source === 'string' ? { param: source } : source,
      active: !!options.active,
    }),
    ApiNotFoundResponse({ description: 'UNIT.NOT_FOUND: the unit is not in this service’s unit registry' }),
  );

/**
 * Global guard (after JwtAuthGuard, which has set the caller): the unit checks of every `@UnitScoped()` route.
 * The route's metadata is read once per handler; the checks themselves are `UnitAccess`'s, so application code
 * checking a unit from a loaded record raises the very same errors.
 */
@Injectable()
export class UnitScopedGuard implements CanActivate {
  private readonly routes = new WeakMap<object, WeakMap<object, UnitRoute | null>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly access: UnitAccess,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const route = this.unitRoute(ctx);
    if (!route) return true;
    const req = ctx.switchToHttp().getRequest<{
      params?: Record<string, unknown>;
      query?: Record<string, unknown>;
      body?: unknown;
      user?: AuthUser;
    }>();
    const unitCode = unitCodeOf(req, route.source);
    if (route.isPublic) await this.access.known(unitCode, { active: route.active });
    else await this.access.assert(req.user, unitCode, { active: route.active });
    return true;
  }

  private unitRoute(ctx: ExecutionContext): UnitRoute | null {
    const handler = ctx.getHandler();
    const cls = ctx.getClass();
    let byClass = this.routes.get(handler);
    if (!byClass) this.routes.set(handler, (byClass = new WeakMap()));
    let route = byClass.get(cls);
    if (route === undefined) {
      const declared = this.reflector.getAllAndOverride<Omit<UnitRoute, 'isPublic'> | undefined>(
        UNIT_SCOPED,
        [handler, cls],
      );
      route = declared
        ? { ...declared, isPublic: !!this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, cls]) }
        : null;
      byClass.set(cls, route);
    }
    return route;
  }
}

/**
 * The unit code where the route declared it, syntax-checked here: guards run before pipes, so a malformed code
 * gets the same 400 `UNIT.BAD_CODE` as `UnitCodePipe` gives rather than a look-up.
 */
function unitCodeOf(
  req: { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown },
  source: UnitCodeSource,
): string {
  const [where, name, value] =
    'param' in source
      ? ['path parameter', source.param, req.params?.[source.param]]
      : 'query' in source
        ? ['query parameter', source.query, req.query?.[source.query]]
        : ['body field', source.body, (req.body as Record<string, unknown> | undefined)?.[source.body]];
  if (typeof value !== 'string' || !UNIT_CODE_PATTERN.test(value)) {
    throw new DomainError(
      'INVALID',
      'UNIT.BAD_CODE',
      value === undefined
        ? `The ${where} ${name} (a unit code) is required`
        : `Invalid unit code ${JSON.stringify(value)}: use 1-32 letters, digits, dots or dashes`,
    );
  }
  return value;
}
