import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { from, Observable, switchMap } from 'rxjs';

/** A body parser (express `json()`), run on the request later than the middleware chain. */
export type BodyParser = (req: Request, res: Response, next: NextFunction) => void;

const DEFERRED = Symbol('deferredBodyParser');
type DeferredRequest = Request & { [DEFERRED]?: BodyParser };

/**
 * Leaves a route's body unread by the middleware chain and parses it only once the guards have let the caller
 * through (`DeferredBodyInterceptor`): a route with a large body limit (rating's 10 MiB unit import) must not
 * buffer and parse what an unauthenticated or unauthorised client sends.
 */
export function deferBody(req: Request, parser: BodyParser): void {
  (req as DeferredRequest)[DEFERRED] = parser;
}

/** True while the request has a deferred body that nothing has read (the answer then closes the connection). */
export const hasUnreadDeferredBody = (req: Request | undefined): boolean =>
  !!req && (req as DeferredRequest)[DEFERRED] !== undefined;

/**
 * Global interceptor (interceptors run after guards, before pipes): parses a body `deferBody` left unread, so
 * that `@Body()` and the validation pipe see it as on every other route. A parser error (too large, malformed,
 * over the budget) reaches the ErrorFilter, which answers it as the middleware would have.
 */
@Injectable()
export class DeferredBodyInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<DeferredRequest>();
    const parse = req[DEFERRED];
    if (!parse) return next.handle();
    const res = ctx.switchToHttp().getResponse<Response>();
    const parsed = new Promise<void>((resolve, reject) =>
      // body-parser passes http-errors: Error instances whose `type` the ErrorFilter maps.
      parse(req, res, (err?: unknown) => {
        delete req[DEFERRED];
        if (err) reject(err instanceof Error ? err : new Error('body parser failed'));
        else resolve();
      }),
    );
    return from(parsed).pipe(switchMap(() => next.handle()));
  }
}
