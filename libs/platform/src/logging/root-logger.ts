import pino, { Logger } from 'pino';

export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/** The process logger; HTTP request logs and background workers (relay, consumers) share it. */
export function createRootLogger(service: string, level: string): Logger {
  return pino({
    level,
    base: { service },
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
