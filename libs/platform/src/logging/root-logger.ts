import pino, { DestinationStream, Logger } from 'pino';
import { chooseLogFormat, createPrettyStream, LogFormat } from './log-format';
import { redactRequest } from './redact';

export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

const formats = new WeakMap<Logger, LogFormat>();

/**
 * The process logger; access logs and background workers (relay, consumers) share it. Written to stdout as
 * `format` (default: `LOG_FORMAT`, else pretty on a terminal and JSON otherwise, see `chooseLogFormat`), or as
 * JSON to `destination` (tests).
 */
export function createRootLogger(
  service: string,
  level: string,
  destination?: DestinationStream,
  format: LogFormat = destination ? 'json' : chooseLogFormat(process.env, process.stdout.isTTY === true),
): Logger {
  const options = {
    level,
    base: { service },
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    // Look-up keys and survey tokens in URLs, queries and params (redact.ts): path-based `redact` cannot reach
    // inside a URL string.
    serializers: { req: redactRequest },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  const logger =
    format === 'pretty'
      ? pino(options, createPrettyStream(destination))
      : destination
        ? pino(options, destination)
        : pino(options);
  formats.set(logger, format);
  return logger;
}

/** The format a root logger writes (`json` for any other logger): decides how loud the access log is. */
export function logFormatOf(logger: Logger): LogFormat {
  return formats.get(logger) ?? 'json';
}
