import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger as PinoLogger } from 'pino';
import { isRuleError } from '@fg/kernel';
import { bodyErrorProblem } from './body-errors';
import { hasUnreadDeferredBody } from './deferred-body';
import { STATUS_OF_KIND } from './domain-error';
import { isUnavailableError, UNAVAILABLE_RETRY_AFTER_SECONDS } from './unavailable-errors';

/**
 * One error shape for every service: `{statusCode, error, message, code, details?}`. Domain errors keep
 * their code; a database that refuses or lost connections is a 503 with Retry-After (unavailable-errors.ts);
 * other unexpected errors become a 500 whose detail stays in the log, not in the response.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');
  /** `log`: the root logger, so that the error's line names the request (its correlation id, method and URL). */
  constructor(private readonly log?: PinoLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500)
      this.logError(exception, host.switchToHttp().getRequest<Request & { id?: string }>());
    if (res.headersSent) return;
    // Refused before its large body was read (deferred-body.ts): close rather than let Node drain megabytes.
    if (hasUnreadDeferredBody(host.switchToHttp().getRequest<Request>()))
      res.setHeader('Connection', 'close');
    // A rate limit's 429 says when to come back in the standard header too (RFC 9110 §10.2.3), not only in details.
    const retryAfter = (body.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if ((body.statusCode === 429 || body.statusCode === 503) && typeof retryAfter === 'number')
      res.setHeader('Retry-After', String(retryAfter));
    res.status(body.statusCode).json(body);
  }

  private logError(exception: unknown, req: (Request & { id?: string }) | undefined): void {
    const stack = exception instanceof Error ? exception.stack : String(exception);
    if (!this.log) return this.logger.error(stack);
    this.log.error(
      {
        context: 'ErrorFilter',
        req: req && { id: req.id, method: req.method, url: req.originalUrl ?? req.url },
      },
      stack,
    );
  }

  private toBody(e: unknown): {
    statusCode: number;
    error: string;
    message: string;
    code: string;
    details?: unknown;
  } {
    // Every typed error (platform, application and the pure domains) extends the kernel's RuleError and carries its kind.
    if (isRuleError(e)) return this.shape(STATUS_OF_KIND[e.kind], e.code, e.message, e.details);
    if (e instanceof HttpException) {
      const status = e.getStatus();
      const r = e.getResponse();
      const detail = typeof r === 'string' ? r : (r as { message?: unknown }).message;
      const message =
        typeof detail === 'string' ? detail : Array.isArray(detail) ? detail.join('; ') : e.message;
      return this.shape(status, `HTTP.${status}`, message);
    }
    const bodyProblem = bodyErrorProblem(e);
    if (bodyProblem) return this.shape(...bodyProblem);
    if (isUnavailableError(e))
      return this.shape(
        503,
        'SERVICE.UNAVAILABLE',
        'The service cannot reach its database just now; try again shortly',
        { retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS },
      );
    return this.shape(500, 'INTERNAL', 'Internal server error');
  }

  shape(statusCode: number, code: string, message: string, details?: unknown) {
    const error = (HttpStatus[statusCode] ?? 'ERROR')
      .toString()
      .split('_')
      .map((w) => w[0] + w.slice(1).toLowerCase())
      .join(' ');
    return { statusCode, error, message, code, ...(details === undefined ? {} : { details }) };
  }
}
