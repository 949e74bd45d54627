import { ArgumentsHost, BadRequestException } from '@nestjs/common';
import { RuleError } from '@fg/kernel';
import { DomainError, notFound, STATUS_OF_KIND } from './domain-error';
import { ErrorFilter } from './error.filter';

/** A pure domain's error as the services define theirs: a code union whose kinds are fixed in one table. */
class TicketRuleError extends RuleError<'TICKET.INVALID_TRANSITION'> {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CONFLICT', 'TICKET.INVALID_TRANSITION', message, details);
  }
}

function respond(exception: unknown) {
  const sent: { status?: number; body?: unknown; headers?: Record<string, string> } = {};
  const res = {
    headersSent: false,
    setHeader(name: string, value: string) {
      sent.headers = { ...sent.headers, [name]: value };
    },
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
    },
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({ method: 'GET', url: '/x' }) }),
  } as unknown as ArgumentsHost;
  const log = { error: jest.fn() };
  new ErrorFilter(log as never).catch(exception, host);
  return { ...sent, logged: log.error.mock.calls.length };
}

describe('ErrorFilter', () => {
  it('gives every kind of rule error its one status', () => {
    expect(STATUS_OF_KIND).toEqual({
      INVALID: 400,
      UNAUTHENTICATED: 401,
      FORBIDDEN: 403,
      NOT_FOUND: 404,
      CONFLICT: 409,
      TOO_MANY: 429,
    });
    for (const [kind, status] of Object.entries(STATUS_OF_KIND))
      expect(respond(new DomainError(kind as never, 'X.Y', 'm')).status).toBe(status);
  });

  it("maps a pure domain's error by its kind, keeping code, message and details", () => {
    expect(respond(new TicketRuleError('Cannot call a served ticket', { status: 'served' }))).toEqual({
      status: 409,
      body: {
        statusCode: 409,
        error: 'Conflict',
        message: 'Cannot call a served ticket',
        code: 'TICKET.INVALID_TRANSITION',
        details: { status: 'served' },
      },
      logged: 0,
    });
  });

  it('leaves details out of the body when the error has none', () => {
    expect(respond(notFound('Unit', '07210', 'UNIT.NOT_FOUND')).body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Unit 07210 not found',
      code: 'UNIT.NOT_FOUND',
    });
  });

  it('keeps Nest exceptions as HTTP.<status> and hides an unexpected error behind a logged 500', () => {
    expect(respond(new BadRequestException(['a must be a string', 'b is required'])).body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'a must be a string; b is required',
      code: 'HTTP.400',
    });
    // an error that only looks like a rule error (a code, no kind) is not trusted with a status
    const lookAlike = Object.assign(new Error('secret detail'), { code: 'TICKET.INVALID_TRANSITION' });
    expect(respond(lookAlike)).toEqual({
      status: 500,
      body: {
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'Internal server error',
        code: 'INTERNAL',
      },
      logged: 1,
    });
  });

  it('answers 503 with Retry-After when the database refuses or lost connections, and logs it', () => {
    const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });
    // TypeORM's wrapper copies the driver's code and keeps the driver's error.
    const wrapped = Object.assign(new Error('sorry, too many clients already'), {
      driverError: pgError('53300', 'sorry, too many clients already'),
    });
    for (const e of [
      pgError('53300'),
      pgError('57P01'),
      pgError('57P03'),
      pgError('08006'),
      wrapped,
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      // the socket dropped during a restart: pg's own error, and TypeORM's QueryFailedError around it
      pgError('ECONNRESET', 'read ECONNRESET'),
      Object.assign(new Error('read ECONNRESET'), { driverError: pgError('ECONNRESET', 'read ECONNRESET') }),
      pgError('EPIPE', 'write EPIPE'),
    ]) {
      expect(respond(e)).toEqual({
        status: 503,
        headers: { 'Retry-After': '2' },
        body: {
          statusCode: 503,
          error: 'Service Unavailable',
          message: 'The service cannot reach its database just now; try again shortly',
          code: 'SERVICE.UNAVAILABLE',
          details: { retryAfterSeconds: 2 },
        },
        logged: 1,
      });
    }
    // A query that is wrong is not "try again later".
    for (const code of ['23505', '42P01', '22P02', '40001']) expect(respond(pgError(code)).status).toBe(500);
  });
});
