import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { accessLogEntry, accessLogLevel, accessLogMessage, correlationIdOf } from '../logging/access-log';
import { logFormatOf } from '../logging/root-logger';
import { recordHttpDuration } from '../metrics/http-metrics';

type Req = IncomingMessage & { id?: string; route?: { path?: unknown }; baseUrl?: string };

/**
 * One Express middleware (the first) for what every request needs around it, at the cost of one listener:
 *
 * - `req.id`: the correlation id (`@CorrelationId()`, the events' `correlationid`, the access log).
 * - the latency histogram `http_request_duration_seconds{method,route,status}` for every answered request.
 * - one access-log line when the response is done, in the shape pino-http wrote, built only when its level is
 *   enabled (see `logging/access-log.ts`). pino-http made a child logger per request, which serialized and
 *   redacted the request's headers every time even when the line was then not written, and nestjs-pino ran
 *   every request in an AsyncLocalStorage context (async hooks on every promise) to find that child.
 */
export function requestObserver(logger: Logger) {
  const format = logFormatOf(logger);
  return function observeRequest(req: Req, res: ServerResponse, next: (err?: unknown) => void): void {
    const started = process.hrtime.bigint();
    req.id ??= correlationIdOf(req);
    // 'close' follows 'finish' on every response, and also comes when the client went away before it.
    res.on('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const completed = res.writableFinished;
      if (completed) recordHttpDuration(req, res.statusCode, seconds);
      const level = accessLogLevel(res.statusCode, format);
      if (logger.isLevelEnabled(level))
        logger[level](accessLogEntry(req, res, seconds), accessLogMessage(req, res));
    });
    next();
  };
}
