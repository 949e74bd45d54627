import { Writable } from 'node:stream';
import { chooseLogFormat, compactError, prettyMessage } from './log-format';
import { createRootLogger, logFormatOf } from './root-logger';

describe('chooseLogFormat', () => {
  it('is pretty on a terminal and JSON otherwise when LOG_FORMAT is unset or empty', () => {
    expect(chooseLogFormat({}, true)).toBe('pretty');
    expect(chooseLogFormat({}, false)).toBe('json');
    expect(chooseLogFormat({ LOG_FORMAT: '' }, true)).toBe('pretty');
    expect(chooseLogFormat({ LOG_FORMAT: ' ' }, false)).toBe('json');
  });

  it('follows LOG_FORMAT whatever stdout is', () => {
    expect(chooseLogFormat({ LOG_FORMAT: 'json' }, true)).toBe('json');
    expect(chooseLogFormat({ LOG_FORMAT: 'pretty' }, false)).toBe('pretty');
  });

  it('refuses any other LOG_FORMAT instead of guessing', () => {
    expect(() => chooseLogFormat({ LOG_FORMAT: 'Pretty' }, true)).toThrow(
      'LOG_FORMAT must be one of json, pretty (got "Pretty")',
    );
    expect(() => chooseLogFormat({ LOG_FORMAT: 'text' }, false)).toThrow(/LOG_FORMAT/);
  });
});

describe('pretty log lines', () => {
  const colors = {
    red: (s: string) => `<red>${s}`,
    yellow: (s: string) => `<yellow>${s}`,
    gray: (s: string) => s,
  };

  it('puts service, context or component/consumer and kafkajs namespace in front of the message', () => {
    expect(prettyMessage({ service: 'queue', context: 'NestApplication', msg: 'started' }, 'msg')).toBe(
      'queue NestApplication started',
    );
    expect(
      prettyMessage(
        { service: 'rating', component: 'consumer', consumer: 'ticket-events', msg: 'joined' },
        'msg',
      ),
    ).toBe('rating consumer/ticket-events joined');
    expect(
      prettyMessage({ service: 'queue', component: 'kafka', namespace: 'Producer', msg: 'x' }, 'msg'),
    ).toBe('queue kafka Producer x');
  });

  it('shows an access-log line as method, url, status, duration and correlation id', () => {
    const line = {
      service: 'queue',
      msg: 'request completed',
      req: { id: 'c-1', method: 'GET', url: '/api/v1/tickets/x', headers: { host: 'h' } },
      res: { statusCode: 401, headers: {} },
      responseTime: 3,
    };
    expect(prettyMessage(line, 'msg')).toBe('queue request completed GET /api/v1/tickets/x 401 3 ms id=c-1');
    expect(
      prettyMessage(
        { service: 'queue', msg: 'unhandled', req: { id: 'c-2', method: 'POST', url: '/x' } },
        'msg',
      ),
    ).toBe('queue unhandled POST /x id=c-2');
  });

  it('paints the message of warnings and errors only', () => {
    expect(prettyMessage({ level: 30, service: 's', msg: 'fine' }, 'msg', colors)).toBe('s fine');
    expect(prettyMessage({ level: 40, service: 's', msg: 'hm' }, 'msg', colors)).toBe('s <yellow>hm');
    expect(prettyMessage({ level: 50, service: 's', msg: 'bad' }, 'msg', colors)).toBe('s <red>bad');
  });

  it('writes one line per event with the extra fields on it, not the prefix fields again', () => {
    let out = '';
    const sink = new Writable({
      write(chunk, _enc, cb) {
        out += String(chunk);
        cb();
      },
    });
    const logger = createRootLogger('queue', 'info', sink, 'pretty');
    expect(logFormatOf(logger)).toBe('pretty');
    logger.child({ component: 'outbox-relay' }).warn({ err: new Error('boom'), attempt: 2 }, 'relay failed');
    logger.debug('not at info');
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] WARN: queue outbox-relay relay failed /);
    expect(lines[0]).toContain('"attempt":2');
    expect(lines[0]).toMatch(/"err":"Error: boom \(at .*log-format\.unit\.spec\.ts:\d+:\d+\)\)"/);
    expect(lines[0]).not.toContain('"service"');
    expect(lines[0]).not.toContain('"component"');
  });

  it('shortens an error to its type, message and first frame, and leaves anything else alone', () => {
    expect(
      compactError({
        type: 'TypeError',
        message: 'x is undefined',
        stack: 'TypeError: x\n    at f (a.ts:1:2)\n    at g (b.ts:3:4)',
      }),
    ).toBe('TypeError: x is undefined (at f (a.ts:1:2))');
    expect(compactError({ message: 'no stack' })).toBe('Error: no stack');
    expect(compactError({ type: 'Object', message: 'plain' })).toBe('Error: plain');
    expect(compactError('text')).toBe('text');
    expect(compactError({ code: 42 })).toBe('{"code":42}');
  });

  it('leaves a root logger given a destination and no format in JSON', () => {
    const sink = new Writable({ write: (_c, _e, cb) => cb() });
    expect(logFormatOf(createRootLogger('queue', 'info', sink))).toBe('json');
  });
});
