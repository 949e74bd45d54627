import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** A body parser (express `json()`), run on the request later than the middleware chain. */
export type BodyParser = (req: Request, res: Response, next: NextFunction) => void;

const DEFERRED = Symbol('deferredBodyParser');
type DeferredRequest = Request & { [DEFERRED]?: BodyParser };

/**
 * Leaves a route's body unread by the middleware chain and parses it only once the guards have let the caller
 * through (`DeferredBodyGuard`): a route with a large body limit (rating's 10 MiB unit import) must not
 * buffer and parse what an unauthenticated or unauthorised client sends.
 */
export function deferBody(req: Request, parser: BodyParser): void {
  (req as DeferredRequest)[DEFERRED] = parser;
}

/** True while the request has a deferred body that nothing has read (the answer then closes the connection). */
export const hasUnreadDeferredBody = (req: Request | undefined): boolean =>
  !!req && (req as DeferredRequest)[DEFERRED] !== undefined;

/**
 * The last global guard (after JwtAuthGuard and UnitScopedGuard): parses a body `deferBody` left unread, so
 * that `@Body()` and the validation pipe see it as on every other route. A parser error (too large, malformed,
 * over the budget) reaches the ErrorFilter, which answers it as the middleware would have.
 *
 * A guard, not an interceptor (issue #21): Nest runs a route with no interceptor straight, but with one it
 * builds an rxjs pipeline and binds an AsyncResource per request, which was ~7 % of a cached dashboard
 * answer's CPU; every request paid that for the one route that defers its body. Guards of a route's own run
 * after the global ones, so a route with a body limit of its own must have none (`ServiceAppInfo.bodyLimits`).
 */
@Injectable()
export class DeferredBodyGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean | Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<DeferredRequest>();
    const parse = req[DEFERRED];
    if (!parse) return true;
    const res = ctx.switchToHttp().getResponse<Response>();
    return new Promise<boolean>((resolve, reject) =>
      // body-parser passes http-errors: Error instances whose `type` the ErrorFilter maps.
      parse(req, res, (err?: unknown) => {
        delete req[DEFERRED];
        if (err) reject(err instanceof Error ? err : new Error('body parser failed'));
        else resolve(true);
      }),
    );
  }
}
