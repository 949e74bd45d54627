import pino, { DestinationStream, Logger } from 'pino';

export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/** The process logger (stdout; `destination` for tests); access logs and background workers (relay, consumers) share it. */
export function createRootLogger(service: string, level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service },
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
