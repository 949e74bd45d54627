import type { LoggerService } from '@nestjs/common';

/**
 * Nest's start-up detail: one line per module initialised (InstanceLoader), per controller (RoutesResolver) and
 * per route (RouterExplorer), 60 lines a service. The routes are in the OpenAPI document at /docs.
 */
export const NEST_STARTUP_DETAIL_CONTEXTS: ReadonlySet<string> = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
]);

/**
 * Nest's logger (`base`, nestjs-pino's) with the start-up detail at debug instead of info, so that a service's
 * start shows what it connected to and where it listens, in JSON as on a terminal. Nest passes the context as the
 * last argument of `log(message, context)`.
 */
export function withStartupDetailAtDebug(base: LoggerService): LoggerService {
  return {
    log: (message: unknown, ...params: unknown[]) => {
      const context = params[params.length - 1];
      if (typeof context === 'string' && NEST_STARTUP_DETAIL_CONTEXTS.has(context))
        base.debug?.(message, ...params);
      else base.log(message, ...params);
    },
    error: (message: unknown, ...params: unknown[]) => {
      base.error(message, ...params);
    },
    warn: (message: unknown, ...params: unknown[]) => {
      base.warn(message, ...params);
    },
    debug: (message: unknown, ...params: unknown[]) => {
      base.debug?.(message, ...params);
    },
    verbose: (message: unknown, ...params: unknown[]) => {
      base.verbose?.(message, ...params);
    },
    fatal: (message: unknown, ...params: unknown[]) => {
      base.fatal?.(message, ...params);
    },
  };
}
