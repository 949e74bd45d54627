import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Level } from 'pino';
import type { LogFormat } from './log-format';

const CORRELATION_ID = /^[\w.-]{1,100}$/;

/** The request's correlation id: a well-formed `x-correlation-id` header (1-100 of `[A-Za-z0-9_.-]`), else a new UUID. */
export function correlationIdOf(req: Pick<IncomingMessage, 'headers'>): string {
  const header = req.headers['x-correlation-id'];
  return typeof header === 'string' && CORRELATION_ID.test(header) ? header : randomUUID();
}

/**
 * Access-log level: 5xx error, the rest debug (so not written at the default level `info`), except 4xx at info
 * in JSON: a log pipeline wants refused requests, a person at a terminal (pretty) does not want one line for
 * every 401 of a page polling without a token; `LOG_LEVEL=debug` shows them there.
 */
export function accessLogLevel(statusCode: number, format: LogFormat = 'json'): Level {
  if (statusCode >= 500) return 'error';
  return statusCode >= 400 && format === 'json' ? 'info' : 'debug';
}

type Req = IncomingMessage & { id?: string; originalUrl?: string; query?: unknown; params?: unknown };

/** "request completed", "request errored" (5xx) or "request aborted" (the client went away first), as pino-http said. */
export function accessLogMessage(req: Req, res: ServerResponse): string {
  if (res.statusCode >= 500) return 'request errored';
  return res.writableFinished && !req.readableAborted ? 'request completed' : 'request aborted';
}

/**
 * The access-log line's fields, in the shape pino-http wrote them (`req` with id, method, url, query, params,
 * headers, remote address and port; `res` with status and headers; `responseTime` in ms; `err` for a 5xx). The
 * root logger redacts `req.headers.authorization` and `req.headers.cookie`.
 */
export function accessLogEntry(req: Req, res: ServerResponse, seconds: number): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    req: {
      id: req.id,
      method: req.method,
      url: req.originalUrl ?? req.url,
      query: req.query,
      params: req.params,
      headers: req.headers,
      remoteAddress: req.socket?.remoteAddress,
      remotePort: req.socket?.remotePort,
    },
    res: { statusCode: res.statusCode, headers: res.getHeaders() },
    responseTime: Math.round(seconds * 1000),
  };
  if (res.statusCode >= 500)
    entry.err = { type: 'Error', message: `failed with status code ${res.statusCode}` };
  return entry;
}
