/**
 * Errors that say "not now" rather than "wrong": the database refuses more connections (53300), is starting or
 * shutting down (57P01–57P03), ran out of resources (class 53), lost the connection (class 08, the driver's
 * own "Connection terminated…", or the socket's ECONNRESET/EPIPE), or the pool waited too long for a free
 * connection. A client that gets a 503 with Retry-After retries; a 500 tells it the request itself broke the
 * service. TypeORM wraps the driver's error (`driverError`) and copies its `code`; both are looked at.
 */
// ECONNRESET/EPIPE: the socket itself dropped as PostgreSQL shut down (pg passes it on as `read ECONNRESET`);
// a restart under traffic answered a few requests 500 through it.
const UNAVAILABLE_CODES = /^(08...|53...|57P0[123]|ECONNRESET|EPIPE)$/;
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /connect ECONNREFUSED/,
  /Client has encountered a connection error and is not queryable/,
];

/** Seconds a client should wait before trying again (short: the causes pass in seconds). */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 2;

export function isUnavailableError(err: unknown): boolean {
  for (const e of [err, (err as { driverError?: unknown } | null)?.driverError]) {
    if (e === null || typeof e !== 'object') continue;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && UNAVAILABLE_CODES.test(code)) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => m.test(message))) return true;
  }
  return false;
}
