import pino, { type DestinationStream } from 'pino';
import { prettyFactory } from 'pino-pretty';

/** `json`: one JSON object per line (log shippers, CI, files). `pretty`: one readable line per event (a person). */
export type LogFormat = 'json' | 'pretty';
export const LOG_FORMATS: readonly LogFormat[] = ['json', 'pretty'];

/**
 * `LOG_FORMAT=json|pretty` wins; unset, pretty only when stdout is a terminal, so anything that reads the
 * output (a container runtime, a pipe, a file, `npm start`'s parent when it is not on a terminal) gets JSON.
 */
export function chooseLogFormat(env: { LOG_FORMAT?: string }, stdoutIsTTY: boolean): LogFormat {
  const wanted = env.LOG_FORMAT?.trim();
  if (!wanted) return stdoutIsTTY ? 'pretty' : 'json';
  if ((LOG_FORMATS as string[]).includes(wanted)) return wanted as LogFormat;
  throw new Error(`LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')} (got ${JSON.stringify(wanted)})`);
}

/**
 * Fields the pretty line shows in its message (`prettyMessage`), not again among the fields after it. The request's
 * headers, query and client address are in the JSON lines only.
 */
const SHOWN_IN_MESSAGE = [
  'service',
  'context',
  'component',
  'consumer',
  'namespace',
  'req',
  'res',
  'responseTime',
];

type Paint = (text: string) => string;

/**
 * The message of a pretty line: `service context|component[/consumer] [kafkajs namespace] message`, then for an
 * access-log or error-filter line `METHOD url [status] [N ms] id=<correlation id>`; from warn up in the level's
 * colour so a warning stands out in a screenful of info lines.
 */
export function prettyMessage(
  log: Record<string, unknown>,
  messageKey: string,
  colors?: { yellow: Paint; red: Paint; gray: Paint },
): string {
  const where = [log.context ?? log.component, log.consumer].filter(Boolean).join('/');
  const head = [log.service, where, log.namespace].filter(Boolean).join(' ');
  const raw = log[messageKey];
  const text = typeof raw === 'string' ? raw : raw === undefined ? '' : JSON.stringify(raw);
  // As access-log.ts and the error filter write them.
  const req = log.req as { id?: string; method?: string; url?: string } | undefined;
  const res = log.res as { statusCode?: number } | undefined;
  const request = req?.method
    ? [
        req.method,
        req.url,
        res?.statusCode,
        typeof log.responseTime === 'number' ? `${log.responseTime} ms` : undefined,
        req.id === undefined ? undefined : `id=${req.id}`,
      ]
        .filter((part) => part !== undefined)
        .map(String)
        .join(' ')
    : '';
  const message = request ? `${text} ${request}` : text;
  const level = Number(log.level);
  const paint = !colors ? null : level >= 50 ? colors.red : level >= 40 ? colors.yellow : null;
  return `${colors ? colors.gray(head) : head} ${paint ? paint(message) : message}`;
}

/**
 * An error on a pretty line: `Type: message (at its first stack frame)`. pino-pretty would print the whole stack
 * over a dozen lines; `LOG_FORMAT=json` keeps it.
 */
export function compactError(err: string | object): string {
  if (typeof err === 'string') return err;
  if (!('message' in err)) return JSON.stringify(err);
  const { type, message, stack } = err as { type?: unknown; message?: unknown; stack?: unknown };
  const frame = typeof stack === 'string' ? /^\s+at (.+)$/m.exec(stack)?.[1] : undefined;
  // pino's err serializer types a plain `{ message }` (the access log's 5xx `err`) as 'Object'.
  const text = `${typeof type === 'string' && type !== 'Object' ? type : 'Error'}: ${String(message)}`;
  return frame ? `${text} (at ${frame})` : text;
}

/**
 * In-process pretty stream: pino-pretty's formatter in front of `destination` (default: stdout, written
 * synchronously so lines keep their order with console output and none is lost at exit). Not a worker-thread
 * transport: a service makes more than one root logger and each would start a thread. Not pino-pretty's own
 * stream either: pino tells that one its error key and it then lays errors out over several lines. Colours follow
 * the terminal (colorette: a TTY, or FORCE_COLOR, never with NO_COLOR); extra fields stay on the line, as JSON.
 */
export function createPrettyStream(destination?: DestinationStream): DestinationStream {
  const out = destination ?? pino.destination({ dest: 1, sync: true });
  const pretty = prettyFactory({
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: ['pid', 'hostname', ...SHOWN_IN_MESSAGE].join(','),
    // Errors among the line's fields, shortened; as error-like keys they would get a multi-line layout.
    errorLikeObjectKeys: [],
    customPrettifiers: { err: compactError },
    messageFormat: (log, messageKey, _label, extras) => prettyMessage(log, messageKey, extras?.colors),
  });
  return { write: (line: string) => out.write(pretty(line)) };
}
